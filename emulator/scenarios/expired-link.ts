import { check, defineScenario } from '../driver/scenario.ts';
import { mailedLink, mailedTicket, openHandsetBrowser, pageText } from './handsets.ts';
import { parseLines, TARO } from './support.ts';

const MAIL = 'taro.expired@ezweb.ne.jp';
/** LINK_HOURS' default: the mailed link and the issuance work for 24 hours. */
const LINK_HOURS = 24;

export default defineScenario({
  name: 'expired-link',
  description: `after ${LINK_HOURS} hours the mailed download link (on the handset) and the 初期設定 are refused as expired`,
  async run(ctx) {
    await ctx.step('taro logs in', async () => {
      await ctx.pc.login(TARO.loginId, TARO.password);
      await ctx.pc.expectScreen('BTP001');
    });
    const ids = await ctx.step('トークン発行 (BOT002)', () => ctx.pc.issueToken({ mail: MAIL, startPassword: '2468', confirmPassword: TARO.confirmPassword }));
    await ctx.step('the download mail arrives with its link and expiry', async () => {
      const [mail] = (await ctx.mailbox(MAIL)).slice(-1);
      check(mail, `no mail for ${MAIL}`);
      check(/\/m\/dl\/\S+/.test(mail.body) && mail.body.includes('URLの有効期限'), 'the mail has no download link with its expiry');
    });
    await ctx.step(`the clock moves ${LINK_HOURS} hours and a minute ahead`, () => ctx.advanceClock(LINK_HOURS * 3_600_000 + 60_000));
    await ctx.step('the handset opens the mailed link: 有効期限が切れています, no download', async () => {
      const handset = await openHandsetBrowser(ctx, 'docomo-p07a');
      const response = await handset.goto(await mailedLink(ctx, MAIL));
      check(response?.status() === 410, `expected 410 for the expired link, got ${response?.status()}`);
      check((await pageText(handset)).includes('有効期限が切れています'), 'the page does not say the link expired');
      check(!(await handset.content()).includes('/m/app/'), 'the expired link still offers a download');
    });
    await ctx.step('the 初期設定 is refused: expired', async () => {
      const response = await fetch(`${ctx.baseUrl}/m/app/provision`, { method: 'POST', body: new URLSearchParams({ ...ids, binding: await mailedTicket(ctx, MAIL), startPassword: '2468' }) });
      const answer = parseLines(await response.text());
      check(response.status === 410 && answer.error === 'expired', `expected 410 error=expired, got ${response.status} ${answer.error}`);
      ctx.log(`provisioning said: ${answer.message}`);
    });
    await ctx.step('BOP001 still offers a new トークン発行', async () => {
      await ctx.pc.login(TARO.loginId, TARO.password);
      await ctx.pc.expectScreen('BTP001');
      await ctx.pc.goto('/ib/otp');
      await ctx.pc.expectScreen('BOP001');
    });
  },
});
