import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callsPerSecond } from './load.ts';
import { BARE, FIGURES, GATEWAY, issueTicket, ratioLine, startProcess, stopProcess, type GatewayUnderTest } from './http.ts';

/** Requests of the short and the long run: their difference is the steady state, start-up and JIT warm-up cancel out. */
const SHORT = 2500;
const LONG = 7500;
const CONNECTIONS = 4;
/** `BENCH_FIGURE=/m/dl npm run bench -- instructions`: only the figures whose name contains it (the baseline always runs). */
const ONLY = process.env.BENCH_FIGURE;

/**
 * The HTTP figures of `bench/http.ts` counted in machine instructions per request (valgrind's
 * callgrind), not in time: the same on a quiet machine and on a loaded one, so a change shows even
 * where the rates swing by a factor of three. User space only: the kernel's share (socket writes,
 * more for bigger responses) is not in the counts, so these ratios are a little kinder than the
 * rates'. Skipped where valgrind is missing.
 */
export async function benchInstructions(): Promise<void> {
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.log('  valgrind is not installed (apt-get install valgrind): skipped');
    return;
  }
  console.log(`  (callgrind, user space; ${LONG - SHORT} requests: a run of ${LONG} less one of ${SHORT}, ${CONNECTIONS} keep-alive connections)`);
  const dataDir = await mkdtemp(join(tmpdir(), 'ketai-bench-instructions-'));
  try {
    // A ticket issued by a gateway of its own: the counted runs then only read it.
    const setup = await startProcess(GATEWAY, { DATA_DIR: dataDir });
    const target: GatewayUnderTest = { url: setup.url, ticket: await issueTicket(setup.url) };
    await stopProcess(setup.child);
    const base = await perRequest(BARE, {}, { path: '/healthz' });
    console.log(`  ${'bare Hono GET /healthz (baseline)'.padEnd(58)} ${Math.round(base).toLocaleString('en-US').padStart(12)} instr`);
    for (const figure of FIGURES.filter((figure) => !ONLY || figure.name.includes(ONLY))) {
      const count = await perRequest(GATEWAY, { DATA_DIR: dataDir }, figure.request(target));
      ratioLine(figure.name, count, 'instr', base / count, figure.target, '≥');
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function perRequest(args: string[], env: Record<string, string>, call: { path: string; headers?: Record<string, string> }): Promise<number> {
  const counts: number[] = [];
  for (const requests of [SHORT, LONG]) counts.push(await instructionsServing(args, env, call, requests));
  return (counts[1]! - counts[0]!) / (LONG - SHORT);
}

/** Instructions a process executes from start to exit, serving `requests` of `call` in between. */
async function instructionsServing(args: string[], env: Record<string, string>, call: { path: string; headers?: Record<string, string> }, requests: number): Promise<number> {
  const folder = await mkdtemp(join(tmpdir(), 'ketai-callgrind-'));
  const out = join(folder, 'callgrind.out');
  try {
    const server = await startProcess(args, env, { command: ['valgrind', '-q', '--tool=callgrind', `--callgrind-out-file=${out}`], timeoutMs: 180_000 });
    await callsPerSecond(server.url, requests, () => ({ method: 'GET', ...call }), CONNECTIONS);
    await stopProcess(server.child);
    const summary = /^summary:\s+(\d+)/m.exec(await readFile(out, 'utf8'));
    if (!summary) throw new Error(`callgrind wrote no summary to ${out}`);
    return Number(summary[1]);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
