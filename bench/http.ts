import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortalClient } from '../test/helpers/portal-client.ts';
import { cpuSeconds, loadGenerator } from './load.ts';
import { report } from './machine.ts';

const ROUNDS = 3;
const START_ROUNDS = 5;
const SECONDS = 3;
export const BARE = ['bench/bare-hono.js'];
/** `npm start`'s command. */
export const GATEWAY = ['scripts/start.js'];
const MAIL = 'bench.taro@docomo.ne.jp';

/** One figure measured against the bare app's `/healthz`: at least `target` times its rate. */
export interface HttpFigure {
  name: string;
  target: number;
  /** The request to load the gateway with. */
  request(gateway: GatewayUnderTest): { path: string; headers?: Record<string, string> };
}

export interface GatewayUnderTest {
  url: string;
  /** A valid download ticket (a トークン発行 done over HTTP as taro). */
  ticket: string;
}

/**
 * The request path's figures (the instructions part counts the same ones). The bank API's durable OTP
 * verification (target 0.2×) has a part of its own, `bench/api.ts`: it needs a fresh token per request.
 */
export const FIGURES: HttpFigure[] = [
  { name: 'GET /healthz', target: 0.9, request: () => ({ path: '/healthz' }) },
  {
    name: 'GET /m/dl/<ticket>, i-mode (detect + render + Shift_JIS)',
    target: 0.5,
    request: (gateway) => ({ path: `/m/dl/${gateway.ticket}`, headers: { 'User-Agent': 'DoCoMo/1.0/D503i' } }),
  },
  { name: 'GET / (PC login page, hono/jsx)', target: 0.25, request: () => ({ path: '/' }) },
];

