import { describe, expect, it } from 'vitest';
import { ClientThrottle } from '../gateway/auth/client-throttle.ts';
import { LoginService } from '../gateway/auth/login.ts';
import { createApp } from '../gateway/routes.ts';
import { PortalClient } from './helpers/portal-client.ts';
import { testServices, ticketOf } from './helpers/services.ts';

const CARRIER_GATEWAY = { ip: '203.0.113.7', userAgent: 'DoCoMo/2.0 P07A3(c500;TB;W24H15)' };

async function setUp() {
  const { services, clock } = await testServices();
  const throttle = new ClientThrottle(services.db.throttle, clock.now, { limit: 3, windowMs: 10 * 60_000, tarpitMs: 0 });
  return { services, clock, logins: new LoginService(services.db, services.audit, throttle, clock.now, services.config.passwordCost) };
}

describe('per-client limit on failed attempts', () => {
  it('stops counting a busy address’s failures toward the customer’s lock, but lets its right passwords in', async () => {
    const { services, logins } = await setUp();
    for (const id of ['nobody1', 'nobody2', 'nobody3']) expect((await logins.login('himawari', id, 'x', CARRIER_GATEWAY)).status).toBe('invalid');
    for (let i = 0; i < 10; i++) expect((await logins.login('himawari', 'taro', 'wrong', CARRIER_GATEWAY)).status).toBe('throttled');
    expect((await services.db.customers.get('c-taro'))!.loginFailures).toBe(0);
    expect((await logins.login('himawari', 'taro', 'Passw0rd!', CARRIER_GATEWAY)).status).toBe('ok');
    // Another address is not affected, and its failures count as usual.
    expect((await logins.login('himawari', 'taro', 'wrong', { ip: '198.51.100.1' })).status).toBe('invalid');
    expect((await services.db.customers.get('c-taro'))!.loginFailures).toBe(1);
  });

  it('forgets the address after the window', async () => {
    const { logins, clock } = await setUp();
    for (let i = 0; i < 3; i++) await logins.login('himawari', `nobody${i}`, 'x', CARRIER_GATEWAY);
    expect((await logins.login('himawari', 'taro', 'wrong', CARRIER_GATEWAY)).status).toBe('throttled');
    clock.advance(10 * 60_000);
    expect((await logins.login('himawari', 'taro', 'wrong', CARRIER_GATEWAY)).status).toBe('invalid');
  });

  it('refuses the app’s 初期設定 from a busy address with rate_limited, without voiding the issuance', async () => {
    const { services } = await testServices();
    const issued = await services.issuance.issue('c-taro', await services.issuance.prepare({ mail: 't@docomo.ne.jp', startPassword: '1234' }), 'f', 'http://bank.test');
    if (issued.status !== 'created') throw new Error(issued.status);
    const binding = await ticketOf(services, 't@docomo.ne.jp');
    const fields = (userId: string, startPassword: string) => ({ serviceId: '10100001', userId, startPassword, binding });
    for (let i = 0; i < 30; i++) await services.issuance.provision(fields(`99980000${String(i).padStart(4, '0')}`, '0000'), CARRIER_GATEWAY);
    expect(await services.issuance.provision(fields(issued.issuance.userId, '9999'), CARRIER_GATEWAY)).toEqual({ ok: false, error: 'rate_limited' });
    expect((await services.db.issuances.get(issued.issuance.id))!.failures).toBe(0);
    expect((await services.issuance.provision(fields(issued.issuance.userId, '1234'), CARRIER_GATEWAY)).ok).toBe(true);
  }, 60_000);
});

describe('login IDs cannot be told apart', () => {
  it('shows the same lock message after 5 wrong tries for an ID nobody has', async () => {
    const { services } = await testServices();
    const client = new PortalClient(createApp(services));
    await client.get('/');
    const messages = async (loginId: string) => {
      for (let i = 0; i < 5; i++) await client.post('/ib/login', { loginId, password: 'wrong' });
      return client.messages();
    };
    const real = await messages('taro');
    const unknown = await messages('nobody');
    expect(real[0]).toMatch(/ログインを一時的に制限しています/);
    expect(unknown).toEqual(real);
  });
});
