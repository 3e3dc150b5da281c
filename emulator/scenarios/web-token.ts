import { findDevice } from '../catalog.ts';
import { check, defineScenario } from '../driver/scenario.ts';
import { mailedLink, pageText } from './handsets.ts';
import { TARO } from './support.ts';

const DEVICE = 'featurephone-sh01j';
const MAIL = 'taro.4g@docomo.ne.jp';
const START_PASSWORD = '1357';

/**
 * A 4G feature phone (ガラホ) runs no i-appli: its browser gets the web token, the same app as a
 * page. Driven with the phone's keys (digits, ↓, 決定, ソフトキー) like the handset would be.
 */
export default defineScenario({
  name: 'web-token',
  description: 'a 4G ケータイ (SH-01J) opens the mailed link, gets the web token instead of an i-appli, sets it up by keys, and its code starts the OTP at BOK001',
  async run(ctx) {
    const { pc } = ctx;
    await ctx.step('taro logs in', async () => {
      await pc.login(TARO.loginId, TARO.password);
      await pc.expectScreen('BTP001');
    });
    const ids = await ctx.step('トークン発行 (BOT002)', () => pc.issueToken({ mail: MAIL, startPassword: START_PASSWORD, confirmPassword: TARO.confirmPassword }));
    const phone = await ctx.step('the SH-01J opens the mailed link: the web token is offered, no app download', async () => {
      const device = findDevice(DEVICE)!;
      const tab = await ctx.openTab(DEVICE, { userAgent: device.userAgent });
      await tab.setViewport({ width: device.screen.width, height: device.screen.height });
      await tab.goto(await mailedLink(ctx, MAIL));
      const html = await tab.content();
      check(html.includes('/m/app/web'), 'the download page does not offer the web token');
      check(!/\.(jam|jad)\b/.test(html), 'a 4G feature phone was offered a Java descriptor');
      return tab;
    });
    const code = await ctx.step('初期設定 in the web token, by keys, shows a code', async () => {
      // A tap on the link: every tab of a run is a window of its own, never a stalled background tab.
      await Promise.all([phone.waitForNavigation(), phone.click('a[href*="/m/app/web"]')]);
      await phone.waitForSelector('.app-title');
      const keys = [...ids.serviceId, 'ArrowDown', ...ids.userId, 'ArrowDown', ...START_PASSWORD, 'ArrowDown', 'Enter', 'F2'];
      for (const key of keys) await phone.keyboard.press(key as 'Enter');
      await phone.waitForSelector('[data-otp]', { timeout: 15_000 }).catch(async () => {
        throw new Error(`no code on the web token; it shows: ${(await pageText(phone)).slice(0, 200)}`);
      });
      return phone.$eval('[data-otp]', (el) => el.textContent!.replace(/\s/g, ''));
    });
    await ctx.step('利用開始 with the web token’s code (BOK001 → BOK002)', async () => {
      await pc.activate(code);
      await pc.expectScreen('BOK002');
      const status = await pc.otpStatus();
      check(status === '利用中', `BOP001 shows ${status}, expected 利用中`);
    });
  },
});