/** Start to a healthy `/healthz`, then the request rates: the gateway against a bare Hono app, same run. */
export async function benchHttp(): Promise<void> {
  const load = loadGenerator();
  console.log(`  (${load.tool}, ${SECONDS} s per figure, alternating, medians of ${ROUNDS} rounds; starts: medians of ${START_ROUNDS})`);
  await benchStart();

  const dataDir = await mkdtemp(join(tmpdir(), 'ketai-bench-http-'));
  const bare = await startProcess(BARE, {});
  const gateway = await startProcess(GATEWAY, { DATA_DIR: dataDir });
  try {
    const target: GatewayUnderTest = { url: gateway.url, ticket: await issueTicket(gateway.url) };
    const requests = FIGURES.map((figure) => figure.request(target));
    const bareRequest = { path: '/healthz', headers: {} };
    // Each round: the load's rate, and the CPU the server process spent per request (robust to other load on the machine).
    const measure = async (server: Running, request: { path: string; headers?: Record<string, string> }, seconds = SECONDS) => {
      const cpuBefore = cpuSeconds(server.child.pid!);
      const result = await load.run(`${server.url}${request.path}`, request.headers ?? {}, seconds);
      return { rate: result.perSecond, cpuMicros: ((cpuSeconds(server.child.pid!) - cpuBefore) * 1e6) / result.requests };
    };
    // Warm both processes (sockets, JIT) so that no figure carries start-up costs.
    await measure(bare, bareRequest, 1);
    for (const request of requests) await measure(gateway, request, 1);
    const baseline: Sample[] = [];
    const samples: Sample[][] = FIGURES.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      baseline.push(await measure(bare, bareRequest));
      for (const [index, request] of requests.entries()) samples[index]!.push(await measure(gateway, request));
    }
    const base = summary(baseline);
    console.log(`  ${'bare Hono GET /healthz (baseline)'.padEnd(58)} ${Math.round(base.rate).toLocaleString('en-US').padStart(12)} req/s${''.padEnd(38)}${base.cpuMicros.toFixed(0).padStart(6)} µs CPU/req`);
    for (const [index, figure] of FIGURES.entries()) {
      const { rate, cpuMicros } = summary(samples[index]!);
      ratioLine(figure.name, rate, 'req/s', rate / base.rate, figure.target, '≥', `${cpuMicros.toFixed(0).padStart(6)} µs CPU/req → ${(base.cpuMicros / cpuMicros).toFixed(2)}×`);
    }
  } finally {
    await Promise.all([stopProcess(bare.child), stopProcess(gateway.child)]);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Spawn to the first 200 on `/healthz`: bare Hono, then the gateway on fresh data (demo data created) and on existing data. */
async function benchStart(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ketai-bench-start-'));
  const bare: number[] = [];
  const fresh: number[] = [];
  const existing: number[] = [];
  try {
    // The first start builds dist/ if it is missing or stale: not part of any figure.
    await stopProcess((await startProcess(GATEWAY, { DATA_DIR: dataDir })).child);
    for (let round = 0; round < START_ROUNDS; round++) {
      bare.push(await timeToHealthy(BARE, {}));
      const empty = await mkdtemp(join(tmpdir(), 'ketai-bench-start-'));
      fresh.push(await timeToHealthy(GATEWAY, { DATA_DIR: empty }));
      await rm(empty, { recursive: true, force: true });
      existing.push(await timeToHealthy(GATEWAY, { DATA_DIR: dataDir }));
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const base = median(bare);
  report('start to healthy: bare Hono (node, plain JS)', base, 'ms');
  ratioLine('start to healthy: npm start, first start (demo data)', median(fresh), 'ms', median(fresh) / base, 3, '≤');
  ratioLine('start to healthy: npm start, existing data', median(existing), 'ms', median(existing) / base, 3, '≤');
}

interface Sample {
  rate: number;
  cpuMicros: number;
}

/** Medians of the rounds, each figure on its own. */
function summary(samples: Sample[]): Sample {
  return { rate: median(samples.map((sample) => sample.rate)), cpuMicros: median(samples.map((sample) => sample.cpuMicros)) };
}

export function ratioLine(name: string, value: number, unit: string, ratio: number, target: number, sense: '≥' | '≤', extra = ''): void {
  const met = sense === '≥' ? ratio >= target : ratio <= target;
  console.log(`  ${name.padEnd(58)} ${Math.round(value).toLocaleString('en-US').padStart(12)} ${unit.padEnd(5)} ${ratio.toFixed(2).padStart(6)}×  target ${sense} ${target}×  ${(met ? 'met' : 'NOT MET').padEnd(8)}${extra}`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Logs taro in over HTTP and issues a token: the mailed link's ticket. */
export async function issueTicket(base: string): Promise<string> {
  const client = new PortalClient({
    request: (input, init) => {
      const url = new URL(input);
      return fetch(`${base}${url.pathname}${url.search}`, { ...init, redirect: 'manual' });
    },
  });
  await client.get('/');
  await client.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!' });
  await client.get('/ib/otp/issue');
  const fields = { formId: client.input('formId') ?? '', mail: MAIL, mailConfirm: MAIL, startPassword: '1234', startPasswordConfirm: '1234' };
  await client.post('/ib/otp/issue', fields);
  await client.post('/ib/otp/issue/confirm', { formId: client.input('formId')!, confirmPassword: 'kakunin1', action: 'confirm' });
  if (client.page.screen !== 'BOT002') throw new Error(`トークン発行 ended on ${client.page.screen}: ${client.messages().join(' / ')}`);
  const mails = (await (await fetch(`${base}/emulator/api/mailbox/${encodeURIComponent(MAIL)}`)).json()) as { body: string }[];
  const ticket = /\/m\/dl\/([A-Za-z0-9_-]{32})/.exec(mails.at(-1)?.body ?? '')?.[1];
  if (!ticket) throw new Error('no download link was mailed');
  return ticket;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Running {
  child: ChildProcess;
  url: string;
}

/** Starts `node <args>` (or `<command> node <args>`, e.g. under valgrind) on a free port; resolves once healthy. */
export async function startProcess(args: string[], env: Record<string, string>, options: { command?: string[]; timeoutMs?: number } = {}): Promise<Running> {
  const port = await freePort();
  const command = [...(options.command ?? []), process.execPath];
  const child = spawn(command[0]!, [...command.slice(1), ...args], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await healthy(url, child, options.timeoutMs);
  return { child, url };
}

/** Milliseconds from spawn to the first 200 on `/healthz`. */
async function timeToHealthy(args: string[], env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const { child } = await startProcess(args, env);
  const ms = performance.now() - started;
  await stopProcess(child);
  return ms;
}

/** Polls `/healthz` every 5 ms (refused connections while the process starts) for up to 30 s. */
async function healthy(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    const status = await new Promise<number>((resolve) => {
      get(`${url}/healthz`, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).on('error', () => resolve(0));
    });
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${url} was not healthy within ${timeoutMs / 1000} s`);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
