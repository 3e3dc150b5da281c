import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { apikey as runApikey } from '../gateway/api/cli.ts';
import { createServices } from '../gateway/services.ts';
import { activeToken, apiClient, codeNear } from './helpers/api.ts';
import { createApp } from '../gateway/routes.ts';
import { freshPostgresUrl, SKIP_POSTGRES } from './helpers/backends.ts';
import { testConfig } from './helpers/config.ts';
import { demoDataDir } from './helpers/demo-data.ts';
import { tempDir } from './helpers/temp-dir.ts';
import { dataFiles } from './helpers/services.ts';

type StoreEnv = string | { DATABASE_URL: string; DATA_DIR: string };
type Run = { code: number; stdout: string; stderr: string };
const envOf = (store: StoreEnv) => (typeof store === 'string' ? { DATA_DIR: store } : store);

/** The command in this process (its exit code and output): each spawned `node --import tsx` costs about 0.6 CPU-second. */
async function apikey(store: StoreEnv, ...args: string[]): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runApikey(args, envOf(store), { log: (line) => stdout.push(`${line}\n`), error: (line) => stderr.push(`${line}\n`) });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** `npm run apikey`'s own command (package.json) as a process. */
async function apikeyProcess(store: StoreEnv, ...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'gateway/api/cli.ts', ...args], { env: { ...process.env, ...envOf(store) } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as Run;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run apikey', () => {
  it('prints a key as its last line that then works on the gateway, lists it and revokes it', async () => {
    const dataDir = await demoDataDir();
    const created = await apikey(dataDir, 'create', '--service', '10100001', '--scopes', 'verify,manage', '--name', '窓口端末');
    expect(created.code).toBe(0);
    const key = created.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^kt_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    // `kt_<16 hex>_<43 base64url>`: the secret may itself contain `_`.
    const id = key.split('_')[1]!;
    const keySecret = key.slice(`kt_${id}_`.length);
    expect(keySecret).toHaveLength(43);

    const listed = await apikey(dataDir, 'list');
    expect(listed.stdout).toContain(`${id}\thimawari\tverify,manage\t`);
    expect(listed.stdout).toContain('窓口端末');
    expect(listed.stdout).not.toContain(keySecret);

    const services = await createServices(testConfig({ DATA_DIR: dataDir }));
    try {
      const api = apiClient(createApp(services), key, id);
      const { token, secret } = await activeToken(services, 'himawari', 'c-taro');
      expect((await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: codeNear(secret, token, Date.now()) })).status).toBe(200);
      expect((await api.call('GET', '/api/v1/audit')).status).toBe(403);
      expect(await dataFiles(services)).not.toContain(keySecret);
    } finally {
      await services.close();
    }

    expect((await apikey(dataDir, 'revoke', id)).stdout).toContain(`revoked key ${id}`);
    expect((await apikey(dataDir, 'list')).stdout).toMatch(/\trevoked \d{4}-/);
    const again = await createServices(testConfig({ DATA_DIR: dataDir }));
    try {
      expect((await apiClient(createApp(again), key, id).call('GET', '/api/v1/tokens')).status).toBe(401);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('runs as a process: the key as the last line of its output and exit code 0; a usage error exits with 2', async () => {
    const dataDir = await demoDataDir();
    const created = await apikeyProcess(dataDir, 'create', '--service', '20200001', '--scopes', 'audit');
    expect(created.code).toBe(0);
    const key = created.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^kt_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect((await apikey(dataDir, 'list')).stdout).toContain(`${key.split('_')[1]}\tkodama\taudit\t`);
    expect(await apikeyProcess(dataDir, 'create', '--service', '20200001', '--scopes', 'root')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('usage: npm run apikey') });
  }, 120_000);

  it('refuses a missing サービスID, an unknown bank and unknown scopes with a usage message', async () => {
    const dataDir = await tempDir();
    expect(await apikey(dataDir, 'create')).toMatchObject({ code: 2, stderr: expect.stringContaining('--service') });
    expect(await apikey(dataDir, 'create', '--service', '10100001', '--scopes', 'root')).toMatchObject({ code: 2, stderr: expect.stringContaining('--scopes') });
    expect(await apikey(dataDir, 'create', '--service', '99999999')).toMatchObject({ code: 1, stderr: expect.stringContaining('99999999') });
    expect(await apikey(dataDir, 'revoke', '0000000000000000')).toMatchObject({ code: 2, stderr: expect.stringContaining('no key') });
  }, 120_000);

  it.skipIf(SKIP_POSTGRES)('makes a key in the PostgreSQL store of DATABASE_URL', async () => {
    const env = { DATA_DIR: await tempDir(), DATABASE_URL: await freshPostgresUrl() };
    const created = await apikey(env, 'create', '--service', '20200001', '--scopes', 'audit');
    const key = created.stdout.trim().split('\n').at(-1)!;
    const services = await createServices(testConfig(env));
    try {
      expect(services.db.backend).toBe('postgres');
      const api = apiClient(createApp(services), key, key.split('_')[1]!);
      expect(await api.call('GET', '/api/v1/audit')).toMatchObject({ status: 200, json: { events: [] } });
    } finally {
      await services.close();
    }
  }, 120_000);
});
