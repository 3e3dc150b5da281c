import { defineScenario } from '../driver/scenario.ts';
import { enrollWithoutHandset, loginUntilOtp, TARO } from './support.ts';

export default defineScenario({
  name: 'login-otp',
  description: 'after 利用開始 the login asks for the one-time password, and a fresh code lets the customer in',
  async run(ctx) {
    const token = await enrollWithoutHandset(ctx, TARO, 'taro.login@docomo.ne.jp');
    await loginUntilOtp(ctx, TARO);
    await ctx.step('a fresh code logs in (BLI002 → BTP001)', async () => {
      await ctx.pc.loginOtp(token.nextCode());
      await ctx.pc.expectScreen('BTP001');
    });
  },
});
