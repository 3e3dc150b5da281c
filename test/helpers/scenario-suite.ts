import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../emulator/driver/browser.ts';
import { catalog } from '../../emulator/driver/catalog.ts';
import { expandTargets, runAll, runId, type RunResult, type RunTarget } from '../../emulator/driver/runner.ts';

/** The files test/scenarios-1.test.ts … test/scenarios-<SCENARIO_PARTS>.test.ts, one part each. */
export const SCENARIO_PARTS = 3;

/** Every run of `npm run scenario -- all`: the built-in scenarios (one run per device listed) and the README example. */
export async function allScenarioRuns(): Promise<RunTarget[]> {
  return expandTargets(await catalog('scenarios'));
}

/**
 * Part `part` (1-based) of those runs: every `SCENARIO_PARTS`th one, so that the long runs spread over
 * the parts. Each part is a file of its own, so that vitest's workers run them beside the other
 * files instead of one file holding the suite's longest tail.
 */
export function scenarioPart(runs: RunTarget[], part: number): RunTarget[] {
  return runs.filter((_, index) => index % SCENARIO_PARTS === part - 1);
}

/**
 * Runs part `part` as `npm run scenario -- all` would: one browser, each run against its own gateway
 * (the next run's gateway started while a run executes), a screenshot after every step. One run at a
 * time: the parts themselves run side by side in vitest's workers, three runs on two cores already,
 * and a second run per part only added contention (README, "Tests": 110 → 97 CPU-s for the parts).
 */
export function describeScenarioPart(part: number): void {
  describe(`built-in scenarios and the README example, part ${part} of ${SCENARIO_PARTS}`, async () => {
    const targets = scenarioPart(await allScenarioRuns(), part);
    let browser: Browser;
    let results: RunResult[] = [];
    let reportDir = '';

    beforeAll(async () => {
      browser = await launchBrowser();
      // Kept for the whole describe (tempDir() would be emptied after the first test).
      reportDir = await mkdtemp(join(tmpdir(), 'ketai-scenarios-'));
      results = await runAll(targets, { browser, reportDir });
    }, 300_000);
    afterAll(async () => {
      await browser?.close();
      await rm(reportDir, { recursive: true, force: true });
    });

    it.each(targets.map(runId))('%s passes with a screenshot after every step', (id) => {
      const run = results.find((result) => result.id === id);
      expect(run, id).toBeDefined();
      expect(run!.error ?? '', id).toBe('');
      expect(run!.passed).toBe(true);
      expect(run!.steps.length, id).toBeGreaterThan(0);
      for (const step of run!.steps) {
        expect(step.shots.length, `${id}: ${step.name}`).toBeGreaterThan(0);
        for (const shot of step.shots) expect(existsSync(join(reportDir, shot.file))).toBe(true);
      }
    });
  });
}
