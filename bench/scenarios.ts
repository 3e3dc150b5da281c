import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './http.ts';
import { report } from './machine.ts';

/** `all --parallel 2` this many times in a row: every one must pass. */
const REPEATS = 10;
const TARGET_SPEED_UP = 1.5;

interface Invocation {
  ms: number;
  passed: boolean;
  /** The runner's FAIL lines when it did not pass. */
  failures: string[];
}

/** Wall time of one `npm run scenario` invocation, as a tester sees it (browser start included). */
async function invoke(args: string[], out: string): Promise<Invocation> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/driver/cli.ts', ...args, '--out', out], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  const failures = output.split('\n').filter((line) => line.startsWith('FAIL '));
  if (code !== 0 && failures.length === 0) throw new Error(`npm run scenario -- ${args.join(' ')} exited with ${code}:\n${output}`);
  return { ms: performance.now() - started, passed: code === 0, failures };
}

/** `all` serial before these rounds and after the last: on a shared machine the load moves between them. */
const SERIAL_BEFORE_ROUND = new Set([1, 6]);

/**
 * The scenario runner: the single run that `one` names, then `all --parallel 2` ten times in a row with
 * `all` serial before the first, the sixth and after the last, so that the speed-up compares figures
 * taken under the same load (the medians of each).
 */
export async function benchScenarios(one: string): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), 'ketai-bench-reports-'));
  try {
    const single = await invoke([one], out);
    report(`one run: ${one}${single.passed ? '' : ' (FAILED)'}`, single.ms, 'ms');
    const serial: Invocation[] = [];
    const parallel: Invocation[] = [];
    const serialRun = async () => {
      const run = await invoke(['all'], out);
      serial.push(run);
      console.log(`    all, serial, ${serial.length}/${SERIAL_BEFORE_ROUND.size + 1}: ${(run.ms / 1000).toFixed(1)} s ${run.passed ? 'passed' : `FAILED: ${run.failures.join('; ')}`}`);
    };
    for (let round = 1; round <= REPEATS; round++) {
      if (SERIAL_BEFORE_ROUND.has(round)) await serialRun();
      const run = await invoke(['all', '--parallel', '2'], out);
      parallel.push(run);
      console.log(`    all --parallel 2, ${String(round).padStart(2)}/${REPEATS}: ${(run.ms / 1000).toFixed(1)} s ${run.passed ? 'passed' : `FAILED: ${run.failures.join('; ')}`}`);
    }
    await serialRun();
    const serialMedian = median(serial.map((run) => run.ms));
    const parallelMedian = median(parallel.map((run) => run.ms));
    const failed = parallel.filter((run) => !run.passed).length;
    report(`all, serial (median of ${serial.length})${serial.every((run) => run.passed) ? '' : ' (FAILED)'}`, serialMedian, 'ms');
    report(`all, --parallel 2 (median of ${REPEATS})`, parallelMedian, 'ms');
    const speedUp = serialMedian / parallelMedian;
    console.log(`  ${'speed-up serial / parallel 2'.padEnd(58)} ${speedUp.toFixed(2).padStart(12)}        target ≥ ${TARGET_SPEED_UP}×  ${speedUp >= TARGET_SPEED_UP ? 'met' : 'NOT MET'}`);
    console.log(`  ${`failed --parallel 2 invocations of ${REPEATS}`.padEnd(58)} ${String(failed).padStart(12)}        target 0  ${failed === 0 ? 'met' : 'NOT MET'}`);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
