import { check, defineScenario } from '../driver/scenario.ts';
import { mailedLink, openHandsetBrowser, pageText } from './handsets.ts';
import { TARO } from './support.ts';

const MAIL = 'taro.old@docomo.ne.jp';

export default defineScenario({
  name: 'unsupported-handset',
  description: 'an i-mode handset without i-appli (D501i) opening the mailed link is told 未対応機種, with no download',
  async run(ctx) {
    await ctx.step('taro logs in', async () => {
      await ctx.pc.login(TARO.loginId, TARO.password);
      await ctx.pc.expectScreen('BTP001');
    });
    await ctx.step('トークン発行 (BOT002)', () => ctx.pc.issueToken({ mail: MAIL, startPassword: '2468', confirmPassword: TARO.confirmPassword }));
    await ctx.step('the D501i opens the mailed link: 未対応機種', async () => {
      const handset = await openHandsetBrowser(ctx, 'docomo-d501i');
      await handset.goto(await mailedLink(ctx, MAIL));
      const text = await pageText(handset);
      check(text.includes('未対応機種') && text.includes('D501i'), `expected the 未対応機種 page naming D501i, got: ${text.slice(0, 200)}`);
      check(!(await handset.content()).includes('/m/app/'), 'the unsupported handset was offered a download');
    });
  },
});
