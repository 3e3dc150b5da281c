import { describe, expect, it } from 'vitest';
import { createApp } from '../gateway/routes.ts';
import { freshPostgresUrl, SKIP_POSTGRES } from './helpers/backends.ts';
import { PortalClient } from './helpers/portal-client.ts';
import { testServices } from './helpers/services.ts';

describe.skipIf(SKIP_POSTGRES)('the portal on PostgreSQL', () => {
  it('answers a NUL or other control character in a form with the field error, never a 500 (text columns refuse NUL)', async () => {
    const { services } = await testServices(undefined, { DATABASE_URL: await freshPostgresUrl() });
    const client = new PortalClient(createApp(services));
    await client.get('/');
    for (const loginId of ['taro\u0000', '\u0000', 'ta\u0000ro']) {
      const page = await client.post('/ib/login', { loginId, password: 'Passw0rd!\u0000' });
      expect(page.status, JSON.stringify(loginId)).toBe(400);
      expect(page.screen).toBe('BLI001');
    }
    await client.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!' });
    expect(client.page.screen).toBe('BTP001');
    await services.close();
  });
});
