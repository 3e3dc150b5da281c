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

async function benchOn(label: string, env: Record<string, string>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ketai-bench-api-'));
  const services = await createServices(loadConfig({ DATA_DIR: dataDir, API_RATE_PER_MINUTE: String(1e9), ...env }));
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
    // Warm both paths (sockets, compiled code) on their own tokens before measuring.
    await throughput(base, CONNECTIONS * 2, () => ({ method: 'GET', path: '/healthz' }));
    await throughput(base, CONNECTIONS * 2, (index) => verifyCall(VERIFICATIONS + index));
    // Alternating rounds, summed: the machine's load drifts, and both figures should see the same drift.
    let health = 0;
    let verifications = 0;
    for (let round = 0; round < ROUNDS; round++) {
      health += (await throughput(base, HEALTH_REQUESTS / ROUNDS, () => ({ method: 'GET', path: '/healthz' }))) / ROUNDS;
      const offset = (round * VERIFICATIONS) / ROUNDS;
      verifications += (await throughput(base, VERIFICATIONS / ROUNDS, (index) => verifyCall(offset + index))) / ROUNDS;
    }
    report(`GET /healthz (${CONNECTIONS} concurrent), ${label}`, health, 'req/s');
    report(`POST /api/v1/verifications, accepted, ${label}`, verifications, 'req/s');
    const ratio = verifications / health;
    console.log(`  ${`ratio verifications / healthz, ${label} (target ≥ ${TARGET_RATIO})`.padEnd(58)} ${ratio.toFixed(3).padStart(12)}${ratio < TARGET_RATIO ? '  BELOW TARGET' : ''}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await services.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Bank API verifications per second over HTTP (accepted codes, durable replay state) against /healthz on the same server. */
export async function benchApi(): Promise<void> {
  await benchOn('embedded', {});
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) await withScratchDatabase(serverUrl, (url) => benchOn('PostgreSQL', { DATABASE_URL: url }));
  else console.log('  (PostgreSQL skipped: set TEST_DATABASE_URL to include it)');
}
