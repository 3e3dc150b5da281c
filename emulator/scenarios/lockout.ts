import { PERSONAL_POLICY } from '../../gateway/otp/policy.ts';
import { check, defineScenario } from '../driver/scenario.ts';
import { enrollWithoutHandset, expectError, loginUntilOtp, TARO } from './support.ts';

/** Eight digits that no token shows in practice (one chance in 10^8 per step). */
const WRONG = '00000000';

export default defineScenario({
  name: 'lockout',
  description: `${PERSONAL_POLICY.maxFailures} wrong one-time passwords lock the token; then even a right code is refused`,
  async run(ctx) {
    const token = await enrollWithoutHandset(ctx, TARO, 'taro.lockout@docomo.ne.jp');
    await loginUntilOtp(ctx, TARO);
    await ctx.step(`${PERSONAL_POLICY.maxFailures - 1} wrong codes count down the attempts left`, async () => {
      for (let left = PERSONAL_POLICY.maxFailures - 1; left >= 1; left--) {
        await ctx.pc.loginOtp(WRONG);
        await ctx.pc.expectScreen('BLI002');
        await expectError(ctx, `あと${left}回誤るとロックされます`);
      }
    });
    await ctx.step('the last wrong code locks', async () => {
      await ctx.pc.loginOtp(WRONG);
      await expectError(ctx, 'ロックしました');
    });
    await ctx.step('a right code is refused while locked', async () => {
      await ctx.pc.loginOtp(token.nextCode());
      await expectError(ctx, 'ロックされています');
      check((await ctx.pc.screen()) !== 'BTP001', 'the locked token let the customer in');
    });
  },
});
