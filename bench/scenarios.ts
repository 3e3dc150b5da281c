import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from './machine.ts';

/** Wall time of one `npm run scenario` invocation, as a tester sees it (browser start included). */
async function wallTime(args: string[], out: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/driver/cli.ts', ...args, '--out', out], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`npm run scenario -- ${args.join(' ')} exited with ${code}:\n${output}`);
  return performance.now() - started;
}

/** The scenario runner: `all` serial vs `--parallel 2`, and the single run that `one` names. */
export async function benchScenarios(one: string): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), 'ketai-bench-reports-'));
  try {
    const single = await wallTime([one], out);
    report(`one run: ${one}`, single, 'ms');
    const serial = await wallTime(['all'], out);
    report('all, serial', serial, 'ms');
    const parallel = await wallTime(['all', '--parallel', '2'], out);
    report('all, --parallel 2', parallel, 'ms');
    console.log(`  ${'speed-up serial / parallel 2'.padEnd(58)} ${(serial / parallel).toFixed(2).padStart(12)}`);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
