import { describe, expect, it } from 'vitest';
import { testConfig } from './helpers/config.ts';
import { createServices } from '../gateway/services.ts';
import { ApiKeyService, KEY_RECHECK_MS } from '../gateway/api/keys.ts';
import { RATE_FRESH_MS } from '../gateway/api/rate.ts';
import { createApp } from '../gateway/routes.ts';
import { activeToken, apiClient, apiFor, codeNear } from './helpers/api.ts';
import { BACKENDS, freshPostgresUrl } from './helpers/backends.ts';
import { demoDataDir } from './helpers/demo-data.ts';
import { tempDir } from './helpers/temp-dir.ts';

/** A fresh store of that backend with the demo data (PostgreSQL seeds its own empty database). */
async function storeEnv(backend: string): Promise<Record<string, string>> {
  return backend === 'postgres' ? { DATA_DIR: await tempDir(), DATABASE_URL: await freshPostgresUrl() } : { DATA_DIR: await demoDataDir() };
}

/**
 * Two gateways with a key rate of 10 a minute on one store, at a fixed time: on PostgreSQL services of
 * their own on the same database; embedded (one process per DATA_DIR), the same services, whose apps
 * (createApp) each keep a count of their own over the same store.
 */
async function twoGateways(backend: string) {
  const env: Record<string, string> = { DATA_DIR: await tempDir(), API_RATE_PER_MINUTE: '10', ...(backend === 'postgres' ? { DATABASE_URL: await freshPostgresUrl() } : {}) };
  const now = () => Date.UTC(2026, 10, 22, 3, 0, 30);
  const first = await createServices(testConfig(env), now);
  const second = backend === 'postgres' ? await createServices(testConfig(env), now) : first;
  const close = async () => {
    await first.close();
    if (second !== first) await second.close();
  };
  return { first, second, now, close };
}

