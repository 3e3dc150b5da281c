import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from './helpers/config.ts';
import { codeAt } from '../gateway/otp/code.ts';
import { startGateway, type RunningGateway } from '../gateway/server.ts';
import { launchBrowser } from '../emulator/driver/browser.ts';
import { demoDataDir } from './helpers/demo-data.ts';

/** `SCREENSHOTS_DIR=docs/screenshots` (npm run screenshots) keeps a picture of each screen. */
const SCREENSHOTS = process.env.SCREENSHOTS_DIR;

let gateway: RunningGateway;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const dataDir = await demoDataDir();
  gateway = await startGateway(testConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }));
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1024, height: 900 });
  if (SCREENSHOTS) await mkdir(SCREENSHOTS, { recursive: true });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
});

async function screen(id: string): Promise<void> {
  await page.waitForSelector(`body[data-screen="${id}"]`, { timeout: 5000 }).catch(async (error: unknown) => {
    // Which screen the browser is on instead, with its messages: what went wrong, not only where.
    const actual = await page.evaluate(() => `${document.body?.dataset.screen ?? 'no screen'} ${location.pathname}: ${[...document.querySelectorAll('[class^=message-], [data-field-error]')].map((el) => el.textContent?.trim()).join(' / ')}`).catch(() => 'no page');
    throw new Error(`expected screen ${id}, the browser is on ${actual} (${error instanceof Error ? error.message : String(error)})`);
  });
  expect(await page.$eval('.screen-id', (el) => el.textContent)).toBe(`画面ID : ${id}`);
  if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${id}.png`), fullPage: true });
}

/** Clicks the button or link whose text is exactly `label`, and waits for the next page. */
async function click(label: string): Promise<void> {
  const target = await page.waitForSelector(`::-p-xpath(//*[self::button or self::a][normalize-space(.)="${label}"])`);
  await Promise.all([page.waitForNavigation(), target!.click()]);
}

async function fill(fields: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) await page.type(`[name="${name}"]`, value);
}

const text = (selector: string) => page.$eval(selector, (el) => el.textContent?.trim() ?? '');

