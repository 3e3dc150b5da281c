import { defineScenario } from '../driver/scenario.ts';
import { enrollWithoutHandset, expectError, loginUntilOtp, TARO } from './support.ts';

export default defineScenario({
  name: 'replay-rejected',
  description: 'a code that was already used is refused (同じパスワードは連続して使用できません); the next one works',
  async run(ctx) {
    const token = await enrollWithoutHandset(ctx, TARO, 'taro.replay@softbank.ne.jp');
    await loginUntilOtp(ctx, TARO);
    const used = token.nextCode();
    await ctx.step('a fresh code logs in', async () => {
      await ctx.pc.loginOtp(used);
      await ctx.pc.expectScreen('BTP001');
    });
    await loginUntilOtp(ctx, TARO);
    await ctx.step('the same code again is refused', async () => {
      await ctx.pc.loginOtp(used);
      await ctx.pc.expectScreen('BLI002');
      await expectError(ctx, '同じパスワードは連続して使用できません');
    });
    await ctx.step('the next code is accepted', async () => {
      await ctx.pc.loginOtp(token.nextCode());
      await ctx.pc.expectScreen('BTP001');
    });
  },
});
