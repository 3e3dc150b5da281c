import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from './helpers/config.ts';
import { startGateway, type RunningGateway } from '../gateway/server.ts';
import { launchBrowser } from '../emulator/driver/browser.ts';
import { HandsetPage } from '../emulator/driver/handset.ts';
import { startStandInSite, type StandInSite } from './helpers/stand-in-site.ts';
import { demoDataDir } from './helpers/demo-data.ts';
import { tempDir } from './helpers/temp-dir.ts';

/** `SCREENSHOTS_DIR=docs/screenshots` (npm run screenshots) keeps the workbench with the inspector open. */
const SCREENSHOTS = process.env.SCREENSHOTS_DIR;

let browser: Browser;
let gateway: RunningGateway;
let site: StandInSite;
let scenariosDir: string;

beforeAll(async () => {
  site = await startStandInSite();
  scenariosDir = await tempDir();
  gateway = await startGateway(testConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: await demoDataDir(), EMULATOR_ORIGINS: site.origin, SCENARIOS_DIR: scenariosDir }));
  browser = await launchBrowser();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await site?.close();
});

/** Types into the address bar and opens, as a tester would. */
async function openAddress(page: Page, url: string): Promise<void> {
  await page.$eval('input[name=address]', (input) => ((input as HTMLInputElement).value = ''));
  await page.type('input[name=address]', url);
  await page.click('form.address button[type=submit]');
}

/** The newest inspector entry for `url`, as the panel shows it. */
function entry(page: Page, url: string) {
  return page.waitForFunction(
    (wanted) => {
      const found = [...document.querySelectorAll<HTMLElement>('.inspector-entry')].find((node) => node.dataset.url === wanted);
      if (!found) return false;
      const cell = (name: string) => found.querySelector(`[data-field=${name}]`)?.textContent ?? null;
      const headers = (kind: string) => Object.fromEntries([...found.querySelectorAll(`[data-headers=${kind}] tr`)].map((row) => [row.querySelector('th')!.textContent, row.querySelector('td')!.textContent]));
      return { status: found.dataset.status, bytes: cell('bytes'), error: cell('error'), charset: cell('charset'), sent: headers('sent'), received: headers('received'), warnings: [...found.querySelectorAll('.warning')].map((node) => node.textContent) };
    },
    { timeout: 10_000 },
    url,
  ).then((handle) => handle.jsonValue() as Promise<{ status: string; bytes: string | null; error: string | null; charset: string | null; sent: Record<string, string>; received: Record<string, string>; warnings: string[] }>);
}

