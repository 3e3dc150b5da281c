import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../emulator/driver/runner.ts';
import { tempDir } from './helpers/temp-dir.ts';

/** `npm run scenario` as a real process, against the fixture scenarios. */
async function cli(args: string[], out?: string): Promise<{ code: number | null; output: string; reportDir: string; pid: number }> {
  out ??= await tempDir();
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/driver/cli.ts', ...args, '--dir', 'test/fixtures/scenarios', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  const [folder] = existsSync(out) ? (await readdir(out)).sort().reverse() : [];
  return { code, output, reportDir: folder ? join(out, folder) : '', pid: child.pid! };
}

async function results(reportDir: string): Promise<RunResult[]> {
  return (JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as { runs: RunResult[] }).runs;
}

describe('scenario CLI', () => {
  it('runs a passing scenario: exit 0, a progress line and a screenshot per step, html + json + junit report', async () => {
    const { code, output, reportDir } = await cli(['fixture-pass']);
    expect(code, output).toBe(0);
    expect(output).toContain('[fixture-pass] ✔ health check answers ok');
    const [run] = await results(reportDir);
    expect(run!.passed).toBe(true);
    expect(run!.steps.map((s) => s.shots.map((shot) => shot.label))).toEqual([['pc'], ['pc', 'second']]);
    for (const shot of run!.steps.flatMap((s) => s.shots)) expect(existsSync(join(reportDir, shot.file)), shot.file).toBe(true);
    const html = await readFile(join(reportDir, 'index.html'), 'utf8');
    expect(html).toContain('<img src="fixture-pass/02-second.png"');
    expect(await readFile(join(reportDir, 'junit.xml'), 'utf8')).toMatch(/<testsuite [^>]*tests="1" failures="0"/);
  }, 150_000);

  it('a broken scenario exits non-zero and leaves its screenshot, page HTML and the gateway log around the failure', async () => {
    const { code, output, reportDir } = await cli(['fixture-broken']);
    expect(code, output).toBe(1);
    const [run] = await results(reportDir);
    expect(run!.passed).toBe(false);
    expect(run!.steps.map((s) => s.passed)).toEqual([true, false]);
    expect(run!.error).toMatch(/expected screen BLI001/);
    expect(run!.artefacts.sort()).toEqual(['fixture-broken/02-failure-pc.png', 'fixture-broken/failure-gateway.log', 'fixture-broken/failure-pc.html']);
    expect(await readFile(join(reportDir, 'fixture-broken/failure-pc.html'), 'utf8')).toContain('"status":"ok"');
    expect(await readFile(join(reportDir, 'fixture-broken/failure-gateway.log'), 'utf8')).toMatch(/GET \/healthz 200 \d+ms/);
    expect(await readFile(join(reportDir, 'junit.xml'), 'utf8')).toMatch(/failures="1"[\s\S]*<failure message="step/);
  }, 150_000);

  it('--parallel 2 runs in worker processes of their own, results in order, and a worker that dies fails only its run', async () => {
    const out = await tempDir();
    const { code, output, reportDir, pid } = await cli(['fixture-worker-exit', '--parallel', '2'], out);
    expect(code, output).toBe(1);
    expect(output).not.toContain('longest first');
    const runs = await results(reportDir);
    expect(runs.map((run) => [run.id, run.passed])).toEqual([['fixture-worker-exit@docomo-p07a', true], ['fixture-worker-exit@au-w53ca', false], ['fixture-worker-exit@softbank-910t', true]]);
    expect(runs[1]!.error).toBe('the worker process running it exited (code 3)');
    // The passing runs ran in worker processes, not in the runner's own.
    const pids = runs.filter((run) => run.passed).map((run) => Number(/worker process (\d+)/.exec(run.notes.join(' '))?.[1]));
    expect(pids).toHaveLength(2);
    for (const worker of pids) expect(worker > 0 && worker !== pid, `run in process ${worker}, the runner is ${pid}`).toBe(true);
    expect(output).toContain('[fixture-worker-exit@softbank-910t] ✔ health check answers ok');
    expect(await readFile(join(reportDir, 'junit.xml'), 'utf8')).toMatch(/<testsuite [^>]*tests="3" failures="1"/);
    // Run again, the runs are handed out longest first as this report has them (test/scenario-order.test.ts).
    const again = await cli(['fixture-worker-exit', '--parallel', '2'], out);
    expect(again.output).toContain(`longest first, as they took in ${reportDir}`);
    // A report without any of the runs asked for orders nothing, and the runner does not say it does.
    const other = await cli(['fixture-pass', '--parallel', '2'], out);
    expect(other.code, other.output).toBe(0);
    expect(other.output).not.toContain('longest first');
  }, 150_000);

  it('refuses an unknown scenario name with the list of known ones', async () => {
    const { code, output } = await cli(['no-such-thing']);
    expect(code).toBe(2);
    expect(output).toMatch(/no scenario named "no-such-thing"; known: .*fixture-pass/);
  }, 150_000);
});
