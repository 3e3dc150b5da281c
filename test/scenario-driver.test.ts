import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, HEADLESS_SHELL, launchBrowser } from '../emulator/driver/browser.ts';
import { PortalPage } from '../emulator/driver/portal.ts';
import { runScenario } from '../emulator/driver/runner.ts';
import { defineScenario } from '../emulator/driver/scenario.ts';

/** The scenario driver's parts that need a browser but no scenario of the suite: one browser for all. */
let browser: Browser;
let reportDir = '';
beforeAll(async () => {
  browser = await launchBrowser();
  reportDir = await mkdtemp(join(tmpdir(), 'ketai-driver-'));
});
afterAll(async () => {
  await browser?.close();
  await rm(reportDir, { recursive: true, force: true });
});

describe('the scenario runner’s browser', () => {
  it('is driven over a pipe, not a DevTools port (README, "Benchmarks", scenarios)', async () => {
    const args = browser.process()!.spawnargs;
    expect(args).toContain('--remote-debugging-pipe');
    expect(args.some((arg) => arg.startsWith('--remote-debugging-port'))).toBe(false);
    const page = await browser.newPage();
    expect(await page.evaluate(() => 6 * 7)).toBe(42);
    await page.close();
  });

  it('names what to install or fix when no Chromium is found', () => {
    expect(() => findChromium({ PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' })).toThrow(/PUPPETEER_EXECUTABLE_PATH points to \/nonexistent\/chromium/);
    expect(() => findChromium({}, { exists: () => false })).toThrow(/apt-get install -y chromium chromium-headless-shell/);
  });

  it('runs headless in Debian’s headless shell when installed, headful in the full browser', () => {
    const installed = (paths: string[]) => ({ exists: (path: string) => paths.includes(path) });
    const both = installed(['/usr/bin/chromium', HEADLESS_SHELL]);
    expect(findChromium({}, both)).toEqual({ path: HEADLESS_SHELL, headless: 'shell' });
    expect(findChromium({}, { ...both, headful: true })).toEqual({ path: '/usr/bin/chromium', headless: false });
    expect(findChromium({}, installed(['/usr/bin/chromium']))).toEqual({ path: '/usr/bin/chromium', headless: true });
    expect(findChromium({ PUPPETEER_EXECUTABLE_PATH: '/opt/chrome-headless-shell' }, { exists: () => true })).toEqual({ path: '/opt/chrome-headless-shell', headless: 'shell' });
    expect(findChromium({ PUPPETEER_EXECUTABLE_PATH: '/opt/chrome' }, { exists: () => true })).toEqual({ path: '/opt/chrome', headless: true });
    expect(() => findChromium({ PUPPETEER_EXECUTABLE_PATH: '/opt/chrome-headless-shell' }, { exists: () => true, headful: true })).toThrow(/--headful needs a full Chromium, and \/opt\/chrome-headless-shell is a headless shell/);
  });

  it('is the headless shell wherever it is installed (as .ci/run does)', () => {
    if (process.env.PUPPETEER_EXECUTABLE_PATH || !existsSync(HEADLESS_SHELL)) return;
    expect(browser.process()!.spawnfile).toBe(HEADLESS_SHELL);
  });
});

const FORM = `<form>
  <input name="loginId" value="old" maxlength="8">
  <select name="accountType"><option>普通</option><option>当座</option></select>
  <input type="radio" name="otpLogin" value="する" checked><input type="radio" name="otpLogin" value="しない">
</form>`;

describe('PortalPage.fill', () => {
  it('replaces a text field’s value within its maxlength, picks a select option and a radio button', async () => {
    const page = await browser.newPage();
    await page.setContent(FORM);
    await new PortalPage(page, 'http://127.0.0.1/').fill({ loginId: 'ｔａｒｏ-1234567890', accountType: '当座', otpLogin: 'しない' });
    expect(await page.$eval('[name=loginId]', (el) => (el as HTMLInputElement).value)).toBe('ｔａｒｏ-123');
    expect(await page.$eval('[name=accountType]', (el) => (el as HTMLSelectElement).value)).toBe('当座');
    expect(await page.$eval('[name=otpLogin]:checked', (el) => (el as HTMLInputElement).value)).toBe('しない');
    await page.close();
  });

  it('waits for a field that is not on the page yet', async () => {
    const page = await browser.newPage();
    await page.setContent('<form id="f"></form>');
    await page.evaluate(() => setTimeout(() => (document.getElementById('f')!.innerHTML = '<input name="otp">'), 300));
    await new PortalPage(page, 'http://127.0.0.1/').fill({ otp: '12345678' });
    expect(await page.$eval('[name=otp]', (el) => (el as HTMLInputElement).value)).toBe('12345678');
    await page.close();
  });
});

/**
 * A step that changed nothing in a tab gets the tab's last picture again; a new document, a DOM
 * change, typing, focus or scrolling each get a new screenshot.
 */
describe('scenario screenshots', () => {
  it('are taken again only for a tab that may look different', async () => {
    const taken: string[] = [];
    let current = '';
    const scenario = defineScenario({
      name: 'shots',
      description: 'steps that change the page and steps that do not',
      async run(ctx) {
        const page = ctx.pc.page;
        const screenshot = page.screenshot.bind(page);
        page.screenshot = ((options: never) => (taken.push(current), screenshot(options))) as typeof page.screenshot;
        // Events that follow a change by a frame (scroll, selectionchange) land within its step.
        const settle = () => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 150)))));
        const step = (name: string, action: () => Promise<unknown>) => ctx.step(name, async () => {
          current = name;
          await action();
          await settle();
        });
        await step('the login page, loaded', () => page.goto(new URL('/', ctx.baseUrl).href, { waitUntil: 'load' }).then(() => page.evaluate(() => document.fonts.ready.then(() => undefined))));
        await step('settled', async () => undefined);
        await step('nothing happens', async () => undefined);
        await step('a value is read', async () => void (await ctx.pc.screen()));
        await step('typing into a field', () => page.type('[name=loginId]', 'taro'));
        await step('nothing again', async () => undefined);
        await step('a DOM change', () => page.evaluate(() => void document.body.append('!')));
        await step('another document', () => ctx.pc.goto('/ib/help'));
        await step('settled again', () => page.evaluate(() => document.fonts.ready.then(() => undefined)));
        await step('the page scrolls', () => page.evaluate(() => {
          document.body.style.height = '5000px';
          window.scrollTo(0, 10);
        }));
        await step('still nothing', async () => undefined);
      },
    });
    const result = await runScenario({ scenario }, { browser, reportDir });
    expect(result.error ?? '', result.id).toBe('');
    const changes = ['the login page, loaded', 'typing into a field', 'a DOM change', 'another document', 'the page scrolls'];
    const still = ['nothing happens', 'a value is read', 'nothing again', 'still nothing'];
    for (const name of changes) expect(taken, name).toContain(name);
    for (const name of still) expect(taken, name).not.toContain(name);
    // Every step still has its own file; a step that changed nothing shows the same picture as the one before.
    const pictures = new Map(await Promise.all(result.steps.map(async (step) => [step.name, await readFile(join(reportDir, step.shots[0]!.file))] as const)));
    expect(new Set(result.steps.map((step) => step.shots[0]!.file)).size).toBe(result.steps.length);
    for (const [index, name] of [...pictures.keys()].entries()) {
      if (still.includes(name)) expect(pictures.get(name)!.equals(pictures.get([...pictures.keys()][index - 1]!)!), name).toBe(true);
      if (changes.includes(name) && index > 0) expect(pictures.get(name)!.equals(pictures.get([...pictures.keys()][index - 1]!)!), name).toBe(false);
    }
  }, 60_000);
});
