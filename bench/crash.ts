import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withScratchDatabase } from './scratch-database.ts';
import { SecretBox } from '../gateway/security/secret-box.ts';
import { keyCheck } from '../gateway/store/key-check.ts';
import { openStore } from '../gateway/store/open.ts';

const ROUNDS = 20;
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

async function countEvents(settings: { dataDir: string; databaseUrl?: string }): Promise<number> {
  const db = await openStore({ ...settings, keyCheck: keyCheck(new SecretBox(KEY)) });
  try {
    return (await db.audit.list({ tenantId: 'himawari', action: 'login', limit: Number.POSITIVE_INFINITY })).length;
  } finally {
    await db.close();
  }
}

/**
 * `kill -9` during concurrent acknowledged writes, ROUNDS times on one data set: every restart must
 * succeed and every acknowledged write must be there afterwards (issue: "a crash test in the suite").
 */
async function crashRounds(name: string, env: Record<string, string>, settings: { dataDir: string; databaseUrl?: string }): Promise<void> {
  let acknowledged = 0;
  let restarts = 0;
  let lost = 0;
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    const gateway = await start(env);
    restarts++;
    let done = 0;
    let n = round * 1000;
    const writers = Array.from({ length: 16 }, async () => {
      for (;;) {
        const ok = await acknowledgedWrite(gateway.url, n++).catch(() => null);
        if (ok === null) return;
        if (ok) done++;
      }
    });
    while (done < 10) await new Promise((resolve) => setTimeout(resolve, 10));
    gateway.child.kill('SIGKILL');
    await once(gateway.child, 'exit');
    await Promise.all(writers);
    acknowledged += done;
    const stored = await countEvents(settings);
    if (stored < acknowledged) lost = Math.max(lost, acknowledged - stored);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`crash ${name}: ${ROUNDS} kill -9 rounds, ${restarts} restarts ok, ${acknowledged} acknowledged writes, ${lost} lost (${seconds.toFixed(0)} s)`);
  if (lost > 0) process.exitCode = 1;
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