describe('the seed-000 walk in a real browser', () => {
  it('issues, provisions, activates, logs in with OTP, pays a new payee, releases and is refused re-issuance', async () => {
    await page.goto(`${gateway.url}/`);
    await screen('BLI001');
    await fill({ loginId: 'taro', password: 'Passw0rd!' });
    await click('ログイン');
    await screen('BTP001');

    await click('各種お申込・手続き');
    await screen('BMN001');
    await click('ワンタイムパスワード');
    await screen('BOP001');
    expect(await text('[data-field=otpStatus]')).toBe('未登録');
    await click('トークン発行');

    await screen('BOT001');
    await fill({ mail: 'taro..e2e.@docomo.ne.jp', mailConfirm: 'taro..e2e.@docomo.ne.jp', startPassword: '2468', startPasswordConfirm: '2468' });
    await click('次へ');
    await screen('BOT003');
    await fill({ confirmPassword: 'kakunin1' });
    await click('確定する');
    await screen('BOT002');
    const serviceId = await text('[data-field=serviceId]');
    const userId = await text('[data-field=userId]');

    // The token app's 初期設定, over real HTTP as a handset would send it, with the binding its link delivered.
    const mails = (await (await fetch(`${gateway.url}/emulator/api/mailbox/${encodeURIComponent('taro..e2e.@docomo.ne.jp')}`)).json()) as { body: string }[];
    const binding = /\/m\/dl\/([A-Za-z0-9_-]{32})/.exec(mails.at(-1)!.body)![1]!;
    const provisioned = await fetch(`${gateway.url}/m/app/provision`, {
      method: 'POST',
      body: new URLSearchParams({ serviceId, userId, startPassword: '2468', binding }),
    });
    expect(provisioned.status).toBe(200);
    const answer = Object.fromEntries((await provisioned.text()).trim().split('\n').map((line) => line.split('=', 2) as [string, string]));
    const token = { algorithm: answer.algorithm as 'SHA1', digits: Number(answer.digits), period: Number(answer.period) };
    // Each use needs a code of a later time step: the handset's clock runs a step further each time.
    let ahead = 0;
    const nextCode = () => codeAt(answer.secret!, token, Date.now() + token.period * 1000 * ahead++);

    await click('ワンタイムパスワード申請内容選択へ');
    await screen('BOP001');
    expect(await text('[data-field=otpStatus]')).toBe('トークン発行済');
    await click('ワンタイムパスワード利用開始');
    await screen('BOK001');
    await fill({ otp: nextCode() });
    await click('利用開始する');
    await screen('BOK002');

    await click('ログアウト');
    await screen('BLI001');
    await fill({ loginId: 'taro', password: 'Passw0rd!' });
    await click('ログイン');
    await screen('BLI002');
    await fill({ otp: nextCode() });
    await click('ログイン');
    await screen('BTP001');

    await click('振込・振替');
    await screen('BFK001');
    await click('新しい振込先へ振込');
    await screen('BFK002');
    await fill({ bank: 'さくら坂銀行', branch: '北支店', accountNumber: '7777777', holder: 'ヤマダ タロウ', amount: '30000' });
    await click('次へ');
    await screen('BFK003');
    await click('次へ');
    await screen('BFK005');
    await fill({ otp: nextCode() });
    await click('次へ');
    await screen('BFK004');
    expect(await text('[data-field=otpChecked]')).toBe('認証済');

    await page.goto(`${gateway.url}/ib/otp`);
    await screen('BOP001');
    expect(await text('[data-field=otpStatus]')).toBe('利用中');
    await click('ワンタイムパスワード利用解除');
    await screen('BOS001');
    await fill({ confirmPassword: 'kakunin1' });
    await click('解除する');
    await screen('BOS002');
    expect(await page.content()).toContain('トークン削除');

    await click('ワンタイムパスワード申請内容選択へ');
    await click('トークン発行');
    await screen('BOP001');
    expect(await text('.message-error')).toMatch(/^利用解除の当日はトークン発行を行えません。\d{4}年\d{1,2}月\d{1,2}日 00時00分以降/);
  }, 60_000);

  it('stays usable in a narrow window: no page scrolls sideways', async () => {
    await page.setViewport({ width: 360, height: 740 });
    for (const path of ['/ib/top', '/ib/otp', '/ib/transfer/new', '/ib/transfer']) {
      await page.goto(`${gateway.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'BFK001-narrow.png'), fullPage: true });
  }, 30_000);

  it('wraps a 253-character mail address on BOT003 instead of widening the page', async () => {
    // Its own gateway: the shared one's data folder goes with the first test.
    const own = await startGateway(testConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: await demoDataDir() }));
    const context = await browser.createBrowserContext();
    const tab = await context.newPage();
    await tab.setViewport({ width: 1024, height: 900 });
    await tab.goto(`${own.url}/`);
    const mail = `${'h'.repeat(64)}@${'x'.repeat(175)}.docomo.ne.jp`;
    expect(mail).toHaveLength(253);
    for (const [name, value] of Object.entries({ loginId: 'hanako', password: 'Passw0rd!' })) await tab.type(`[name="${name}"]`, value);
    await Promise.all([tab.waitForNavigation(), tab.click('button.primary')]);
    await tab.goto(`${own.url}/ib/otp/issue`);
    await tab.$eval('[name=mail]', (el, value) => ((el as HTMLInputElement).value = value), mail);
    await tab.$eval('[name=mailConfirm]', (el, value) => ((el as HTMLInputElement).value = value), mail);
    for (const name of ['startPassword', 'startPasswordConfirm']) await tab.type(`[name="${name}"]`, '1357');
    await Promise.all([tab.waitForNavigation(), tab.click('button.primary')]);
    expect(await tab.$eval('body', (body) => body.dataset.screen)).toBe('BOT003');
    expect(await tab.$eval('[data-field=mail]', (el) => el.textContent)).toBe(mail);
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await context.close();
    await own.close();
  }, 30_000);
});
