import { describe, expect, it } from 'vitest';
import { codeAt } from '../gateway/otp/code.ts';
import { createApp } from '../gateway/routes.ts';
import type { Services } from '../gateway/services.ts';
import { dataFiles, mailedLink, testServices } from './helpers/services.ts';

const BASE = 'http://bank.test';
const INPUT = { mail: 'taro..m.@docomo.ne.jp', startPassword: '1234' };
const DRAFT = { mail: INPUT.mail, startPasswordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA' };

async function issued(services: Services, formId = 'form-1') {
  const result = await services.issuance.issue('c-taro', await services.issuance.prepare(INPUT), formId, BASE);
  if (result.status !== 'created') throw new Error(`not created: ${result.status}`);
  const ticket = (await mailedLink(services, INPUT.mail)).split('/').at(-1)!;
  return { issuance: result.issuance, ticket };
}

/** The token app's 初期設定 fields, with the binding its mailed link delivered (the ticket). */
const fields = (userId: string, binding: string, startPassword = '1234') => ({ serviceId: '10100001', userId, startPassword, binding });

describe('トークン発行 (issue)', () => {
  it('creates an issuance with a random ユーザID and mails only the link', async () => {
    const { services } = await testServices();
    const { issuance, ticket } = await issued(services);
    expect(issuance.userId).toMatch(/^9998\d{8}$/);
    expect(await services.issuance.overview('c-taro')).toMatchObject({ status: 'issued', serviceId: '10100001', userId: issuance.userId, canIssue: false, canActivate: true, canRelease: true });
    const [mail] = await services.outbox.mailbox('TARO..m.@docomo.ne.jp');
    expect(mail!.subject).toContain('ひまわり台信用組合');
    expect(mail!.body).toMatch(/http:\/\/bank\.test\/m\/dl\/[A-Za-z0-9_-]{32}/);
    expect(mail!.body).not.toContain('10100001');
    expect(mail!.body).not.toContain(issuance.userId);
    // Not a counter: the next customer's ユーザID cannot be guessed from this one.
    const second = await services.issuance.issue('c-hanako', await services.issuance.prepare({ mail: 'h@ezweb.ne.jp', startPassword: '5678' }), 'f', BASE);
    const next = second.status === 'created' ? second.issuance.userId : '';
    expect(next).toMatch(/^9998\d{8}$/);
    expect(Math.abs(Number(next) - Number(issuance.userId))).toBeGreaterThan(1);
  });

  it('creates one issuance for a form submitted twice at once, and mails once', async () => {
    const { services } = await testServices();
    const results = await Promise.all([1, 2, 3].map(() => services.issuance.issue('c-taro', DRAFT, 'same-form', BASE)));
    expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
    expect(new Set(results.map((r) => 'issuance' in r && r.issuance.id)).size).toBe(1);
    expect(await services.outbox.mailbox(INPUT.mail)).toHaveLength(1);
  });

  it('refuses a second issuance while one is in progress', async () => {
    const { services } = await testServices();
    await issued(services);
    expect(await services.issuance.issue('c-taro', DRAFT, 'form-2', BASE)).toEqual({ status: 'refused' });
  });

  it('stores neither the ticket nor the start password in clear', async () => {
    const { services } = await testServices();
    const { ticket } = await issued(services);
    const json = await dataFiles(services);
    expect(json).not.toContain(ticket);
    expect(json).not.toContain('"1234"');
  });
});

describe('download link (lookupTicket)', () => {
  it('is valid until it expires (24 h), then expired; used after set-up; unknown otherwise', async () => {
    const { services, clock } = await testServices();
    const { issuance, ticket } = await issued(services);
    expect(await services.issuance.lookupTicket(ticket)).toMatchObject({ status: 'valid', tenantId: 'himawari', bankName: 'ひまわり台信用組合' });
    expect(await services.issuance.lookupTicket('x'.repeat(32))).toEqual({ status: 'unknown' });
    expect(await services.issuance.lookupTicket('../../etc/passwd')).toEqual({ status: 'unknown' });
    clock.advance(24 * 3_600_000);
    expect(await services.issuance.lookupTicket(ticket)).toEqual({ status: 'expired' });
    clock.advance(-1);
    expect((await services.issuance.provision(fields(issuance.userId, ticket))).ok).toBe(true);
    expect(await services.issuance.lookupTicket(ticket)).toEqual({ status: 'used' });
  });
});

describe('provisioning (初期設定)', () => {
  it('binds a new sealed token to the issuance, once', async () => {
    const { services } = await testServices();
    const { issuance, ticket } = await issued(services);
    const result = await services.issuance.provision({ ...fields(issuance.userId, ticket), startPassword: '１２３４' });
    if (!result.ok) throw new Error(result.error);
    expect(result.token.serial).toMatch(/^[0-9A-Z]{12}$/);
    expect(result.issuer).toBe('ひまわり台信用組合');
    expect((await services.db.customers.get('c-taro'))!.tokenSerial).toBe(result.token.serial);
    expect(await dataFiles(services)).not.toContain(result.secret);
    expect(await services.issuance.provision(fields(issuance.userId, ticket))).toEqual({ ok: false, error: 'already_provisioned' });
  });

  it('refuses bad input and unknown users with their codes', async () => {
    const { services } = await testServices();
    const { issuance, ticket } = await issued(services);
    expect(await services.issuance.provision({ serviceId: undefined, userId: 1, startPassword: null, binding: undefined })).toEqual({ ok: false, error: 'bad_request' });
    expect(await services.issuance.provision(fields(issuance.userId, ticket, '12'))).toEqual({ ok: false, error: 'bad_request' });
    expect(await services.issuance.provision(fields('999899999999', ticket))).toEqual({ ok: false, error: 'unknown_user' });
    expect(await services.issuance.provision({ ...fields(issuance.userId, ticket), serviceId: '20200001' })).toEqual({ ok: false, error: 'unknown_user' });
  });

  it('answers a missing or wrong binding exactly like an unknown user: only the phone that opened the link sets up the token', async () => {
    const { services } = await testServices();
    const { issuance, ticket } = await issued(services);
    const { binding: _none, ...withoutBinding } = fields(issuance.userId, ticket);
    const unknown = { ok: false, error: 'unknown_user' };
    expect(await services.issuance.provision({ ...withoutBinding, binding: undefined })).toEqual(unknown);
    expect(await services.issuance.provision(fields(issuance.userId, 'A'.repeat(32)))).toEqual(unknown);
    expect(await services.issuance.provision(fields(issuance.userId, `${ticket}x`))).toEqual(unknown);
    // Guesses without the binding never count toward the issuance's lock, and the right one still works.
    for (let i = 0; i < 10; i++) await services.issuance.provision(fields(issuance.userId, 'B'.repeat(32), '1234'));
    expect((await services.issuance.provision(fields(issuance.userId, ticket))).ok).toBe(true);
  });

  it('locks the issuance after 5 wrong start passwords, even for the right one afterwards', async () => {
    const { services } = await testServices();
    const { issuance, ticket } = await issued(services);
    for (let left = 4; left >= 1; left--) {
      expect(await services.issuance.provision(fields(issuance.userId, ticket, '9999'))).toEqual({ ok: false, error: 'wrong_password', attemptsLeft: left });
    }
    expect(await services.issuance.provision(fields(issuance.userId, ticket, '9999'))).toEqual({ ok: false, error: 'locked' });
    expect(await services.issuance.provision(fields(issuance.userId, ticket))).toEqual({ ok: false, error: 'locked' });
    expect(await services.issuance.lookupTicket(ticket)).toEqual({ status: 'used' });
    // A dead issuance may be replaced by a new one.
    expect((await services.issuance.overview('c-taro')).canIssue).toBe(true);
    expect((await services.issuance.issue('c-taro', DRAFT, 'form-2', BASE)).status).toBe('created');
  });

  it('refuses an issuance whose link has expired', async () => {
    const { services, clock } = await testServices();
    const { issuance, ticket } = await issued(services);
    clock.advance(24 * 3_600_000 + 1);
    expect(await services.issuance.provision(fields(issuance.userId, ticket))).toEqual({ ok: false, error: 'expired' });
  });
});

describe('利用開始 and 利用解除', () => {
  async function provisioned() {
    const setup = await testServices();
    const { issuance, ticket } = await issued(setup.services);
    const result = await setup.services.issuance.provision(fields(issuance.userId, ticket));
    if (!result.ok) throw new Error(result.error);
    return { ...setup, ...result };
  }

  it('activates with the app code, then refuses the same code at login (replay)', async () => {
    const { services, clock, token, secret } = await provisioned();
    expect(await services.issuance.activate('c-taro', '00000000')).toMatchObject({ reason: 'wrong' });
    const code = codeAt(secret, token, clock.now());
    expect(await services.issuance.activate('c-taro', code)).toMatchObject({ reason: 'ok' });
    expect((await services.db.customers.get('c-taro'))!.otpStatus).toBe('active');
    expect((await services.db.tokens.get(token.serial))!.status).toBe('active');
    expect(await services.issuance.verifyCustomerCode('c-taro', code)).toEqual({ reason: 'replayed' });
    clock.advance(60_000);
    expect(await services.issuance.verifyCustomerCode('c-taro', codeAt(secret, token, clock.now()))).toMatchObject({ reason: 'ok' });
  });

  it('refuses activation before the app is set up', async () => {
    const { services } = await testServices();
    expect(await services.issuance.activate('c-taro', '12345678')).toEqual({ reason: 'not_provisioned' });
    await issued(services);
    expect(await services.issuance.activate('c-taro', '12345678')).toEqual({ reason: 'not_provisioned' });
  });

  it('releases: the token stops working and a new issuance waits for the next day in Japan', async () => {
    // 2026-11-22 23:30 JST
    const { services, clock, token, secret } = await provisioned();
    clock.set(Date.UTC(2026, 10, 22, 14, 30));
    await services.issuance.activate('c-taro', codeAt(secret, token, clock.now()));
    const { released, reissueFrom } = await services.issuance.release('c-taro');
    expect(released).toBe(true);
    expect(new Date(reissueFrom).toISOString()).toBe('2026-11-22T15:00:00.000Z'); // 2026-11-23 00:00 JST
    expect((await services.db.tokens.get(token.serial))!.status).toBe('revoked');
    clock.advance(60_000);
    expect(await services.tokens.verify(token.serial, codeAt(secret, token, clock.now()))).toEqual({ reason: 'revoked' });
    expect(await services.issuance.overview('c-taro')).toMatchObject({ status: 'released', reissueFrom, canIssue: true });
    expect(await services.issuance.issue('c-taro', DRAFT, 'form-3', BASE)).toEqual({ status: 'refused', until: reissueFrom });
    clock.set(reissueFrom);
    expect((await services.issuance.issue('c-taro', DRAFT, 'form-3', BASE)).status).toBe('created');
  });
});

describe('POST /m/app/provision (wire format)', () => {
  const post = (app: ReturnType<typeof createApp>, body: string, type = 'application/x-www-form-urlencoded') =>
    app.request('/m/app/provision', { method: 'POST', body, headers: { 'content-type': type } });

  it('answers key=value lines on success and error=/message= on failure', async () => {
    const { services } = await testServices();
    const app = createApp(services);
    const { issuance, ticket } = await issued(services);
    const wrong = await post(app, `serviceId=10100001&userId=${issuance.userId}&startPassword=0000&binding=${ticket}`);
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toMatch(/^error=wrong_password\nmessage=利用開始パスワードが正しくありません。（あと4回/);
    const ok = await post(app, `serviceId=10100001&userId=${issuance.userId}&startPassword=1234&binding=${ticket}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = Object.fromEntries((await ok.text()).trim().split('\n').map((line) => line.split('=', 2) as [string, string]));
    expect(Object.keys(lines)).toEqual(['serial', 'secret', 'algorithm', 'digits', 'period', 'issuer', 'issuedAt', 'expiresAt']);
    expect(lines).toMatchObject({ algorithm: 'SHA1', digits: '8', period: '60', issuer: 'ひまわり台信用組合' });
    const again = await post(app, `serviceId=10100001&userId=${issuance.userId}&startPassword=1234&binding=${ticket}`);
    expect([again.status, (await again.text()).split('\n')[0]]).toEqual([409, 'error=already_provisioned']);
  });

  it('decodes a Shift_JIS post from a handset (full-width digits typed on the phone)', async () => {
    const { services } = await testServices();
    const app = createApp(services);
    const { issuance, ticket } = await issued(services);
    // １２３４ in Shift_JIS is 82 50 82 51 82 52 82 53; an i-appli (status TJ) posts its page's encoding.
    const body = `serviceId=10100001&userId=${issuance.userId}&startPassword=%82P%82Q%82R%82S&binding=${ticket}`;
    const response = await app.request('/m/app/provision', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'DoCoMo/2.0 N902i(c100;TJ)' },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^serial=KT/);
  });

  it('answers bad_request to junk, a wrong content type and a huge body — never 500', async () => {
    const { services } = await testServices();
    const app = createApp(services);
    for (const response of [
      await post(app, '%%%&&&=='),
      await post(app, '{"serviceId":"10100001"}', 'application/json'),
      await post(app, `serviceId=${'1'.repeat(100_000)}`),
    ]) {
      expect([400, 413]).toContain(response.status);
      expect(await response.text()).toMatch(/^error=bad_request\n/);
    }
  });

  it('serves the dev mailbox as JSON, newest last, never cached', async () => {
    const { services } = await testServices();
    const app = createApp(services);
    await issued(services);
    const response = await app.request(`/emulator/api/mailbox/${encodeURIComponent(INPUT.mail)}`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const mails = (await response.json()) as { to: string; subject: string; body: string; sentAt: string }[];
    expect(mails).toHaveLength(1);
    expect(Object.keys(mails[0]!)).toEqual(['to', 'subject', 'body', 'sentAt']);
    expect(await (await app.request('/emulator/api/mailbox/nobody@example.jp')).json()).toEqual([]);
  });
});
