import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadUserScenarios, select } from '../emulator/driver/catalog.ts';
import { reportFolderName, writeReport } from '../emulator/driver/report.ts';
import { expandTargets, runId, type RunResult } from '../emulator/driver/runner.ts';
import { defineScenario } from '../emulator/driver/scenario.ts';
import { tempDir } from './helpers/temp-dir.ts';

const run = async () => undefined;
const plain = defineScenario({ name: 'plain', description: 'no devices', run });
const perDevice = defineScenario({ name: 'per-device', description: 'two phones', devices: ['d-old', 'd-new'], run });

describe('scenario definitions and targets', () => {
  it('refuses a bad name or a missing run function', () => {
    expect(() => defineScenario({ name: 'Bad Name', description: '', run })).toThrow(/lower-case letters/);
    expect(() => defineScenario({ name: 'x', description: '' } as never)).toThrow(/no run\(ctx\)/);
  });

  it('runs a scenario once per listed device, or only on the device picked', () => {
    expect(expandTargets([plain, perDevice]).map(runId)).toEqual(['plain', 'per-device@d-old', 'per-device@d-new']);
    expect(expandTargets([plain, perDevice], 'd-x').map(runId)).toEqual(['plain@d-x', 'per-device@d-x']);
  });

  it('selects all or one by name, and names the known ones for a typo', () => {
    expect(select([plain, perDevice], 'all')).toHaveLength(2);
    expect(select([plain, perDevice], 'plain')).toEqual([plain]);
    expect(() => select([plain, perDevice], 'plan')).toThrow('no scenario named "plan"; known: plain, per-device');
  });

  it('loads user scenarios from a folder and explains a file without a default scenario', async () => {
    expect((await loadUserScenarios('test/fixtures/scenarios')).map((s) => s.name)).toEqual(['fixture-broken', 'fixture-pass', 'fixture-worker-exit']);
    expect(await loadUserScenarios('no/such/folder')).toEqual([]);
    const dir = await tempDir();
    await writeFile(join(dir, 'oops.ts'), 'export const scenario = 1;\n');
    await expect(loadUserScenarios(dir)).rejects.toThrow(/oops\.ts must `export default defineScenario/);
  });
});

describe('report', () => {
  it('names folders by UTC time, sortable and without colons', () => {
    expect(reportFolderName(new Date('2026-11-22T21:40:05.123Z'))).toBe('2026-11-22T21-40-05Z');
  });

  it('escapes scenario text in HTML and JUnit XML', async () => {
    const dir = await tempDir();
    const result: RunResult = {
      id: 'x<y>',
      scenario: 'x',
      description: '"quoted" & <b>bold</b>',
      passed: false,
      ms: 12,
      steps: [{ name: 'step <1>', passed: false, ms: 3, error: 'got <script>', shots: [{ label: 'pc', file: 'x/01-pc.png' }] }],
      notes: [],
      error: 'failed & <broken>',
      artefacts: ['x/failure-pc.html'],
    };
    await writeReport(dir, [result], 20);
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;b&#62;bold&#60;/b&#62;');
    expect(html).toContain('<img src="x/01-pc.png"');
    // Steps are numbered once, by the <ol>: never "1. 1. …".
    expect(html).toContain('<ol><li class="fail"><div class="step"><b>step &#60;1&#62;</b>');
    const xml = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect(xml).toContain('name="x&#60;y&#62;"');
    expect(xml).toContain('<failure message="failed &#38; &#60;broken&#62;">');
    expect(JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'))).toMatchObject({ passed: false, wallMs: 20 });
  });
});
