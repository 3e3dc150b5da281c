import { describe, expect, it } from 'vitest';
import { loadConfig } from '../gateway/config.ts';
import { createServices } from '../gateway/services.ts';
import { activeToken, apiFor, codeNear } from './helpers/api.ts';
import { BACKENDS, freshPostgresUrl } from './helpers/backends.ts';
import { tempDir } from './helpers/temp-dir.ts';

describe.each(BACKENDS)('the bank API on the $name store', (backend) => {
  it.skipIf(backend.skip)('accepts one code exactly once out of 50 concurrent verifications', async () => {
    const env: Record<string, string> = { DATA_DIR: await tempDir(), ...(backend.name === 'postgres' ? { DATABASE_URL: await freshPostgresUrl() } : {}) };
    const services = await createServices(loadConfig(env));
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
});
