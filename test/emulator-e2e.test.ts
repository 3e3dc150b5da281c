import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from './helpers/config.ts';
import { startGateway, type RunningGateway } from '../gateway/server.ts';
import { launchBrowser } from '../emulator/driver/browser.ts';
import { HandsetPage } from '../emulator/driver/handset.ts';
import { CHANGE_NOTICE } from '../handset/wording.ts';
import { formatJst } from '../gateway/time.ts';
import { DIST, JAR_FILES } from '../handset/java/dist.ts';
import { demoDataDir } from './helpers/demo-data.ts';

/** `SCREENSHOTS_DIR=docs/screenshots` (npm run screenshots) keeps the phone on the download page and the OTP screen. */
const SCREENSHOTS = process.env.SCREENSHOTS_DIR;

let browser: Browser;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  if (SCREENSHOTS) await mkdir(SCREENSHOTS, { recursive: true });
}, 30_000);

async function picture(handset: HandsetPage, name: string): Promise<void> {
  if (SCREENSHOTS) await (await handset.page.$('.phone'))!.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

afterAll(async () => {
  await browser?.close();
  await Promise.all(gateways.map((gateway) => gateway.close()));
});

async function click(page: Page, label: string): Promise<void> {
  const target = await page.waitForSelector(`::-p-xpath(//*[self::button or self::a][normalize-space(.)="${label}"])`);
  await Promise.all([page.waitForNavigation(), target!.click()]);
}

async function fill(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) await page.type(`[name="${name}"]`, value);
}

const screenId = (page: Page) => page.$eval('body', (body) => body.dataset.screen);

/** The portal's issuance (BOT001 → BOT003 → BOT002): returns サービスID and ユーザID. */
async function issue(page: Page, url: string, mail: string): Promise<{ serviceId: string; userId: string }> {
  await page.goto(`${url}/`);
  await fill(page, { loginId: 'taro', password: 'Passw0rd!' });
  await click(page, 'ログイン');
  await page.goto(`${url}/ib/otp`);
  await click(page, 'トークン発行');
  await fill(page, { mail, mailConfirm: mail, startPassword: '2468', startPasswordConfirm: '2468' });
  await click(page, '次へ');
  await fill(page, { confirmPassword: 'kakunin1' });
  await click(page, '確定する');
  expect(await screenId(page)).toBe('BOT002');
  const field = (name: string) => page.$eval(`[data-field=${name}]`, (el) => el.textContent!.trim());
  return { serviceId: await field('serviceId'), userId: await field('userId') };
}

describe.each([
  ['docomo', 'docomo-sh905i', 'docomo.ne.jp'],
  ['au', 'au-w53ca', 'ezweb.ne.jp'],
  ['SoftBank', 'softbank-910t', 'softbank.ne.jp'],
])('%s handset in the emulator', (_carrier, device, domain) => {
  it('mail → download page → install → 初期設定 → OTP accepted by BOK001', async () => {
    const gateway = await startGateway(testConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: await demoDataDir() }));
    gateways.push(gateway);
    const portal = await browser.newPage();
    const mail = `taro.${device}@${domain}`;
    const ids = await issue(portal, gateway.url, mail);

    const handset = await HandsetPage.open(browser, gateway.url, { device, mail });
    await handset.page.emulateTimezone('America/New_York');
    await handset.press('1'); // メール
    await handset.waitFor('受信メール 1件');
    await handset.press('1'); // the newest mail
    // Its time in Japan time, like the mail's body, whatever the tester's browser zone (New York here).
    const [sent] = (await (await fetch(`${gateway.url}/emulator/api/mailbox/${mail}`)).json()) as { sentAt: string }[];
    expect((await handset.waitFor('日時')).text).toContain(`日時: ${formatJst(Date.parse(sent!.sentAt))}`);
    await handset.press('select'); // its first link: the download page
    await handset.waitFor('ダウンロード');
    expect((await handset.state()).url).toMatch(/\/m\/dl\//);
    await picture(handset, `emulator-${device}-download`);
    await handset.press('1'); // accesskey 1: the app download
    const ask = await handset.waitFor('ダウンロードしますか');
    expect(ask.text).toMatch(/サイズ 1\dKB/);
    await handset.press('1'); // はい
    await handset.waitFor('ダウンロードが完了しました');
    expect((await handset.state()).apps).toEqual(['OTPトークン']);
    await handset.press('1'); // 起動する
    const code = await handset.setUpToken({ ...ids, startPassword: '2468' });
    const screen = await handset.screen();
    expect(code).toMatch(/^\d{8}$/);
    // The seed's token screen, read through window.handset.screen(): its items in the seed's order.
    expect(screen.title).toBe('ひまわり台信用組合');
    const order = ['ヘルプ', code, 'COPY', CHANGE_NOTICE, 'シリアル番号: KT', '利用開始日: ', '利用期限: ', '設定', 'トップ画面', 'ワンタイムパスワード'];
    let at = 0;
    for (const item of order) {
      at = screen.text.indexOf(item, at);
      expect(at, `"${item}" missing or out of order in ${screen.text}`).toBeGreaterThanOrEqual(0);
      at += item.length;
    }
    expect(screen.softkeys).toEqual(['設定', 'トップ画面']);
    expect(screen.focused).toBe('COPY');
    await picture(handset, `emulator-${device}-otp`);

    await portal.bringToFront();
    await portal.goto(`${gateway.url}/ib/otp/activate`);
    expect(await screenId(portal)).toBe('BOK001');
    await fill(portal, { otp: code });
    await click(portal, '利用開始する');
    expect(await screenId(portal)).toBe('BOK002');

    // The handset's clock: a period later key 1 shows the next code; past 利用期限 the expired screen.
    await handset.setClock(60_000);
    await handset.press('1');
    expect(await handset.readOtp()).not.toBe(code);
    await handset.setClock(6 * 366 * 86_400_000);
    await handset.waitFor('有効期限');
    await handset.setClock(0);

    // The token survives a reload of the emulator (localStorage per device). After the reload the
    // page's timers never fire, as in a background tab that Chromium throttles for minutes.
    await handset.page.evaluateOnNewDocument(() => void (window.setInterval = (() => 0) as never));
    await handset.page.reload();
    await handset.page.waitForSelector('body[data-ready=true]');
    expect((await handset.state()).apps).toEqual(['OTPトークン']);
    await handset.press('2', '1'); // アプリ → OTPトークン: straight to the OTP screen
    expect(await handset.readOtp()).toMatch(/^\d{8}$/);

    // Still, screen() and readOtp() show the code for the handset's clock at the call: across a period
    // boundary with no tick, the code is the one a TOTP of the stored secret gives for that instant.
    const token = JSON.parse(await handset.page.evaluate(() => Object.entries(localStorage).find(([key]) => key.includes(':sp:'))![1])) as { secret: string; period: number; digits: number };
    const period = token.period * 1000;
    const offset = period - (Date.now() % period) - 400;
    await handset.setClock(offset);
    expect((await handset.state()).clockOffset).toBe(offset);
    await new Promise((resolve) => setTimeout(resolve, 800));
    const shown = await handset.readOtp();
    const expected = (at: number) => TOTP.generate({ secret: Secret.fromBase32(token.secret), digits: token.digits, period: token.period, timestamp: at });
    expect([expected(Date.now() + offset - 150), expected(Date.now() + offset)]).toContain(shown);
    expect(shown).not.toBe(expected(Date.now() + offset - period));
    expect((await handset.screen()).text).toContain(expected(Date.now() + offset));
    await handset.setClock(0);

    // 設定 → 終了, then アプリ → 削除 → はい: the app and its ScratchPad are gone.
    await handset.press('soft1');
    await handset.focus('終了');
    await handset.press('select');
    await handset.press('2', 'soft2');
    await handset.waitFor('削除しますか');
    await handset.press('1');
    await handset.waitFor('アプリはありません');
    expect((await handset.state()).apps).toEqual([]);
    expect(await handset.page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes(':sp:')))).toEqual([]);

    // 終話, then 3 ブラウザ: the browser's start page /m/ is the handset top page, not a 404.
    await handset.page.keyboard.press('Escape');
    await handset.press('3');
    await handset.waitFor('アプリの使い方');
    expect((await handset.state()).url).toMatch(/\/m$/);
    await handset.page.close();
    await portal.close();
  }, 90_000);
});

