import { check, defineScenario } from '../driver/scenario.ts';
import { ADMIN01, bizLogin, confirmNewToken, enrolPhone, expectNoSerial, GENERAL_PASSWORD, openUser } from './biz-support.ts';

/** Seed 004: a phone enrols itself, admin01 registers it for W0005, W0005 logs in with its code. */
export default defineScenario({
  name: 'biz-register',
  description: 'a self-enrolled business token is registered by admin01 for W0005 (BOA001 → BOA002 → BOA004 → BOA005); W0005 then logs in with its code (BBL002); a replayed code is refused',
  async run(ctx) {
    const { pc } = ctx;
    const phone = await enrolPhone(ctx, 'W0005’s phone');
    await ctx.step('admin01 logs in (BBL001 → BBM001)', async () => {
      await bizLogin(pc, ADMIN01.loginId, ADMIN01.password);
      await pc.expectScreen('BBM001');
    });
    await ctx.step('BOA001 lists 12 users, W0005 without a token; BOA002 shows 未登録', async () => {
      await pc.goto('/biz/admin/otp');
      await pc.expectScreen('BOA001');
      const count = await pc.text('[data-field="count"]');
      check(count === '1から10件/12件', `BOA001 shows ${count}`);
      await openUser(pc, 'W0005');
      check((await pc.text('[data-field="status"]')) === '未登録', 'BOA002 does not show 未登録');
    });
    await ctx.step('登録 ▶ → BOA004 → 確定 → BOA005', async () => {
      await pc.click('登録 ▶');
      await confirmNewToken(pc, phone);
      await expectNoSerial(pc, phone.serial);
    });
    await ctx.step('admin01 logs out; W0005 is asked for the code (BBL002) and gets in', async () => {
      await pc.click('ログアウト');
      await bizLogin(pc, 'W0005', GENERAL_PASSWORD);
      await pc.expectScreen('BBL002');
      const code = phone.nextCode();
      await pc.fill({ otp: code });
      await pc.click('ログイン');
      await pc.expectScreen('BBM001');
      await pc.click('ログアウト');
      await bizLogin(pc, 'W0005', GENERAL_PASSWORD);
      await pc.fill({ otp: code });
      await pc.click('ログイン');
      await pc.expectScreen('BBL002');
      const errors = await pc.errors();
      check(errors.some((error) => error.includes('同じパスワードは連続して使用できません')), `a replayed code got: ${errors.join(' / ')}`);
    });
  },
});
