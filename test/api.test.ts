import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { serialHash } from '../gateway/audit/trail.ts';
import { activeToken, apiFor, codeNear } from './helpers/api.ts';
import { testServices } from './helpers/services.ts';

const START = Date.UTC(2026, 10, 22, 3, 0, 0);

async function setUp(env: Record<string, string> = {}) {
  const { services, clock, dataDir } = await testServices(START, env);
  const api = await apiFor(services);
  const { token, secret } = await activeToken(services, 'himawari', 'c-taro');
  return { services, clock, dataDir, api, token, secret, code: (offset = 0) => codeNear(secret, token, clock.now(), offset) };
}

const PROBLEM = 'application/problem+json';

describe('POST /api/v1/verifications', () => {
  it('accepts a code once, then gives every refusal its own problem code', async () => {
    const { services, clock, api, token, code } = await setUp();
    const accepted = await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code() });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toEqual({ result: 'accepted', serial: token.serial, step: Math.floor(clock.now() / 60_000) });

    const replay = await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code() });
    expect(replay).toMatchObject({ status: 422, type: PROBLEM, json: { code: 'replayed', status: 422, type: expect.stringContaining('replayed'), title: expect.any(String) } });
    expect((await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: '1234' })).json).toMatchObject({ code: 'malformed', status: 422 });
    // A real code of a clock 5 minutes off is clock_skew, not counted; a code of no nearby step is wrong.
    expect((await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code(5) })).json).toMatchObject({ code: 'clock_skew', status: 422 });
    const wrong = await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code(40) });
    expect(wrong).toMatchObject({ status: 422, json: { code: 'wrong', attemptsLeft: 9 } });
    expect((await api.call('POST', '/api/v1/verifications', { serial: 'KT0000000000', otp: code() })).json).toMatchObject({ code: 'unknown', status: 404 });

    for (let i = 0; i < 9; i++) await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: '00000000' });
    clock.advance(60_000);
    const locked = await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code() });
    expect(locked).toMatchObject({ status: 423, type: PROBLEM, json: { code: 'locked', lockedUntil: new Date(START + 30 * 60_000).toISOString() } });

    await services.tokens.revoke(token.serial);
    expect((await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code() })).json).toMatchObject({ code: 'revoked', status: 422 });
  });

  it('refuses the code of an expired token', async () => {
    const { clock, api, token, code } = await setUp();
    clock.set(Date.parse(token.expiresAt) + 1000);
    expect((await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code() })).json).toMatchObject({ code: 'expired', status: 422 });
  });

  it('verifies by the customer id against their 利用中 token, and takes serials as typed', async () => {
    const { api, token, code } = await setUp();
    expect(await api.call('POST', '/api/v1/verifications', { customerId: 'c-taro', otp: code() })).toMatchObject({ status: 200, json: { serial: token.serial } });
    expect((await api.call('POST', '/api/v1/verifications', { customerId: 'c-hanako', otp: code(1) })).json.code).toBe('unknown');
    expect((await api.call('POST', '/api/v1/verifications', { customerId: 'nobody', otp: code(1) })).json.code).toBe('unknown');
    const typed = token.serial.toLowerCase().replace(/^(.{4})/, '$1-');
    expect(await api.call('POST', '/api/v1/verifications', { serial: typed, otp: code(1) })).toMatchObject({ status: 200, json: { serial: token.serial } });
  });

  it('records each verification in the audit trail as the key', async () => {
    const { services, api, token, code } = await setUp();
    await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code() });
    const [event] = await services.db.audit.list({ tenantId: 'himawari', action: 'otp.verify', limit: 5 });
    expect(event).toMatchObject({ actor: `api:${api.keyId}`, result: 'ok', customerId: 'c-taro', serialHash: serialHash(token.serial) });
  });
});