describe('a vendor JAR in the emulator', () => {
  it('installs after the checks, then says it cannot run Java instead of crashing, and the phone carries on', async () => {
    const dataDir = await demoDataDir();
    await copyFile(join(DIST, JAR_FILES.doja), join(dataDir, 'vendor-doja.jar'));
    await writeFile(join(dataDir, 'packages.json'), JSON.stringify({ '*': { docomo: 'vendor-doja.jar' } }));
    const gateway = await startGateway(testConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }));
    gateways.push(gateway);
    const portal = await browser.newPage();
    const mail = 'hanako.vendor@docomo.ne.jp';
    await issue(portal, gateway.url, mail);
    const handset = await HandsetPage.open(browser, gateway.url, { device: 'docomo-sh905i', mail });
    await handset.press('1');
    await handset.waitFor('受信メール 1件');
    await handset.press('1', 'select');
    await handset.waitFor('ダウンロード');
    await handset.press('1');
    await handset.waitFor('ダウンロードしますか');
    await handset.press('1');
    await handset.waitFor('ダウンロードが完了しました');
    await handset.press('1'); // 起動する
    await handset.waitFor('Javaのプログラムを実行できない');
    // 終話 disposes the app's view: the menu and the app list still work afterwards.
    await handset.page.keyboard.press('Escape');
    await handset.waitFor('3 ブラウザ');
    await handset.press('2');
    await handset.waitFor('1 OTPトークン');
    expect((await handset.state()).apps).toEqual(['OTPトークン']);
    await handset.page.close();
    await portal.close();
  }, 90_000);
});

describe('web token for modern handsets', () => {
  it('runs the same app at /m/app/web and shows the gateway’s provisioning error in Japanese', async () => {
    const gateway = await startGateway(testConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: await demoDataDir() }));
    gateways.push(gateway);
    const page = await browser.newPage();
    await page.goto(`${gateway.url}/m/app/web`);
    await page.waitForSelector('.app-title');
    expect(await page.$eval('.app-title', (el) => el.textContent)).toBe('初期設定');
    for (const key of ['1', '2', '3', '4', 'ArrowDown', '5', '6', '7', '8', 'ArrowDown', '2', '4', '6', '8', 'ArrowDown', 'Enter', 'F2']) await page.keyboard.press(key as 'Enter');
    // The gateway's bad_request message (its wording, not the app's own checks).
    await page.waitForFunction(() => document.querySelector('[data-app-screen]')!.textContent!.includes('数字で入力して下さい'), { timeout: 10_000 }).catch(async (error) => {
      throw new Error(`${error} — screen: ${await page.$eval('[data-app-screen]', (el) => el.textContent)}`);
    });
    expect(await page.$eval('[data-field=serviceId]', (el) => el.textContent)).toContain('1234');
    await page.close();
  }, 60_000);
});
