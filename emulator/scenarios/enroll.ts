import { check, defineScenario } from '../driver/scenario.ts';
import { installTokenApp, mailedTicket } from './handsets.ts';
import { parseLines, TARO } from './support.ts';

const MAIL = 'taro.enroll@docomo.ne.jp';
const START_PASSWORD = '2468';

/**
 * The whole enrolment, once per carrier, in the emulator: トークン発行 → mail on the handset → its
 * carrier's download page → install → the token app's 初期設定 → 利用開始 with the code it shows.
 */
export default defineScenario({
  name: 'enroll',
  description: 'トークン発行 mails a one-time link without the IDs; the handset gets its carrier’s app; 初期設定 works once; 利用開始 makes the status 利用中',
  devices: ['docomo-p07a', 'au-w53ca', 'softbank-910t'],
  async run(ctx) {
    const { pc } = ctx;
    await ctx.step('taro logs in; BOP001 shows 未登録', async () => {
      await pc.login(TARO.loginId, TARO.password);
      await pc.expectScreen('BTP001');
      const status = await pc.otpStatus();
      check(status.startsWith('未登録'), `BOP001 shows ${status}, expected 未登録`);
    });
    const ids = await ctx.step('トークン発行 (BOT001 → BOT003 → BOT002)', () => pc.issueToken({ mail: MAIL, startPassword: START_PASSWORD, confirmPassword: TARO.confirmPassword }));
    await ctx.step('BOP001 shows トークン発行済', async () => {
      const status = await pc.otpStatus();
      check(status.startsWith('トークン発行済'), `BOP001 shows ${status}, expected トークン発行済`);
    });
    await ctx.step('one mail with a one-time link to this gateway, without サービスID or ユーザID', async () => {
      const mails = await ctx.mailbox(MAIL);
      check(mails.length === 1, `expected one mail for ${MAIL}, got ${mails.length}`);
      const body = mails[0]!.body;
      check(new RegExp(`${ctx.baseUrl.replace(/[.]/g, '\\.')}/m/dl/[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])`).test(body), 'the mail has no download link to this gateway');
      check(!body.includes(ids.serviceId) && !body.includes(ids.userId), 'the mail gives away the サービスID or ユーザID');
    });
    const device = ctx.device ?? 'docomo-p07a';
    const handset = await ctx.step(`the emulator (${device}) is switched on`, () => ctx.handset(device, MAIL));
    const code = await installTokenApp(ctx, handset, ids, START_PASSWORD);
    await ctx.step('one app is installed', async () => {
      const { apps } = await handset.state();
      check(apps.length === 1, `expected one installed app, got ${JSON.stringify(apps)}`);
    });
    await ctx.step('a second 初期設定 with the same IDs is refused', async () => {
      const response = await fetch(`${ctx.baseUrl}/m/app/provision`, { method: 'POST', body: new URLSearchParams({ ...ids, binding: await mailedTicket(ctx, MAIL), startPassword: START_PASSWORD }) });
      const answer = parseLines(await response.text());
      check(response.status === 409 && answer.error === 'already_provisioned', `expected 409 already_provisioned, got ${response.status} ${answer.error}`);
    });
    await ctx.step('利用開始 with the handset’s code (BOK001 → BOK002): 利用中', async () => {
      await pc.activate(code);
      await pc.expectScreen('BOK002');
      const status = await pc.otpStatus();
      check(status.startsWith('利用中'), `BOP001 shows ${status}, expected 利用中`);
    });
  },
});
