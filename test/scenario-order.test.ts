import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastDurations } from '../emulator/driver/report.ts';
import type { RunTarget } from '../emulator/driver/runner.ts';
import { defineScenario } from '../emulator/driver/scenario.ts';
import { longestFirst } from '../emulator/driver/workers.ts';
import { tempDir } from './helpers/temp-dir.ts';

const scenario = (name: string) => defineScenario({ name, description: name, run: async () => undefined });
const targets: RunTarget[] = [{ scenario: scenario('a') }, { scenario: scenario('b'), device: 'docomo-p07a' }, { scenario: scenario('c') }, { scenario: scenario('d') }, { scenario: scenario('e') }];

describe('the order --parallel hands runs out in', () => {
  it('runs without an earlier duration first, in their order, then the longest first; equal ones keep their order', () => {
    const durations = new Map([
      ['a', 1_000],
      ['b@docomo-p07a', 6_000],
      ['d', 1_000],
    ]);
    expect(longestFirst(targets, durations)).toEqual([2, 4, 1, 0, 3]);
    expect(longestFirst(targets, new Map())).toEqual([0, 1, 2, 3, 4]);
  });

  it('takes the durations from the newest report under the output folder that can be read', async () => {
    const out = await tempDir();
    expect(await lastDurations(join(out, 'none-yet'))).toBeUndefined();
    const report = async (folder: string, body: string) => {
      await mkdir(join(out, folder), { recursive: true });
      await writeFile(join(out, folder, 'results.json'), body);
    };
    await report('2026-12-01T10-00-00Z', JSON.stringify({ runs: [{ id: 'a', ms: 5 }] }));
    await report('2026-12-02T10-00-00Z', JSON.stringify({ wallMs: 9, passed: true, runs: [{ id: 'a', ms: 1200 }, { id: 'b@docomo-p07a', ms: 3400 }, { id: 'broken' }] }));
    // Newer, but cut short while being written; and a folder that is not a report.
    await report('2026-12-03T10-00-00Z', '{"runs": [{"id": "a", "ms"');
    await report('zz-notes', JSON.stringify({ runs: [{ id: 'a', ms: 1 }] }));
    await mkdir(join(out, '2026-12-04T10-00-00Z'));
    expect(await lastDurations(out)).toEqual({
      folder: '2026-12-02T10-00-00Z',
      durations: new Map([
        ['a', 1200],
        ['b@docomo-p07a', 3400],
      ]),
    });
  });
});
