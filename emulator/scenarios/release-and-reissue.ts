import { check, defineScenario } from '../driver/scenario.ts';
import { mailedTicket } from './handsets.ts';
import { enrollWithoutHandset, expectError, HANAKO, loginUntilOtp, ProvisionedToken, untilNextJstDay } from './support.ts';

export default defineScenario({
  name: 'release-and-reissue',
  description: '利用解除 refuses a new トークン発行 the same day; the next day (Japan time, via the clock) it works again',
  async run(ctx) {
    const token = await enrollWithoutHandset(ctx, HANAKO, 'hanako.reissue@docomo.ne.jp');
    await loginUntilOtp(ctx, HANAKO);
    await ctx.step('OTP login', async () => {
      await ctx.pc.loginOtp(token.nextCode());
      await ctx.pc.expectScreen('BTP001');
    });
    await ctx.step('利用解除 (BOS001 → BOS002) tells to delete the token in the app', async () => {
      await ctx.pc.release(HANAKO.confirmPassword);
      check((await ctx.pc.page.content()).includes('トークン削除'), 'BOS002 does not mention トークン削除');
    });
    await ctx.step('トークン発行 the same day is refused', async () => {
      await ctx.pc.goto('/ib/otp');
      await ctx.pc.click('トークン発行');
      await ctx.pc.expectScreen('BOP001');
      await expectError(ctx, '利用解除の当日はトークン発行を行えません');
    });
    await ctx.step('the clock moves to the next day in Japan', () => ctx.advanceClock(untilNextJstDay(ctx.now())));
    await ctx.step('login without OTP: the status is 未登録 again', async () => {
      await ctx.pc.login(HANAKO.loginId, HANAKO.password);
      await ctx.pc.expectScreen('BTP001');
      const status = await ctx.pc.otpStatus();
      check(status.startsWith('未登録'), `BOP001 shows ${status}, expected 未登録`);
    });
    const ids = await ctx.step('トークン発行 works again (BOT002)', () => ctx.pc.issueToken({ mail: 'hanako.reissue@docomo.ne.jp', startPassword: '1357', confirmPassword: HANAKO.confirmPassword }));
    const second = await ctx.step('the new token’s 初期設定', async () => ProvisionedToken.provision(ctx, { ...ids, binding: await mailedTicket(ctx, 'hanako.reissue@docomo.ne.jp') }, '1357'));
    await ctx.step('利用開始 of the new token', async () => {
      check(second.serial !== token.serial, 'the re-issued token has the old serial');
      await ctx.pc.activate(second.nextCode());
      await ctx.pc.expectScreen('BOK002');
    });
  },
});
