import { check, defineScenario } from '../driver/scenario.ts';
import { ADMIN01, bizLogin, confirmNewToken, enrolPhone, expectNoSerial, GENERAL_PASSWORD, openUser } from './biz-support.ts';

/** Seed 004 《トークンの交換方法》: W0002's token is exchanged for a new phone's; the old one stops at once. */
export default defineScenario({
  name: 'biz-exchange',
  description: 'admin01 exchanges W0002’s token: the current code (BOA003), then the new serial + code + 承認用パスワード (BOA004); the old phone’s codes are refused afterwards',
  async run(ctx) {
    const { pc } = ctx;
    const oldPhone = await enrolPhone(ctx, 'the old phone');
    const newPhone = await enrolPhone(ctx, 'the new phone');
    await ctx.step('admin01 registers the old phone for W0002', async () => {
      await bizLogin(pc, ADMIN01.loginId, ADMIN01.password);
      await pc.expectScreen('BBM001');
      await openUser(pc, 'W0002');
      await pc.click('登録 ▶');
      await confirmNewToken(pc, oldPhone);
    });
    await ctx.step('登録 ▶ asks for the current token’s code first (BOA003) → 次へ > → BOA004', async () => {
      await openUser(pc, 'W0002');
      check((await pc.text('[data-field="status"]')) === '登録完了', 'BOA002 does not show 登録完了');
      await pc.click('登録 ▶');
      await pc.expectScreen('BOA003');
      await pc.fill({ otp: oldPhone.nextCode() });
      await pc.click('次へ >');
    });
    await ctx.step('the new phone’s serial, code and 承認用パスワード → 交換が完了しました', async () => {
      await confirmNewToken(pc, newPhone);
      check((await pc.text('.message-notice')) === '交換が完了しました。', 'BOA005 does not say 交換が完了しました。');
      await expectNoSerial(pc, oldPhone.serial);
      await expectNoSerial(pc, newPhone.serial);
      await pc.click('ログアウト');
    });
    await ctx.step('W0002: the old phone’s code is refused, the new phone’s works', async () => {
      await bizLogin(pc, 'W0002', GENERAL_PASSWORD);
      await pc.expectScreen('BBL002');
      await pc.fill({ otp: oldPhone.nextCode() });
      await pc.click('ログイン');
      await pc.expectScreen('BBL002');
      check((await pc.errors()).length > 0, 'the old phone’s code got no error');
      await pc.fill({ otp: newPhone.nextCode() });
      await pc.click('ログイン');
      await pc.expectScreen('BBM001');
    });
  },
});
