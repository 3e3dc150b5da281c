import { check, defineScenario } from '../driver/scenario.ts';
import { mailedLink, openHandsetBrowser, pageText } from './handsets.ts';
import { parseLines, ProvisionedToken, TARO } from './support.ts';

const MAIL = 'taro.enroll@docomo.ne.jp';
/** The app each carrier's download page must link to: i-appli (.jam) or MIDP (.jad). */
const APP_FILE: Record<string, RegExp> = {
  'docomo-p07a': /\/m\/app\/[^/]+\/docomo\/ketai-token\.jam/,
  'au-w31ca': /\/m\/app\/[^/]+\/au\/ketai-token\.jad/,
  'softbank-910t': /\/m\/app\/[^/]+\/softbank\/ketai-token\.jad/,
};
const START_PASSWORD = '2468';

/**
 * The whole enrolment, once per carrier: トークン発行 → mail → the handset opens the link and gets
 * its carrier's download page → 初期設定 → 利用開始. Until the emulator's token app is mounted, the
 * 初期設定 goes through the app's provisioning API.
 */
export default defineScenario({
  name: 'enroll',
  description: 'トークン発行 mails a one-time link without the IDs; the handset gets its carrier’s app; 初期設定 works once; 利用開始 makes the status 利用中',
  devices: Object.keys(APP_FILE),
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
      check(new RegExp(`${ctx.baseUrl.replace(/[.]/g, '\\.')}/m/dl/[A-Za-z0-9_-]{32}\\b`).test(body), 'the mail has no download link to this gateway');
      check(!body.includes(ids.serviceId) && !body.includes(ids.userId), 'the mail gives away the サービスID or ユーザID');
    });
    await ctx.step(`the handset (${ctx.device}) opens the mailed link: its carrier’s download page`, async () => {
      const device = ctx.device ?? 'docomo-p07a';
      const appFile = APP_FILE[device];
      check(appFile, `enroll knows no download for device ${device}; use one of ${Object.keys(APP_FILE).join(', ')}`);
      const handset = await openHandsetBrowser(ctx, device);
      const response = await handset.goto(await mailedLink(ctx, MAIL));
      check(response?.status() === 200, `the download page answered ${response?.status()}`);
      check((await pageText(handset)).includes('ダウンロード'), 'the download page does not offer ダウンロード');
      check(appFile.test(await handset.content()), `the download page has no link to ${appFile.source}`);
    });
    const token = await ctx.step('the token app’s 初期設定 (POST /m/app/provision)', () => ProvisionedToken.provision(ctx, ids, START_PASSWORD));
    await ctx.step('a second 初期設定 with the same IDs is refused', async () => {
      const response = await fetch(`${ctx.baseUrl}/m/app/provision`, { method: 'POST', body: new URLSearchParams({ ...ids, startPassword: START_PASSWORD }) });
      const answer = parseLines(await response.text());
      check(response.status === 409 && answer.error === 'already_provisioned', `expected 409 already_provisioned, got ${response.status} ${answer.error}`);
    });
    await ctx.step('利用開始 with the first code (BOK001 → BOK002): 利用中', async () => {
      await pc.activate(token.nextCode());
      await pc.expectScreen('BOK002');
      const status = await pc.otpStatus();
      check(status.startsWith('利用中'), `BOP001 shows ${status}, expected 利用中`);
      ctx.log(`serial ${token.serial}`);
    });
  },
});
