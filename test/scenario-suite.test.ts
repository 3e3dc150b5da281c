import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runId } from '../emulator/driver/runner.ts';
import { BUILT_IN } from '../emulator/scenarios/index.ts';
import { allScenarioRuns, SCENARIO_PARTS, scenarioPart } from './helpers/scenario-suite.ts';

describe('the scenario suite’s parts', () => {
  it('run every built-in scenario and the README example exactly once between them, one file a part', async () => {
    const runs = await allScenarioRuns();
    const parted = Array.from({ length: SCENARIO_PARTS }, (_, i) => scenarioPart(runs, i + 1).map(runId));
    expect(parted.flat().sort()).toEqual(runs.map(runId).sort());
    expect(new Set(runs.map((run) => run.scenario.name))).toEqual(new Set([...BUILT_IN.map((scenario) => scenario.name), 'balance-after-transfer']));
    for (let part = 1; part <= SCENARIO_PARTS; part++) expect(existsSync(`test/scenarios-${part}.test.ts`), `test/scenarios-${part}.test.ts`).toBe(true);
    expect(existsSync(`test/scenarios-${SCENARIO_PARTS + 1}.test.ts`)).toBe(false);
  });
});