describe('keys, scopes and banks', () => {
  it('answers 401 without a key, with a wrong or a revoked one', async () => {
    const { services, api, token, code } = await setUp();
    const body = { serial: token.serial, otp: code() };
    const without = await api.call('POST', '/api/v1/verifications', body, { authorization: '' });
    expect(without).toMatchObject({ status: 401, type: PROBLEM, json: { code: 'unauthorized' } });
    expect(without.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const forged = api.key.slice(0, -4) + (api.key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await api.call('POST', '/api/v1/verifications', body, { authorization: `Bearer ${forged}` })).status).toBe(401);
    expect((await api.call('POST', '/api/v1/verifications', body, { authorization: `Basic ${api.key}` })).status).toBe(401);
    const { ApiKeyService } = await import('../gateway/api/keys.ts');
    await new ApiKeyService(services.db).revoke(api.keyId);
    expect((await api.call('POST', '/api/v1/verifications', body)).status).toBe(401);
  });

  it('answers 403 for a route outside the key’s scopes', async () => {
    const { services, api, token } = await setUp();
    const verifyOnly = await apiFor(services, '10100001', ['verify'], api.app);
    expect(await verifyOnly.call('GET', `/api/v1/tokens/${token.serial}`)).toMatchObject({ status: 403, type: PROBLEM, json: { code: 'forbidden' } });
    expect((await verifyOnly.call('GET', '/api/v1/audit')).status).toBe(403);
    const auditOnly = await apiFor(services, '10100001', ['audit'], api.app);
    expect((await auditOnly.call('POST', '/api/v1/verifications', { serial: token.serial, otp: '12345678' })).status).toBe(403);
    expect((await auditOnly.call('GET', '/api/v1/audit')).status).toBe(200);
  });

  it('shows a key its own bank only: another bank’s serial and customer are unknown (404), and untouched', async () => {
    const { services, api, token, code } = await setUp();
    const other = await apiFor(services, '20200001', ['verify', 'manage', 'audit'], api.app);
    for (const [method, path, body, headers] of [
      ['POST', '/api/v1/verifications', { serial: token.serial, otp: '00000000' }],
      ['POST', '/api/v1/verifications', { customerId: 'c-taro', otp: '00000000' }],
      ['GET', `/api/v1/tokens/${token.serial}`],
      ['POST', `/api/v1/tokens/${token.serial}/revoke`, { reason: 'bank' }],
      ['POST', `/api/v1/tokens/${token.serial}/unlock`],
      ['POST', `/api/v1/tokens/${token.serial}/resync`, { otp1: '00000000', otp2: '11111111' }],
      ['POST', '/api/v1/customers/c-taro/issuances', { mail: 'x@docomo.ne.jp', startPassword: '1234' }, { 'idempotency-key': 'other-bank-1' }],
    ] as const) {
      const answer = await other.call(method, path, body, headers);
      expect(answer, `${method} ${path}`).toMatchObject({ status: 404, type: PROBLEM, json: { code: 'unknown' } });
    }
    expect((await other.call('GET', '/api/v1/tokens')).json.tokens).toEqual([]);
    expect((await other.call('GET', `/api/v1/audit?serial=${token.serial}`)).json.events).toEqual([]);
    expect(await services.db.tokens.get(token.serial)).toMatchObject({ status: 'active', failures: 0 });
    expect((await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code() })).status).toBe(200);
  });

  it('limits each key per minute with 429 and Retry-After, shared through the store', async () => {
    const { services, clock, api } = await setUp({ API_RATE_PER_MINUTE: '3' });
    clock.set(START + 15_000);
    for (let i = 0; i < 3; i++) expect((await api.call('GET', '/api/v1/tokens')).status).toBe(200);
    const limited = await api.call('GET', '/api/v1/tokens');
    expect(limited).toMatchObject({ status: 429, type: PROBLEM, json: { code: 'rate_limited' } });
    expect(limited.headers.get('retry-after')).toBe('45');
    const another = await apiFor(services, '10100001', ['manage'], api.app);
    expect((await another.call('GET', '/api/v1/tokens')).status).toBe(200);
    clock.advance(45_000);
    expect((await api.call('GET', '/api/v1/tokens')).status).toBe(200);
  });
});

describe('bad requests', () => {
  it('answers invalid JSON, a wrong schema or query with 400 problem+json', async () => {
    const { api, token } = await setUp();
    for (const body of ['{bad', '', 'null', '[]', '"x"', JSON.stringify({ serial: token.serial }), JSON.stringify({ serial: token.serial, otp: 12345678 }), JSON.stringify({ serial: token.serial, otp: '1', extra: 1 })]) {
      const answer = await api.call('POST', '/api/v1/verifications', body);
      expect(answer, body).toMatchObject({ status: 400, type: PROBLEM, json: { code: 'bad_request', status: 400 } });
    }
    const noType = await api.app.request('/api/v1/verifications', { method: 'POST', headers: { authorization: `Bearer ${api.key}` }, body: '{}' });
    expect(noType.status).toBe(400);
    expect((await api.call('GET', '/api/v1/tokens?limit=0')).json).toMatchObject({ code: 'bad_request', errors: [{ path: 'limit' }] });
    expect((await api.call('GET', '/api/v1/tokens?status=lost')).status).toBe(400);
    expect((await api.call('GET', '/api/v1/audit?from=yesterday')).status).toBe(400);
    expect((await api.call('POST', `/api/v1/tokens/${token.serial}/revoke`, { reason: 'stolen' })).status).toBe(400);
  });

  it('refuses a body over a few KB with 413 and an unknown route with 404', async () => {
    const { api, token } = await setUp();
    expect(await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: 'x'.repeat(10_000) })).toMatchObject({ status: 413, type: PROBLEM, json: { code: 'too_large' } });
    expect(await api.call('GET', '/api/v1/nothing')).toMatchObject({ status: 404, type: PROBLEM, json: { code: 'unknown' } });
  });
});