describe.each(BACKENDS)('the bank API on the $name store', (backend) => {
  it.skipIf(backend.skip)('accepts one code exactly once out of 50 concurrent verifications', async () => {
    const services = await createServices(testConfig(await storeEnv(backend.name)));
    try {
      expect(services.db.backend).toBe(backend.name);
      const api = await apiFor(services);
      const { token, secret } = await activeToken(services, 'himawari', 'c-taro');
      const otp = codeNear(secret, token, Date.now());
      const answers = await Promise.all(Array.from({ length: 50 }, () => api.call('POST', '/api/v1/verifications', { serial: token.serial, otp })));
      const byCode = answers.map((answer) => (answer.status === 200 ? 'accepted' : answer.json.code));
      expect(byCode.filter((code) => code === 'accepted')).toHaveLength(1);
      expect(byCode.filter((code) => code === 'replayed')).toHaveLength(49);
      const events = await services.db.audit.list({ tenantId: 'himawari', action: 'otp.verify', limit: 100 });
      expect(events.filter((event) => event.result === 'ok')).toHaveLength(1);
    } finally {
      await services.close();
    }
  }, 60_000);

  it.skipIf(backend.skip)('pages tokens and audit events of the key’s own bank only', async () => {
    const services = await createServices(testConfig(await storeEnv(backend.name)));
    try {
      const api = await apiFor(services);
      const other = await apiFor(services, '20200001', ['verify', 'manage', 'audit'], api.app);
      const himawari = (await services.db.tenants.get('himawari'))!;
      const kodama = (await services.db.tenants.get('kodama'))!;
      const ours = [];
      for (let i = 0; i < 3; i++) ours.push((await services.tokens.issue(himawari)).token.serial);
      const theirs = (await services.tokens.issue(kodama)).token.serial;
      ours.sort();
      const first = await api.call('GET', '/api/v1/tokens?limit=2');
      const second = await api.call('GET', `/api/v1/tokens?limit=2&cursor=${first.json.next}`);
      expect([...first.json.tokens, ...second.json.tokens].map((token: { serial: string }) => token.serial)).toEqual(ours);
      expect(second.json.next).toBeUndefined();
      expect((await other.call('GET', '/api/v1/tokens')).json.tokens.map((token: { serial: string }) => token.serial)).toEqual([theirs]);
      for (const serial of ours) await api.call('POST', `/api/v1/tokens/${serial}/unlock`);
      await other.call('POST', `/api/v1/tokens/${theirs}/unlock`);
      const page = await api.call('GET', '/api/v1/audit?action=token.unlock&limit=2');
      const rest = await api.call('GET', `/api/v1/audit?action=token.unlock&limit=2&cursor=${page.json.next}`);
      expect([...page.json.events, ...rest.json.events]).toHaveLength(3);
      expect((await api.call('GET', `/api/v1/audit?serial=${theirs}`)).json.events).toEqual([]);
      expect((await other.call('GET', '/api/v1/audit')).json.events).toHaveLength(1);
    } finally {
      await services.close();
    }
  }, 60_000);

  it.skipIf(backend.skip)('holds a key to its rate exactly on one gateway, and shares the count with a second one', async () => {
    const { first, second, now, close } = await twoGateways(backend.name);
    try {
      const api = await apiFor(first, '10100001', ['manage']);
      const burst = await Promise.all(Array.from({ length: 30 }, () => api.call('GET', '/api/v1/tokens')));
      expect(burst.filter((answer) => answer.status === 200)).toHaveLength(6 + 4);
      expect(burst.filter((answer) => answer.status === 429)).toHaveLength(20);
      expect(await first.db.throttle.count(`api:${api.keyId}`, now() - 30_000)).toBe(10);
      const other = apiClient(createApp(second), api.key, api.keyId);
      expect((await other.call('GET', '/api/v1/tokens')).status).toBe(429);
    } finally {
      await close();
    }
  }, 60_000);

  it.skipIf(backend.skip)('lets a second gateway use what the first left of a key’s rate', async () => {
    const { first, second, close } = await twoGateways(backend.name);
    try {
      const api = await apiFor(first, '10100001', ['manage']);
      await Promise.all(Array.from({ length: 6 }, () => api.call('GET', '/api/v1/tokens')));
      const other = apiClient(createApp(second), api.key, api.keyId);
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push((await other.call('GET', '/api/v1/tokens')).status);
      expect(answers).toEqual([200, 200, 200, 200, 429, 429]);
      // The first gateway's total is older than RATE_FRESH_MS by now: it reads it again before deciding.
      await new Promise((resolve) => setTimeout(resolve, RATE_FRESH_MS + 20));
      expect((await api.call('GET', '/api/v1/tokens')).status).toBe(429);
    } finally {
      await close();
    }
  }, 60_000);

  it.skipIf(backend.skip)('stops a key revoked by another process within KEY_RECHECK_MS, and one revoked here at once', async () => {
    const env: Record<string, string> = { DATA_DIR: await tempDir(), ...(backend.name === 'postgres' ? { DATABASE_URL: await freshPostgresUrl() } : {}) };
    const gateway = await createServices(testConfig(env));
    // On PostgreSQL the CLI is a process of its own (here: services of their own on the same database).
    const cli = backend.name === 'postgres' ? await createServices(testConfig(env)) : gateway;
    try {
      const api = await apiFor(gateway, '10100001', ['manage']);
      expect((await api.call('GET', '/api/v1/tokens')).status).toBe(200);
      await new ApiKeyService(cli.db).revoke(api.keyId);
      await new Promise((resolve) => setTimeout(resolve, KEY_RECHECK_MS + 50));
      expect((await api.call('GET', '/api/v1/tokens')).status).toBe(401);
      const next = await apiFor(gateway, '10100001', ['manage'], api.app);
      expect((await next.call('GET', '/api/v1/tokens')).status).toBe(200);
      await new ApiKeyService(gateway.db).revoke(next.keyId);
      expect((await next.call('GET', '/api/v1/tokens')).status).toBe(401);
    } finally {
      await gateway.close();
      if (cli !== gateway) await cli.close();
    }
  }, 60_000);
});
