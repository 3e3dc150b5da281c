import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../emulator/driver/browser.ts';
import { expandTargets, runAll, type RunResult } from '../emulator/driver/runner.ts';
import { join } from 'node:path';
import { catalog } from '../emulator/driver/catalog.ts';
import { BUILT_IN } from '../emulator/scenarios/index.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Every built-in scenario, each against its own gateway, as `npm run scenario -- all --parallel 2`:
 * one browser for all of them, the next runs' gateways started while a run executes.
 */
describe('built-in scenarios and the README example', () => {
  let results: RunResult[] = [];
  let reportDir = '';

  beforeAll(async () => {
    // Kept for the whole describe (tempDir() would be emptied after the first test).
    reportDir = await mkdtemp(join(tmpdir(), 'ketai-scenarios-'));
    results = await runAll(expandTargets(await catalog('scenarios')), { browser, reportDir, parallel: 2 });
  }, 420_000);
  afterAll(() => rm(reportDir, { recursive: true, force: true }));

  it.each([...BUILT_IN.map((scenario) => scenario.name), 'balance-after-transfer'])('%s passes with a screenshot after every step', (name) => {
    const runs = results.filter((run) => run.scenario === name);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(run.error ?? '', run.id).toBe('');
      expect(run.passed).toBe(true);
      for (const step of run.steps) {
        expect(step.shots.length, `${run.id}: ${step.name}`).toBeGreaterThan(0);
        for (const shot of step.shots) expect(existsSync(join(reportDir, shot.file))).toBe(true);
      }
    }
  });
});
