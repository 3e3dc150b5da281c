import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withScratchDatabase } from './scratch-database.ts';
import { ApiKeyService } from '../gateway/api/keys.ts';
import { serialHash } from '../gateway/audit/trail.ts';
import { loadConfig } from '../gateway/config.ts';
import { codeAt } from '../gateway/otp/code.ts';
import type { IssuedToken } from '../gateway/otp/tokens.ts';
import { SecretBox } from '../gateway/security/secret-box.ts';
import { createServices } from '../gateway/services.ts';
import { keyCheck } from '../gateway/store/key-check.ts';
import { openStore } from '../gateway/store/open.ts';

const ROUNDS = 20;
/** Fresh tokens per round for the bank API's verifications: more than 16 writers get through before the kill. */
const TOKENS_PER_ROUND = 300;
const KEY = SecretBox.generateKey();

/** Starts `npm start`'s command on a free port and resolves with its URL. */
async function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', KETAI_SECRET_KEY: KEY.toString('hex'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`gateway exited with ${code} before listening:\n${output}`)));
  });
  return { child, url };
}

/**
 * One failed login (an unknown ID): the answer — 400, or 429 once the address is over its failure
 * limit — comes only after its audit event is durable.
 */
async function acknowledgedWrite(url: string, n: number): Promise<boolean> {
  const page = await fetch(`${url}/`);
  const csrf = /name="_csrf" value="([^"]*)"/.exec(await page.text())?.[1] ?? '';
  const cookie = page.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const response = await fetch(`${url}/ib/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: csrf, loginId: `crash-${n}`, password: 'x' }).toString(),
  });
  return response.status === 400 || response.status === 429;
}

/** A bank API verification of a token's current code: 200 only once its step and audit event are durable. */
async function acknowledgedVerification(url: string, key: string, issued: IssuedToken): Promise<number | null> {
  const { token, secret } = issued;
  const response = await fetch(`${url}/api/v1/verifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ serial: token.serial, otp: codeAt(secret, token, Date.now()) }),
  });
  const body = (await response.json()) as { step?: number };
  return response.status === 200 ? body.step! : null;
}

/** With the gateway stopped: an API key and fresh tokens for the next round (the first call also makes the demo banks). */
async function prepareVerifications(env: Record<string, string>): Promise<{ key: string; tokens: IssuedToken[] }> {
  const services = await createServices(loadConfig({ ...env, KETAI_SECRET_KEY: KEY.toString('hex') }));
  try {
    const { key } = await new ApiKeyService(services.db).create('10100001', ['verify'], 'crash');
    const tenant = (await services.db.tenants.get('himawari'))!;
    const tokens = await services.db.transaction(async (tx) => {
      const made = [];
      for (let i = 0; i < TOKENS_PER_ROUND; i++) made.push(await services.tokens.mint(tx, tenant));
      return made;
    });
    return { key, tokens };
  } finally {
    await services.close();
  }
}

interface Acknowledged {
  logins: number;
  /** Serial → the step the API answered 200 for. */
  verifications: Map<string, number>;
}

/** How many acknowledged writes the store lacks: login events, and verifications whose step or `ok` event is missing. */
async function countLost(settings: { dataDir: string; databaseUrl?: string }, acknowledged: Acknowledged): Promise<{ logins: number; verifications: number }> {
  const db = await openStore({ ...settings, keyCheck: keyCheck(new SecretBox(KEY)) });
  try {
    const logins = (await db.audit.list({ tenantId: 'himawari', action: 'login', limit: Number.POSITIVE_INFINITY })).length;
    const verified = await db.audit.list({ tenantId: 'himawari', action: 'otp.verify', limit: Number.POSITIVE_INFINITY });
    const okEvents = new Set(verified.filter((event) => event.result === 'ok').map((event) => event.serialHash));
    let verifications = 0;
    for (const [serial, step] of acknowledged.verifications) {
      const token = await db.tokens.get(serial);
      if (!token || token.lastStep === null || token.lastStep < step || !okEvents.has(serialHash(serial))) verifications++;
    }
    return { logins: Math.max(0, acknowledged.logins - logins), verifications };
  } finally {
    await db.close();
  }
}

/**
 * `kill -9` during concurrent acknowledged writes, ROUNDS times on one data set: every restart must
 * succeed and every acknowledged write must be there afterwards (issue: "a crash test in the suite").
 * The writes: failed logins (their audit event) and bank API verifications (the accepted step and its
 * audit event, one commit).
 */
async function crashRounds(name: string, env: Record<string, string>, settings: { dataDir: string; databaseUrl?: string }): Promise<void> {
  const acknowledged: Acknowledged = { logins: 0, verifications: new Map() };
  let restarts = 0;
  let lost = { logins: 0, verifications: 0 };
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    const { key, tokens } = await prepareVerifications(env);
    const gateway = await start(env);
    restarts++;
    let logins = 0;
    let verifications = 0;
    let n = round * 1000;
    const loginWriters = Array.from({ length: 16 }, async () => {
      for (;;) {
        const ok = await acknowledgedWrite(gateway.url, n++).catch(() => null);
        if (ok === null) return;
        if (ok) logins++;
      }
    });
    const verifyWriters = Array.from({ length: 16 }, async () => {
      for (let issued = tokens.pop(); issued; issued = tokens.pop()) {
        const step = await acknowledgedVerification(gateway.url, key, issued).catch(() => undefined);
        if (step === undefined) return;
        if (step !== null) {
          acknowledged.verifications.set(issued.token.serial, step);
          verifications++;
        }
      }
    });
    while (logins < 10 || verifications < 10) await new Promise((resolve) => setTimeout(resolve, 10));
    gateway.child.kill('SIGKILL');
    await once(gateway.child, 'exit');
    await Promise.all([...loginWriters, ...verifyWriters]);
    acknowledged.logins += logins;
    const missing = await countLost(settings, acknowledged);
    lost = { logins: Math.max(lost.logins, missing.logins), verifications: Math.max(lost.verifications, missing.verifications) };
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `crash ${name}: ${ROUNDS} kill -9 rounds, ${restarts} restarts ok, ${acknowledged.logins} acknowledged logins (${lost.logins} lost), ` +
      `${acknowledged.verifications.size} acknowledged API verifications (${lost.verifications} lost) (${seconds.toFixed(0)} s)`,
  );
  if (lost.logins > 0 || lost.verifications > 0) process.exitCode = 1;
}

export async function benchCrash(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ketai-crash-'));
  try {
    await crashRounds('embedded', { DATA_DIR: dataDir }, { dataDir });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log('crash postgres: skipped (set TEST_DATABASE_URL=postgres://… to run it)');
    return;
  }
  const scratch = await mkdtemp(join(tmpdir(), 'ketai-crash-'));
  try {
    await withScratchDatabase(url, (databaseUrl) => crashRounds('postgres', { DATA_DIR: scratch, DATABASE_URL: databaseUrl }, { dataDir: scratch, databaseUrl }));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
