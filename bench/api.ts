import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { withScratchDatabase } from './scratch-database.ts';
import { ApiKeyService } from '../gateway/api/keys.ts';
import { loadConfig } from '../gateway/config.ts';
import { codeAt } from '../gateway/otp/code.ts';
import { createApp } from '../gateway/routes.ts';
import { createServices } from '../gateway/services.ts';
import { report } from './machine.ts';

const CONNECTIONS = 64;
/** Each verification takes a token of its own, so every one is an accepted code written durably. */
const VERIFICATIONS = 3000;
const HEALTH_REQUESTS = 6000;
const TARGET_RATIO = 0.2;
const ROUNDS = 3;

interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/** Runs `count` calls, CONNECTIONS at a time, over keep-alive node:http; every one must answer 200. Calls per second. */
async function throughput(base: string, count: number, callAt: (index: number) => Call): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const once = ({ method, path, body, headers = {} }: Call) =>
    new Promise<void>((resolve, reject) => {
      const sent = request(base + path, { agent, method, headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`${method} ${path} answered ${response.statusCode}: ${Buffer.concat(chunks)}`))));
      });
      sent.on('error', reject);
      sent.end(body);
    });
  let next = 0;
  const start = performance.now();
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (next < count) await once(callAt(next++));
    }));
  } finally {
    agent.destroy();
  }
  return count / ((performance.now() - start) / 1000);
}

/** bench/bare-hono.js (the `http` bench's baseline) in a process of its own, on a free port: its URL. */
async function startBareHono(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bench/bare-hono.js'], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await Promise.race([once(child.stdout!, 'data'), once(child, 'exit').then(() => [Buffer.from('exited')])])) as Buffer[];
  const url = /http:\/\/[\d.]+:\d+/.exec(String(line))?.[0];
  if (!url) throw new Error(`bench/bare-hono.js did not start: ${String(line)}`);
  return { child, url };
}

async function stopBareHono(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

const ratioLine = (name: string, ratio: number) => console.log(`  ${`${name} (target ≥ ${TARGET_RATIO})`.padEnd(66)} ${ratio.toFixed(3).padStart(6)}${ratio < TARGET_RATIO ? '  BELOW TARGET' : ''}`);

async function benchOn(label: string, env: Record<string, string>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ketai-bench-api-'));
  const services = await createServices(loadConfig({ DATA_DIR: dataDir, API_RATE_PER_MINUTE: String(1e9), ...env }));
  const bare = await startBareHono();
  const server = serve({ fetch: createApp(services).fetch, port: 0, hostname: '127.0.0.1' });
  try {
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { key } = await new ApiKeyService(services.db).create('10100001', ['verify'], 'bench');
    const tenant = (await services.db.tenants.get('himawari'))!;
    const issued = await services.db.transaction(async (tx) => {
      const made = [];
      for (let i = 0; i < VERIFICATIONS + CONNECTIONS * 2; i++) made.push(await services.tokens.mint(tx, tenant));
      return made;
    });
    const authorization = `Bearer ${key}`;
    const verifyCall = (index: number): Call => {
      const { token, secret } = issued[index]!;
      return { method: 'POST', path: '/api/v1/verifications', headers: { authorization }, body: JSON.stringify({ serial: token.serial, otp: codeAt(secret, token, Date.now()) }) };
    };
    const health = () => ({ method: 'GET' as const, path: '/healthz' });
    // Warm every path (sockets, compiled code) before measuring; the verifications on tokens of their own.
    await throughput(bare.url, CONNECTIONS * 2, health);
    await throughput(base, CONNECTIONS * 2, health);
    await throughput(base, CONNECTIONS * 2, (index) => verifyCall(VERIFICATIONS + index));
    // Alternating rounds, summed: the machine's load drifts, and every figure should see the same drift.
    let bareHealth = 0;
    let gatewayHealth = 0;
    let verifications = 0;
    for (let round = 0; round < ROUNDS; round++) {
      bareHealth += (await throughput(bare.url, HEALTH_REQUESTS / ROUNDS, health)) / ROUNDS;
      gatewayHealth += (await throughput(base, HEALTH_REQUESTS / ROUNDS, health)) / ROUNDS;
      const offset = (round * VERIFICATIONS) / ROUNDS;
      verifications += (await throughput(base, VERIFICATIONS / ROUNDS, (index) => verifyCall(offset + index))) / ROUNDS;
    }
    report(`bare Hono GET /healthz (own process, ${CONNECTIONS} concurrent)`, bareHealth, 'req/s');
    report(`gateway GET /healthz (${CONNECTIONS} concurrent), ${label}`, gatewayHealth, 'req/s');
    report(`POST /api/v1/verifications, accepted, ${label}`, verifications, 'req/s');
    ratioLine(`ratio verifications / bare Hono healthz, ${label}`, verifications / bareHealth);
    ratioLine(`ratio verifications / gateway healthz, ${label}`, verifications / gatewayHealth);
  } finally {
    await stopBareHono(bare.child);
    await new Promise((resolve) => server.close(resolve));
    await services.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Bank API verifications per second over HTTP (accepted codes, durable replay state) against a bare
 * Hono app's /healthz (issue #15's yardstick; its own process, so it does not share a core with the
 * load, which runs in the gateway's process: the ratio is a conservative one) and against /healthz on
 * the same server.
 */
export async function benchApi(): Promise<void> {
  await benchOn('embedded', {});
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) await withScratchDatabase(serverUrl, (url) => benchOn('PostgreSQL', { DATABASE_URL: url }));
  else console.log('  (PostgreSQL skipped: set TEST_DATABASE_URL to include it)');
}
