import { check, defineScenario } from '../driver/scenario.ts';
import { ADMIN01, bizLogin, confirmNewToken, enrolPhone, GENERAL_PASSWORD, openUser } from './biz-support.ts';

/** 登録解除 (BOA006 → BOA007): afterwards the user logs in with the password alone. */
export default defineScenario({
  name: 'biz-unregister',
  description: 'admin01 registers a token for W0011 (list page 2), then unregisters it with the current code and 承認用パスワード; W0011 then logs in without an OTP',
  async run(ctx) {
    const { pc } = ctx;
    const phone = await enrolPhone(ctx, 'W0011’s phone');
    await ctx.step('admin01 registers it for W0011 (on BOA001’s second page)', async () => {
      await bizLogin(pc, ADMIN01.loginId, ADMIN01.password);
      await pc.expectScreen('BBM001');
      await openUser(pc, 'W0011');
      await pc.click('登録 ▶');
      await confirmNewToken(pc, phone);
    });
    await ctx.step('登録解除 ▶ (BOA006): a wrong 承認用パスワード is refused, then 解除する → BOA007', async () => {
      await openUser(pc, 'W0011');
      await pc.click('登録解除 ▶');
      await pc.expectScreen('BOA006');
      // The password is checked before the code: the refused attempt leaves the code unused.
      const code = phone.nextCode();
      await pc.fill({ otp: code, approvalPassword: 'wrong-one' });
      await pc.click('解除する');
      await pc.expectScreen('BOA006');
      check((await pc.errors()).some((error) => error.includes('承認用パスワードが正しくありません')), 'a wrong 承認用パスワード was not refused');
      await pc.fill({ otp: code, approvalPassword: ADMIN01.approvalPassword });
      await pc.click('解除する');
      await pc.expectScreen('BOA007');
      await pc.click('ログアウト');
    });
    await ctx.step('W0011 logs in with the password alone', async () => {
      await bizLogin(pc, 'W0011', GENERAL_PASSWORD);
      await pc.expectScreen('BBM001');
    });
  },
});