describe('tokens', () => {
  it('pages through the bank’s tokens with filters, never showing a secret', async () => {
    const { services, api, token } = await setUp();
    const himawari = (await services.db.tenants.get('himawari'))!;
    const spare = await Promise.all([services.tokens.issue(himawari), services.tokens.issue(himawari)]);
    await services.tokens.issue((await services.db.tenants.get('kodama'))!);
    const serials = [token.serial, ...spare.map((s) => s.token.serial)].sort();
    const first = await api.call('GET', '/api/v1/tokens?limit=2');
    expect(first.json.tokens.map((t: { serial: string }) => t.serial)).toEqual(serials.slice(0, 2));
    const second = await api.call('GET', `/api/v1/tokens?limit=2&cursor=${first.json.next}`);
    expect(second.json).toEqual({ tokens: [expect.objectContaining({ serial: serials[2] })] });
    expect((await api.call('GET', '/api/v1/tokens?customer=c-taro')).json.tokens.map((t: { serial: string }) => t.serial)).toEqual([token.serial]);
    expect((await api.call('GET', '/api/v1/tokens?status=provisioned')).json.tokens).toHaveLength(2);

    const one = await api.call('GET', `/api/v1/tokens/${token.serial}`);
    expect(one.json).toEqual({
      serial: token.serial, status: 'active', customerId: 'c-taro', algorithm: 'SHA1', digits: 8, period: 60,
      issuedAt: token.issuedAt, expiresAt: token.expiresAt, activatedAt: token.issuedAt, lastStep: null, drift: 0, failures: 0,
    });
    const text = JSON.stringify([first.json, second.json, one.json]);
    for (const { secret, token: t } of [...spare, { secret: services.tokens.secretOf(token), token }]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain((await services.db.tokens.get(t.serial))!.sealedSecret);
    }
    expect((await api.call('GET', '/api/v1/tokens/KT0000000000')).json.code).toBe('unknown');
  });

  it('revokes the customer’s token as a 利用解除 (with the reason in the trail) and a spare one alone', async () => {
    const { services, api, token, code } = await setUp();
    const revoked = await api.call('POST', `/api/v1/tokens/${token.serial}/revoke`, { reason: 'lost' });
    expect(revoked).toMatchObject({ status: 200, json: { status: 'revoked', revokedAt: new Date(START).toISOString() } });
    expect(await services.db.customers.get('c-taro')).toMatchObject({ otpStatus: 'released' });
    const [event] = await services.db.audit.list({ tenantId: 'himawari', action: 'token.release', limit: 1 });
    expect(event).toMatchObject({ actor: `api:${api.keyId}`, detail: { reason: 'lost' }, serialHash: serialHash(token.serial) });
    expect((await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code() })).json.code).toBe('revoked');

    const spare = await services.tokens.issue((await services.db.tenants.get('himawari'))!);
    expect((await api.call('POST', `/api/v1/tokens/${spare.token.serial}/revoke`, { reason: 'bank' })).json.status).toBe('revoked');
    const [spareEvent] = await services.db.audit.list({ tenantId: 'himawari', action: 'token.revoke', limit: 1 });
    expect(spareEvent).toMatchObject({ actor: `api:${api.keyId}`, detail: { reason: 'bank' }, serialHash: serialHash(spare.token.serial) });
    expect((await api.call('POST', `/api/v1/tokens/${token.serial}/revoke`)).status).toBe(400);
  });

  it('unlocks a locked token', async () => {
    const { services, api, token, code } = await setUp();
    for (let i = 0; i < 10; i++) await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: '00000000' });
    expect((await api.call('GET', `/api/v1/tokens/${token.serial}`)).json).toMatchObject({ failures: 10, lockedUntil: expect.any(String) });
    const unlocked = await api.call('POST', `/api/v1/tokens/${token.serial}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.json).toMatchObject({ failures: 0 });
    expect(unlocked.json.lockedUntil).toBeUndefined();
    expect((await services.db.audit.list({ tenantId: 'himawari', action: 'token.unlock', limit: 1 }))[0]).toMatchObject({ actor: `api:${api.keyId}` });
    expect((await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code() })).status).toBe(200);
  });

  it('resyncs a drifted handset with two consecutive codes, which then count as used', async () => {
    const { services, clock, api, token, code } = await setUp();
    // The handset runs 2 minutes fast: beyond the verify window of one step, so a real code is clock_skew
    // (not counted). Further than the engine's cap ahead (window + 3 minutes) the handset's clock must be put right.
    expect((await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code(2) })).json.code).toBe('clock_skew');
    expect((await api.call('POST', `/api/v1/tokens/${token.serial}/resync`, { otp1: code(2), otp2: code(4) })).json).toMatchObject({ code: 'wrong', attemptsLeft: 9 });
    const resynced = await api.call('POST', `/api/v1/tokens/${token.serial}/resync`, { otp1: code(2), otp2: code(3) });
    expect(resynced).toMatchObject({ status: 200, json: { drift: 3, failures: 0 } });
    expect((await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code(3) })).json.code).toBe('replayed');
    expect((await api.call('POST', `/api/v1/tokens/${token.serial}/resync`, { otp1: code(2), otp2: code(3) })).json.code).toBe('replayed');
    expect((await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code(4) })).status).toBe(200);
    // A used code followed by a fresh one is no proof: refused, and the fresh one stays usable.
    expect((await api.call('POST', `/api/v1/tokens/${token.serial}/resync`, { otp1: code(4), otp2: code(5) })).json.code).toBe('replayed');
    expect((await api.call('POST', `/api/v1/tokens/${token.serial}/resync`, { otp1: '12', otp2: code(5) })).json.code).toBe('malformed');
    // A minute later that step is within the engine's cap ahead of the clock again, and still unused.
    clock.advance(60_000);
    expect((await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code(4) })).status).toBe(200);
    // Beyond maxDriftSteps (10) no resync can help.
    expect((await api.call('POST', `/api/v1/tokens/${token.serial}/resync`, { otp1: code(20), otp2: code(21) })).json.code).toBe('wrong');
    const events = await services.db.audit.list({ tenantId: 'himawari', action: 'token.resync', limit: 10 });
    expect(events.map((event) => event.result)).toEqual(['wrong', 'replayed', 'replayed', 'ok', 'wrong']);
    expect(events.every((event) => event.actor === `api:${api.keyId}`)).toBe(true);
  });
});

describe('POST /api/v1/customers/{id}/issuances', () => {
  it('starts a トークン発行 once per Idempotency-Key and mails the link once', async () => {
    const { services, api } = await setUp();
    const body = { mail: 'hanako@docomo.ne.jp', startPassword: '１２３４' };
    const created = await api.call('POST', '/api/v1/customers/c-hanako/issuances', body, { 'idempotency-key': 'bank-req-0001' });
    expect(created).toMatchObject({ status: 201, json: { serviceId: '10100001', userId: expect.stringMatching(/^9998\d{8}$/), expiresAt: new Date(START + 24 * 3_600_000).toISOString() } });
    const replay = await api.call('POST', '/api/v1/customers/c-hanako/issuances', body, { 'idempotency-key': 'bank-req-0001' });
    expect(replay).toMatchObject({ status: 200, json: created.json });
    expect(await services.outbox.mailbox('hanako@docomo.ne.jp')).toHaveLength(1);
    expect(await services.db.customers.get('c-hanako')).toMatchObject({ otpStatus: 'issued' });
    expect((await services.db.audit.list({ tenantId: 'himawari', action: 'token.issue', limit: 5 }))[0]).toMatchObject({ actor: `api:${api.keyId}`, customerId: 'c-hanako' });

    const again = await api.call('POST', '/api/v1/customers/c-hanako/issuances', body, { 'idempotency-key': 'bank-req-0002' });
    expect(again).toMatchObject({ status: 409, type: PROBLEM, json: { code: 'conflict' } });
  });

  it('refuses a missing key header, bad fields, an unknown or a business customer', async () => {
    const { services, api } = await setUp();
    const body = { mail: 'hanako@docomo.ne.jp', startPassword: '1234' };
    expect((await api.call('POST', '/api/v1/customers/c-hanako/issuances', body)).json).toMatchObject({ code: 'bad_request' });
    expect((await api.call('POST', '/api/v1/customers/c-hanako/issuances', { ...body, startPassword: '12' }, { 'idempotency-key': 'bank-req-0003' })).status).toBe(400);
    expect((await api.call('POST', '/api/v1/customers/c-hanako/issuances', { ...body, mail: 'not a mail' }, { 'idempotency-key': 'bank-req-0003' })).status).toBe(400);
    expect((await api.call('POST', '/api/v1/customers/nobody/issuances', body, { 'idempotency-key': 'bank-req-0003' })).json.code).toBe('unknown');
    const business = await apiFor(services, '20200001', ['manage'], api.app);
    expect((await business.call('POST', '/api/v1/customers/W0001/issuances', body, { 'idempotency-key': 'bank-req-0004' })).status).toBe(409);
    expect(await services.outbox.mailbox('hanako@docomo.ne.jp')).toHaveLength(0);
  });
});

describe('GET /api/v1/audit', () => {
  it('filters by serial, customer, action and time, and pages newest first', async () => {
    const { clock, api, token, code } = await setUp();
    await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: code() });
    clock.advance(60_000);
    await api.call('POST', '/api/v1/verifications', { serial: token.serial, otp: '00000000' });
    clock.advance(60_000);
    await api.call('POST', `/api/v1/tokens/${token.serial}/unlock`);
    await api.call('POST', '/api/v1/customers/c-hanako/issuances', { mail: 'h@docomo.ne.jp', startPassword: '1234' }, { 'idempotency-key': 'bank-req-0005' });

    const all = await api.call('GET', '/api/v1/audit');
    expect(all.json.events.map((e: { action: string }) => e.action)).toEqual(['token.issue', 'token.unlock', 'otp.verify', 'otp.verify']);
    expect(all.json.events[1]).toMatchObject({ serial: expect.stringMatching(/^KT\*{6}.{4}$/), actor: `api:${api.keyId}` });
    expect(JSON.stringify(all.json)).not.toContain(token.serial);
    expect(JSON.stringify(all.json)).not.toContain('serialHash');

    expect((await api.call('GET', `/api/v1/audit?serial=${token.serial}`)).json.events).toHaveLength(3);
    expect((await api.call('GET', '/api/v1/audit?customer=c-hanako')).json.events).toHaveLength(1);
    expect((await api.call('GET', '/api/v1/audit?action=otp.verify')).json.events.map((e: { result: string }) => e.result)).toEqual(['wrong', 'ok']);
    const from = new Date(START + 60_000).toISOString();
    const to = new Date(START + 120_000).toISOString();
    expect((await api.call('GET', `/api/v1/audit?from=${from}&to=${to}`)).json.events.map((e: { result: string }) => e.result)).toEqual(['wrong']);

    const page1 = await api.call('GET', '/api/v1/audit?limit=3');
    expect(page1.json.events).toHaveLength(3);
    const page2 = await api.call('GET', `/api/v1/audit?limit=3&cursor=${page1.json.next}`);
    expect(page2.json).toEqual({ events: [all.json.events[3]] });
  });
});

describe('OpenAPI document and docs page', () => {
  it('is a valid OpenAPI 3.1 document covering every route of the API', async () => {
    const { api } = await setUp();
    const response = await api.app.request('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    const served = api.app.routes
      .filter((route) => route.path.startsWith('/api/v1/') && route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(new Set(documented)).toEqual(new Set(served));
    expect(documented).toHaveLength(11);
  });

  it('serves a docs page that names every route and loads nothing from elsewhere', async () => {
    const { api } = await setUp();
    const response = await api.app.request('/api/v1/docs');
    expect(response.status).toBe(200);
    const page = await response.text();
    const doc = await (await api.app.request('/api/v1/openapi.json')).json();
    for (const path of Object.keys(doc.paths)) expect(page).toContain(`<code>${path}</code>`);
    expect(page).not.toMatch(/<script|<link|src=/i);
  });

  it('keeps GET /api/v1/handset open without a key', async () => {
    const { api } = await setUp();
    const answer = await api.app.request('/api/v1/handset', { headers: { 'user-agent': 'DoCoMo/1.0/D503i' } });
    expect(await answer.json()).toMatchObject({ carrier: 'docomo', model: 'D503i' });
  });
});