describe('the emulator as a tester’s tool', () => {
  it('picks a device, opens URLs from the address bar, inspects them, is refused off the list, and records a scenario that runs', async () => {
    const handset = await HandsetPage.open(browser, gateway.url, { device: 'docomo-sh905i', mail: '' });
    const { page } = handset;
    await page.setViewport({ width: 1280, height: 800 });

    // The picker, grouped by carrier and generation: a mova D501i (5 KB pages, no cookies).
    const groups = await page.$$eval('select[name=device] optgroup', (nodes) => nodes.map((node) => node.getAttribute('label')));
    expect(groups).toEqual(expect.arrayContaining(['docomo · mova', 'docomo · FOMA 90x', 'au · au WIN (オープンアプリ)', 'SoftBank · J-PHONE P4']));
    await Promise.all([page.waitForNavigation(), page.select('select[name=device]', 'docomo-d501i')]);
    await page.waitForSelector('body[data-ready=true]');
    expect((await handset.state()).device).toBe('docomo-d501i');
    expect((await handset.state()).mail).toBe('tester@docomo.ne.jp');
    expect(await page.$eval('[data-panel=device] [data-field=cacheBytes]', (node) => node.textContent)).toBe('5.0KB');

    // A gateway page from the address bar: the headers the handset sent and its size against 5 KB.
    await openAddress(page, '/m/help');
    await handset.waitFor('アプリの使い方');
    const help = await entry(page, `${gateway.url}/m/help`);
    expect(help.status).toBe('200');
    expect(help.sent['user-agent']).toBe('DoCoMo/1.0/D501i');
    expect(help.received['content-type']).toMatch(/Shift_JIS/i);
    expect(help.charset).toBe('shift_jis');
    expect(help.bytes).toMatch(/^[\d,]+ \/ 5,120 バイト$/);
    expect(help.warnings).toEqual([]);
    // Scripts read the same entries through window.handset.requests().
    expect((await handset.requests()).at(-1)).toMatchObject({ method: 'GET', url: `${gateway.url}/m/help`, status: 200, budget: 5120, charset: 'shift_jis', warnings: [] });

    // The tester's own site (EMULATOR_ORIGINS): a page over the handset's budget, with a table.
    await openAddress(page, `${site.origin}/big`);
    await handset.waitFor('大きすぎる');
    const big = await entry(page, `${site.origin}/big`);
    expect(big.status).toBe('200');
    expect(big.sent['user-agent']).toBe('DoCoMo/1.0/D501i');
    expect(big.warnings.join('\n')).toContain('ページ上限5.0KBを超えています');
    expect(big.warnings.join('\n')).toContain('テーブル');
    expect(site.seen.at(-1)!.headers['user-agent']).toBe('DoCoMo/1.0/D501i');
    if (SCREENSHOTS) {
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.$eval('.inspector-entry[data-url$="/big"]', (node) => ((node as HTMLDetailsElement).open = true));
      await page.screenshot({ path: join(SCREENSHOTS, 'emulator-tester.png') });
    }


    // XHTML that is not well-formed, as the browser's XML parser finds it.
    await openAddress(page, `${site.origin}/broken.xhtml`);
    await handset.waitFor('壊れたXHTML');
    expect((await entry(page, `${site.origin}/broken.xhtml`)).warnings.join()).toContain('XHTMLとして整形式ではありません');

    // A Shift_JIS form: a character Shift_JIS lacks goes out as "?", and the inspector says so.
    await openAddress(page, `${site.origin}/form`);
    await handset.waitFor('問合せ');
    await handset.type('山田😀');
    await handset.focus('送信');
    await handset.press('select');
    const posted = await entry(page, `${site.origin}/echo`);
    expect(posted.sent['content-type']).toBe('application/x-www-form-urlencoded');
    expect(posted.warnings.join()).toContain('「😀」は「?」で送信されました');

    // A host that is not listed: refused, nothing fetched, the reason on the phone and in the inspector.
    const before = site.seen.length;
    const unlisted = site.origin.replace('127.0.0.1', 'localhost');
    await openAddress(page, `${unlisted}/`);
    await handset.waitFor('EMULATOR_ORIGINS');
    const refused = await entry(page, `${unlisted}/`);
    expect(refused.status).toBe('refused');
    expect(refused.error).toContain('EMULATOR_ORIGINS');
    expect(site.seen.length).toBe(before);

    // The clock: "next period" moves the handset's time to the start of a period.
    await page.click('[data-action=next-period]');
    const { clockOffset } = await handset.state();
    expect(clockOffset).toBeGreaterThan(0);
    expect((Date.now() + clockOffset) % 60_000).toBeLessThan(2_000);

    // Record: the address bar, two keys, 終話; saved into SCENARIOS_DIR as a scenario.
    await page.click('[data-action=record]');
    await handset.waitFor('メニュー');
    await openAddress(page, '/m/help');
    await handset.waitFor('アプリの使い方');
    await page.click('[data-key=down]');
    await page.keyboard.press('Escape');
    await handset.waitFor('メニュー');
    await page.keyboard.press('2');
    await handset.waitFor('アプリはありません');
    await page.$eval('input[name=scenarioName]', (input) => ((input as HTMLInputElement).value = 'recorded-help'));
    await page.click('[data-action=record]');
    await page.waitForFunction(() => document.querySelector('[data-field=recordStatus]')!.textContent!.includes('保存しました'), { timeout: 10_000 });
    const source = await readFile(join(scenariosDir, 'recorded-help.ts'), 'utf8');
    expect(source).toContain(`await phone.open("/m/help");`);
    expect(source).toContain(`await phone.waitFor("アプリの使い方");`);
    expect(source).toContain(`await phone.press("down");`);
    expect(source).toContain(`await phone.home();`);
    expect(source).toContain(`await phone.waitFor("アプリ");`);

    // The recorded scenario runs unattended against a gateway of its own.
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/driver/cli.ts', 'recorded-help', '--dir', scenariosDir, '--out', join(scenariosDir, 'reports')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, output).toBe(0);
    expect(output).toContain('1/1 passed');

    // A large screen (P-07A, 480×854) scales down: the whole keypad stays in the window.
    await Promise.all([page.waitForNavigation(), page.select('select[name=device]', 'docomo-p07a')]);
    await page.waitForSelector('body[data-ready=true]');
    const bottom = await page.$eval('.keys', (keys) => keys.getBoundingClientRect().bottom);
    expect(bottom).toBeLessThanOrEqual(800);
    expect(await page.$eval('.phone-time', (node) => node.textContent)).toMatch(/^\d{2}:\d{2}$/);

    // A handset that keeps cookies has one jar per origin: the site's cookie never goes to the gateway.
    await openAddress(page, `${site.origin}/`);
    await handset.waitFor('テストサイト');
    await openAddress(page, `${site.origin}/echo`);
    expect((await entry(page, `${site.origin}/echo`)).sent.cookie).toBe('visit=1');
    await openAddress(page, '/m/help');
    await handset.waitFor('アプリの使い方');
    expect((await entry(page, `${gateway.url}/m/help`)).sent.cookie).toBeUndefined();
    await page.close();
  }, 150_000);
});
