import type { HandsetPage } from '../driver/handset.ts';
import { check, defineScenario, type ScenarioContext } from '../driver/scenario.ts';
import { installTokenApp } from './handsets.ts';
import { expectError, HANAKO, untilNextJstDay } from './support.ts';

const OLD_MAIL = 'hanako.old@docomo.ne.jp';
const NEW_MAIL = 'hanako.new@ezweb.ne.jp';

/** A code from a later time step than any shown so far: the phone's clock moves on one period. */
async function nextCode(handset: HandsetPage, offsetMs: number): Promise<string> {
  const before = await handset.readOtp();
  await handset.setClock(offsetMs);
  await handset.press('1'); // a fresh code
  // setClock redraws the token app at once: the next step's code is there without waiting.
  const code = await handset.readOtp();
  check(code !== before, 'the token app kept showing the same code after its clock moved on');
  return code;
}

async function activateWith(ctx: ScenarioContext, code: string): Promise<void> {
  await ctx.pc.activate(code);
  await ctx.pc.expectScreen('BOK002');
  const status = await ctx.pc.otpStatus();
  check(status.startsWith('利用中'), `BOP001 shows ${status}, expected 利用中`);
}

/**
 * 機種変更, the seed's reason for 利用解除: the token on the old phone (docomo i-appli) is
 * released, and the next day a new phone (au) gets a new token. Two handsets in one run.
 */
export default defineScenario({
  name: 'change-handset',
  description: '機種変更: a docomo phone’s token is used, released, and the next day an au phone’s new token replaces it; the old phone’s codes stop working',
  async run(ctx) {
    const { pc } = ctx;
    await ctx.step('hanako logs in', async () => {
      await pc.login(HANAKO.loginId, HANAKO.password);
      await pc.expectScreen('BTP001');
    });
    const oldIds = await ctx.step('トークン発行 to the old phone (BOT002)', () => pc.issueToken({ mail: OLD_MAIL, startPassword: '1111', confirmPassword: HANAKO.confirmPassword }));
    const oldPhone = await ctx.step('the old phone (docomo P-07A) is switched on', () => ctx.handset('docomo-p07a', OLD_MAIL));
    const first = await installTokenApp(ctx, oldPhone, oldIds, '1111');
    await ctx.step('利用開始 with the old phone’s code', () => activateWith(ctx, first));
    await ctx.step('OTP login with the old phone’s next code', async () => {
      await pc.logout();
      await pc.login(HANAKO.loginId, HANAKO.password);
      await pc.expectScreen('BLI002');
      await pc.loginOtp(await nextCode(oldPhone, 60_000));
      await pc.expectScreen('BTP001');
    });
    await ctx.step('利用解除 before the change (BOS002)', () => pc.release(HANAKO.confirmPassword));
    await ctx.step('the clock moves to the next day in Japan', () => ctx.advanceClock(untilNextJstDay(ctx.now())));
    const newIds = await ctx.step('login without OTP; トークン発行 to the new phone (BOT002)', async () => {
      await pc.login(HANAKO.loginId, HANAKO.password);
      await pc.expectScreen('BTP001');
      return pc.issueToken({ mail: NEW_MAIL, startPassword: '2222', confirmPassword: HANAKO.confirmPassword });
    });
    const offset = ctx.now() - Date.now();
    const newPhone = await ctx.step('the new phone (au W53CA) is switched on, its clock on the same day', async () => {
      const phone = await ctx.handset('au-w53ca', NEW_MAIL);
      await phone.setClock(offset);
      return phone;
    });
    const newCode = await installTokenApp(ctx, newPhone, newIds, '2222');
    await ctx.step('利用開始 with the new phone’s code', () => activateWith(ctx, newCode));
    await ctx.step('at the next login the old phone’s code is refused, the new phone’s accepted', async () => {
      await pc.logout();
      await pc.login(HANAKO.loginId, HANAKO.password);
      await pc.expectScreen('BLI002');
      await pc.loginOtp(await nextCode(oldPhone, offset + 60_000));
      await pc.expectScreen('BLI002');
      await expectError(ctx, '正しくありません');
      await pc.loginOtp(await nextCode(newPhone, offset + 60_000));
      await pc.expectScreen('BTP001');
    });
  },
});
