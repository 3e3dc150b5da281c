import { describe, expect, it } from 'vitest';
import { loadConfig } from '../gateway/config.ts';
import { createServices } from '../gateway/services.ts';
import { activeToken, apiFor, codeNear } from './helpers/api.ts';
import { BACKENDS, freshPostgresUrl } from './helpers/backends.ts';
import { demoDataDir } from './helpers/demo-data.ts';
import { tempDir } from './helpers/temp-dir.ts';

/** A fresh store of that backend with the demo data (PostgreSQL seeds its own empty database). */
async function storeEnv(backend: string): Promise<Record<string, string>> {
  return backend === 'postgres' ? { DATA_DIR: await tempDir(), DATABASE_URL: await freshPostgresUrl() } : { DATA_DIR: await demoDataDir() };
}

describe.each(BACKENDS)('the bank API on the $name store', (backend) => {
  it.skipIf(backend.skip)('accepts one code exactly once out of 50 concurrent verifications', async () => {
    const services = await createServices(loadConfig(await storeEnv(backend.name)));
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
    const services = await createServices(loadConfig(await storeEnv(backend.name)));
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
});
