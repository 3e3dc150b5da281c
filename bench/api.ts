import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withScratchDatabase } from './scratch-database.ts';
import { ApiKeyService } from '../gateway/api/keys.ts';
import { loadConfig } from '../gateway/config.ts';
import { codeAt } from '../gateway/otp/code.ts';
import { createServices } from '../gateway/services.ts';
import { BARE, GATEWAY, startProcess, stopProcess, type Running } from './http.ts';
import { callsPerSecond, cpuSeconds, type Call } from './load.ts';

const CONNECTIONS = 64;
/** Each verification takes a token of its own, so every one is an accepted code written durably. */
const VERIFICATIONS = 3000;
const HEALTH_REQUESTS = 6000;
/** Requests of each kind before measuring: a few hundred leave the JIT compiling through the first round. */
const WARM_UP = 1000;
const TARGET_RATIO = 0.2;
const ROUNDS = 3;

const ratioLine = (name: string, ratio: number) => console.log(`  ${`${name} (target ≥ ${TARGET_RATIO})`.padEnd(66)} ${ratio.toFixed(3).padStart(6)}${ratio < TARGET_RATIO ? '  BELOW TARGET' : ''}`);

async function benchOn(label: string, env: Record<string, string>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ketai-bench-api-'));
  const gatewayEnv = { DATA_DIR: dataDir, API_RATE_PER_MINUTE: String(1e9), ...env };
  // The key and the tokens are made here; then the store is closed and `npm start` serves it (one process per DATA_DIR).
  const services = await createServices(loadConfig(gatewayEnv));
  let made;
  try {
    const { key } = await new ApiKeyService(services.db).create('10100001', ['verify'], 'bench');
    const tenant = (await services.db.tenants.get('himawari'))!;
    const issued = await services.db.transaction(async (tx) => {
      const tokens = [];
      for (let i = 0; i < VERIFICATIONS + WARM_UP; i++) tokens.push(await services.tokens.mint(tx, tenant));
      return tokens;
    });
    made = { key, issued };
  } finally {
    await services.close();
  }
  const { key, issued } = made;
  const bare = await startProcess(BARE, {});
  const gateway = await startProcess(GATEWAY, gatewayEnv);
  const base = gateway.url;
  try {
    const authorization = `Bearer ${key}`;
    const verifyCall = (index: number): Call => {
      const { token, secret } = issued[index]!;
      return { method: 'POST', path: '/api/v1/verifications', headers: { authorization }, body: JSON.stringify({ serial: token.serial, otp: codeAt(secret, token, Date.now()) }) };
    };
    const health = () => ({ method: 'GET' as const, path: '/healthz' });
    // Warm every path (sockets, compiled code) before measuring; the verifications on tokens of their own.
    await callsPerSecond(bare.url, WARM_UP, health, CONNECTIONS);
    await callsPerSecond(base, WARM_UP, health, CONNECTIONS);
    await callsPerSecond(base, WARM_UP, (index) => verifyCall(VERIFICATIONS + index), CONNECTIONS);
    // Alternating rounds, summed: the machine's load drifts, and every figure should see the same drift.
    // Beside each rate, the CPU the server process spent per request (robust to other load on the machine).
    const figures = { bare: { rate: 0, cpu: 0 }, health: { rate: 0, cpu: 0 }, verify: { rate: 0, cpu: 0 } };
    const measure = async (figure: { rate: number; cpu: number }, server: Running, count: number, callAt: (index: number) => Call) => {
      const before = cpuSeconds(server.child.pid!);
      figure.rate += (await callsPerSecond(server.url, count, callAt, CONNECTIONS)) / ROUNDS;
      figure.cpu += ((cpuSeconds(server.child.pid!) - before) * 1e6) / count / ROUNDS;
    };
    for (let round = 0; round < ROUNDS; round++) {
      await measure(figures.bare, bare, HEALTH_REQUESTS / ROUNDS, health);
      await measure(figures.health, gateway, HEALTH_REQUESTS / ROUNDS, health);
      const offset = (round * VERIFICATIONS) / ROUNDS;
      await measure(figures.verify, gateway, VERIFICATIONS / ROUNDS, (index) => verifyCall(offset + index));
    }
    const line = (name: string, { rate, cpu }: { rate: number; cpu: number }) => console.log(`  ${name.padEnd(66)} ${Math.round(rate).toLocaleString('en-US').padStart(7)} req/s ${cpu.toFixed(0).padStart(6)} µs CPU/req`);
    line(`bare Hono GET /healthz (${CONNECTIONS} concurrent)`, figures.bare);
    line(`gateway GET /healthz (${CONNECTIONS} concurrent), ${label}`, figures.health);
    line(`POST /api/v1/verifications, accepted, ${label}`, figures.verify);
    ratioLine(`ratio verifications / bare Hono healthz, ${label}`, figures.verify.rate / figures.bare.rate);
    ratioLine(`ratio verifications / gateway healthz, ${label}`, figures.verify.rate / figures.health.rate);
    ratioLine(`CPU per request: bare Hono healthz / verification, ${label}`, figures.bare.cpu / figures.verify.cpu);
  } finally {
    await Promise.all([stopProcess(bare.child), stopProcess(gateway.child)]);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Bank API verifications per second over HTTP (accepted codes, durable replay state) against a bare
 * Hono app's /healthz (issue #15's yardstick) and against /healthz on the same gateway. As in the
 * `http` bench, the gateway (`npm start`) and the bare app each run in a process of their own, loaded
 * by the same client from this one.
 */
export async function benchApi(): Promise<void> {
  await benchOn('embedded', {});
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) await withScratchDatabase(serverUrl, (url) => benchOn('PostgreSQL', { DATABASE_URL: url }));
  else console.log('  (PostgreSQL skipped: set TEST_DATABASE_URL to include it)');
}
