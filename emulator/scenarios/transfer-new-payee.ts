import { check, defineScenario } from '../driver/scenario.ts';
import { enrollWithoutHandset, loginUntilOtp, TARO } from './support.ts';

export default defineScenario({
  name: 'transfer-new-payee',
  description: 'a transfer to a payee not registered in advance asks for the OTP and is done with it',
  async run(ctx) {
    const token = await enrollWithoutHandset(ctx, TARO, 'taro.transfer@ezweb.ne.jp');
    await loginUntilOtp(ctx, TARO);
    await ctx.step('OTP login', async () => {
      await ctx.pc.loginOtp(token.nextCode());
      await ctx.pc.expectScreen('BTP001');
    });
    await ctx.step('new payee: BFK001 → BFK002 → BFK003 → 次へ → BFK005 asks for the OTP', async () => {
      await ctx.pc.transferToNewPayee({ bank: 'さくら坂銀行', branch: '北支店', accountNumber: '7777777', holder: 'ヤマダ タロウ', amount: '30000' });
      await ctx.pc.click('次へ');
      await ctx.pc.expectScreen('BFK005');
      check((await ctx.pc.page.$('[name="otp"]')) !== null, 'BFK005 does not ask for the one-time password');
    });
    await ctx.step('次へ with a fresh code (BFK004, 認証済)', async () => {
      await ctx.pc.confirmTransfer(token.nextCode());
      await ctx.pc.expectScreen('BFK004');
      check((await ctx.pc.text('[data-field=otpChecked]')) === '認証済', 'BFK004 does not say the OTP was checked');
    });
  },
});
