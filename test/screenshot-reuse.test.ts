import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../emulator/driver/browser.ts';
import { runScenario } from '../emulator/driver/runner.ts';
import { defineScenario } from '../emulator/driver/scenario.ts';

let browser: Browser;
let reportDir = '';
beforeAll(async () => {
  browser = await launchBrowser();
  reportDir = await mkdtemp(join(tmpdir(), 'ketai-shots-'));
});
afterAll(async () => {
  await browser?.close();
  await rm(reportDir, { recursive: true, force: true });
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
        const settle = () => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
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
