import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../emulator/driver/browser.ts';
import { runAll } from '../emulator/driver/runner.ts';
import { check, defineScenario } from '../emulator/driver/scenario.ts';
import { TARO } from '../emulator/scenarios/support.ts';

const MAIL = 'taro.isolation@docomo.ne.jp';

let browser: Browser;
let reportDir = '';
beforeAll(async () => {
  browser = await launchBrowser();
  reportDir = await mkdtemp(join(tmpdir(), 'ketai-isolation-'));
});
afterAll(async () => {
  await browser?.close();
  await rm(reportDir, { recursive: true, force: true });
});

/**
 * Runs from the gateway pool (the second run's gateway starts while the first one executes):
 * the second run sees none of the first run's data, cookies or port.
 */
describe('scenario run isolation', () => {
  it('two runs one after the other share no data, cookies or ports', async () => {
    const first: { baseUrl?: string } = {};
    const writer = defineScenario({
      name: 'isolation-writer',
      description: 'logs in (a session cookie) and issues a token (data and a mail)',
      async run(ctx) {
        first.baseUrl = ctx.baseUrl;
        await ctx.step('taro logs in and issues a token', async () => {
          await ctx.pc.login(TARO.loginId, TARO.password);
          await ctx.pc.issueToken({ mail: MAIL, startPassword: '2468', confirmPassword: TARO.confirmPassword });
          check((await ctx.mailbox(MAIL)).length === 1, 'the issuance mail was not sent');
          check((await ctx.pc.page.cookies()).some((cookie) => cookie.name === 'ketai_sid'), 'no session cookie');
        });
      },
    });
    const reader = defineScenario({
      name: 'isolation-reader',
      description: 'finds nothing of the first run',
      async run(ctx) {
        await ctx.step('another gateway, no cookies, no mail, no issuance', async () => {
          check(ctx.baseUrl !== first.baseUrl, `both runs used ${ctx.baseUrl}`);
          check(new URL(ctx.baseUrl).port !== new URL(first.baseUrl!).port, 'both runs used one port');
          check((await ctx.pc.page.cookies(first.baseUrl!)).length === 0, 'the first run’s cookies are in this run’s browser');
          check((await ctx.mailbox(MAIL)).length === 0, 'the first run’s mail is in this run’s mailbox');
          await ctx.pc.login(TARO.loginId, TARO.password);
          const status = await ctx.pc.otpStatus();
          check(status.startsWith('未登録'), `taro's OTP is ${status} here: the first run's issuance leaked`);
        });
      },
    });
    const results = await runAll([{ scenario: writer }, { scenario: reader }], { browser, reportDir });
    for (const result of results) expect(result.error ?? '', result.id).toBe('');
    expect(results.map((result) => result.passed)).toEqual([true, true]);
  }, 120_000);
});
