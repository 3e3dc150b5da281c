import { describe, expect, it } from 'vitest';
import { PERSONAL_POLICY } from '../gateway/otp/policy.ts';
import { COLLECTIONS } from '../gateway/store/collections.ts';
import { StoreOpenError, type Collection, type Database } from '../gateway/store/database.ts';
import type { ApiScope, AuditEvent, Customer, Issuance, OutboxMail, SessionRecord, Token } from '../gateway/store/schema.ts';
import { BACKENDS, testKeyCheck } from './helpers/backends.ts';

const tenant = { id: 't1', name: 'テスト信用組合', kind: 'personal' as const, serviceId: '10100009', policy: PERSONAL_POLICY };

function customer(id: string, extra: Partial<Customer> = {}): Customer {
  return { id, tenantId: 't1', loginId: `login-${id}`, name: '見本', role: 'personal', passwordHash: 'h', otpStatus: 'none', loginFailures: 0, confirmFailures: 0, ...extra };
}

function token(serial: string, extra: Partial<Token> = {}): Token {
  return {
    serial, tenantId: 't1', customerId: 'c1', sealedSecret: 'v1.x.y.z', algorithm: 'SHA1', digits: 8, period: 60, status: 'active',
    issuedAt: '2026-11-01T00:00:00.000Z', expiresAt: '2031-11-01T00:00:00.000Z', lastStep: null, drift: 0, failures: 0, lockedUntil: null, ...extra,
  };
}

/** A token nobody holds yet: `customerId` not there at all. */
function withoutOwner({ customerId: _, ...rest }: Token): Token {
  return rest;
}

function issuance(id: string, extra: Partial<Issuance> = {}): Issuance {
  return {
    id, tenantId: 't1', customerId: 'c1', userId: '999812345678', mail: 'a@docomo.ne.jp', startPasswordHash: 'h', expiresAt: '2026-12-02T00:00:00.000Z',
    state: 'pending', failures: 0, createdAt: '2026-12-01T00:00:00.000Z', formId: 'f1', ...extra,
  };
}

function mail(id: string, to: string, createdAt: string, extra: Partial<OutboxMail> = {}): OutboxMail {
  return { id, to, mailbox: to.toLowerCase(), subject: 's', body: 'b', createdAt, state: 'pending', attempts: 0, nextAttemptAt: 0, ...extra };
}

function event(id: string, extra: Partial<AuditEvent> = {}): AuditEvent {
  return { id, at: new Date(Number(id.slice(0, 13))).toISOString(), tenantId: 't1', actor: 'system', action: 'login', result: 'ok', ...extra };
}

describe.each(BACKENDS)('storage contract: $name', (backend) => {
  const open = async (): Promise<Database> => (await backend.fresh()).db;

  it.skipIf(backend.skip)('stores copies: changing what came back changes nothing stored', async () => {
    const db = await open();
    await db.tenants.put(tenant);
    const read = (await db.tenants.get('t1'))!;
    read.name = 'changed';
    read.policy.digits = 6;
    expect(await db.tenants.get('t1')).toEqual(tenant);
    // Arrays inside a record too.
    await db.apiKeys.put({ id: 'k1', tenantId: 't1', name: 'ib', scopes: ['verify'], secretHash: 'x', createdAt: 'now' });
    (await db.apiKeys.get('k1'))!.scopes.push('manage');
    expect((await db.apiKeys.get('k1'))!.scopes).toEqual(['verify']);
    expect(await db.tenants.get('nope')).toBeUndefined();
    await db.close();
  });

  it.skipIf(backend.skip)('finds records by their natural keys, and forgets deleted ones', async () => {
    const db = await open();
    await db.tenants.put(tenant);
    await db.customers.put(customer('c1'));
    await db.customers.put(customer('W0002', { role: 'general', adminId: 'W0001' }));
    await db.customers.put(customer('W0003', { role: 'general', adminId: 'W0001' }));
    await db.issuances.put(issuance('i1'));
    await db.transfers.put({ id: 'tr1', customerId: 'c1', payee: { bank: 'b', branch: 'x', accountType: '普通', accountNumber: '1234567', holder: 'ア' }, amount: 1, registeredPayee: true, otpChecked: false, createdAt: 'now', formId: 'f9' });
    expect((await db.tenants.byServiceId('10100009'))?.id).toBe('t1');
    expect(await db.tenants.list()).toHaveLength(1);
    expect((await db.customers.byLoginId('t1', 'login-c1'))?.id).toBe('c1');
    expect(await db.customers.byLoginId('t2', 'login-c1')).toBeUndefined();
    expect((await db.customers.byAdmin('W0001')).map((c) => c.id)).toEqual(['W0002', 'W0003']);
    expect((await db.issuances.byForm('c1', 'f1'))?.id).toBe('i1');
    expect((await db.issuances.byUserId('t1', '999812345678'))?.id).toBe('i1');
    expect(await db.issuances.byUserId('t1', '999800000000')).toBeUndefined();
    expect((await db.transfers.byForm('c1', 'f9'))?.id).toBe('tr1');
    await db.customers.put(customer('c1', { loginId: 'renamed' }));
    expect(await db.customers.byLoginId('t1', 'login-c1')).toBeUndefined();
    expect((await db.customers.byLoginId('t1', 'renamed'))?.id).toBe('c1');
    await db.issuances.delete('i1');
    expect(await db.issuances.byForm('c1', 'f1')).toBeUndefined();
    await db.close();
  });

  it.skipIf(backend.skip)('pages tokens by bank, owner and status in serial order', async () => {
    const db = await open();
    for (const [serial, extra] of [['KT0000000003', {}], ['KT0000000001', {}], ['KT0000000002', { status: 'revoked' }], ['KT0000000004', { tenantId: 't2' }], ['KT0000000005', { customerId: 'c2' }]] as const) {
      await db.tokens.put(token(serial, extra as Partial<Token>));
    }
    const serials = (tokens: Token[]) => tokens.map((t) => t.serial);
    expect(serials(await db.tokens.page({ tenantId: 't1', limit: 10 }))).toEqual(['KT0000000001', 'KT0000000002', 'KT0000000003', 'KT0000000005']);
    expect(serials(await db.tokens.page({ tenantId: 't1', limit: 2, after: 'KT0000000001' }))).toEqual(['KT0000000002', 'KT0000000003']);
    expect(serials(await db.tokens.page({ tenantId: 't1', status: 'active', customerId: 'c1', limit: 10 }))).toEqual(['KT0000000001', 'KT0000000003']);
    expect(serials(await db.tokens.byCustomer('c2'))).toEqual(['KT0000000005']);
    expect(await db.tokens.page({ tenantId: 't1', limit: Infinity })).toHaveLength(4);
    await db.close();
  });

  it.skipIf(backend.skip)('accepts one step exactly once under 200 concurrent tries, and never a locked or revoked token', async () => {
    const db = await open();
    await db.tokens.put(token('KT0000000001', { failures: 3 }));
    const results = await Promise.all(Array.from({ length: 200 }, () => db.tokens.acceptStep('KT0000000001', { step: 1000, drift: 1 }, 0)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.tokens.get('KT0000000001')).toMatchObject({ lastStep: 1000, drift: 1, failures: 0, lockedUntil: null });
    expect(await db.tokens.acceptStep('KT0000000001', { step: 999, drift: 0 }, 0)).toBe(false);
    expect(await db.tokens.acceptStep('KT0000000001', { step: 1001, drift: 0 }, 0)).toBe(true);
    await db.tokens.put(token('KT0000000002', { lockedUntil: 5_000 }));
    expect(await db.tokens.acceptStep('KT0000000002', { step: 1, drift: 0 }, 4_999)).toBe(false);
    expect(await db.tokens.acceptStep('KT0000000002', { step: 1, drift: 0 }, 5_000)).toBe(true);
    await db.tokens.put(token('KT0000000003', { status: 'revoked' }));
    expect(await db.tokens.acceptStep('KT0000000003', { step: 1, drift: 0 }, 0)).toBe(false);
    expect(await db.tokens.acceptStep('KT0000000009', { step: 1, drift: 0 }, 0)).toBe(false);
    await db.close();
  });

  it.skipIf(backend.skip)('appends the audit event of an accepted step with it, and none for a refused one, under 100 concurrent tries', async () => {
    const db = await open();
    await db.tenants.put(tenant);
    await db.tokens.put(token('KT0000000001'));
    const tries = Array.from({ length: 100 }, (_, i) => db.tokens.acceptStep('KT0000000001', { step: 7, drift: 0 }, 0, event(`1764547200000-${String(i).padStart(4, '0')}`, { action: 'otp.verify', serialHash: 'h1' })));
    expect((await Promise.all(tries)).filter(Boolean)).toHaveLength(1);
    const events = await db.audit.list({ tenantId: 't1', limit: 200 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'otp.verify', result: 'ok', serialHash: 'h1' });
    expect(await db.tokens.acceptStep('KT0000000001', { step: 7, drift: 0 }, 0, event('1764547200001-late'))).toBe(false);
    expect(await db.audit.list({ tenantId: 't1', limit: 200 })).toHaveLength(1);
    // The token and its bank in one read; a token of no bank, or none, is undefined.
    expect(await db.tokens.withTenant('KT0000000001')).toEqual({ token: await db.tokens.get('KT0000000001'), tenant });
    await db.tokens.put(token('KT0000000002', { tenantId: 'nobody' }));
    expect(await db.tokens.withTenant('KT0000000002')).toBeUndefined();
    expect(await db.tokens.withTenant('KT0000000009')).toBeUndefined();
    expect(await db.transaction((tx) => tx.tokens.withTenant('KT0000000001'))).toMatchObject({ token: { lastStep: 7 }, tenant: { id: 't1' } });
    await db.close();
  });

  it.skipIf(backend.skip)('counts every concurrent wrong code and locks at the limit', async () => {
    const db = await open();
    await db.tokens.put(token('KT0000000001'));
    const rule = { maxFailures: 10, lockMs: 60_000 };
    await Promise.all(Array.from({ length: 9 }, () => db.tokens.recordFailure('KT0000000001', rule, 1_000)));
    expect(await db.tokens.get('KT0000000001')).toMatchObject({ failures: 9, lockedUntil: null });
    expect(await db.tokens.recordFailure('KT0000000001', rule, 1_000)).toEqual({ failures: 10, lockedUntil: 61_000 });
    // After the lock has run out the count starts again.
    expect(await db.tokens.recordFailure('KT0000000001', rule, 61_000)).toEqual({ failures: 1, lockedUntil: null });
    expect(await db.tokens.recordFailure('KT0000000009', rule, 0)).toBeUndefined();
    await db.close();
  });

  it.skipIf(backend.skip)('commits a transaction whole, and rolls every write and event back when it throws', async () => {
    const db = await open();
    await db.customers.put(customer('c1'));
    await db.transaction(async (tx) => {
      const c = (await tx.customers.get('c1'))!;
      await tx.customers.put({ ...c, otpStatus: 'issued', issuanceId: 'i1' });
      await tx.issuances.put(issuance('i1'));
      expect((await tx.issuances.byForm('c1', 'f1'))?.id).toBe('i1');
      expect((await tx.customers.get('c1'))?.otpStatus).toBe('issued');
      await tx.audit.append(event('1764547200000-aaaa'));
    });
    expect((await db.customers.get('c1'))?.issuanceId).toBe('i1');
    await expect(
      db.transaction(async (tx) => {
        await tx.customers.put(customer('c1', { otpStatus: 'active' }));
        await tx.issuances.delete('i1');
        await tx.tokens.put(token('KT0000000001'));
        await tx.audit.append(event('1764547200001-bbbb'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.customers.get('c1'))?.otpStatus).toBe('issued');
    expect(await db.issuances.get('i1')).toBeDefined();
    expect(await db.tokens.get('KT0000000001')).toBeUndefined();
    expect((await db.audit.list({ tenantId: 't1', limit: 10 })).map((e) => e.id)).toEqual(['1764547200000-aaaa']);
    await db.close();
  });

  it.skipIf(backend.skip)('serialises read-modify-write transactions: 100 concurrent increments give 100', async () => {
    const db = await open();
    await db.customers.put(customer('c1'));
    await Promise.all(
      Array.from({ length: 100 }, () =>
        db.transaction(async (tx) => {
          const c = (await tx.customers.get('c1'))!;
          await tx.customers.put({ ...c, loginFailures: c.loginFailures + 1 });
        }),
      ),
    );
    expect((await db.customers.get('c1'))?.loginFailures).toBe(100);
    await db.close();
  });

  it.skipIf(backend.skip)('expires sessions, lists them per customer', async () => {
    const db = await open();
    const session = (id: string, expiresAt: number, customerId?: string): SessionRecord => ({ id, createdAt: 0, lastSeen: 0, expiresAt, state: { stage: 'in' }, ...(customerId ? { customerId } : {}) });
    await db.sessions.put(session('s1', 100, 'c1'));
    await db.sessions.put(session('s2', 200, 'c1'));
    await db.sessions.put(session('s3', 300));
    expect((await db.sessions.byCustomer('c1')).map((s) => s.id).sort()).toEqual(['s1', 's2']);
    expect(await db.sessions.deleteExpired(200)).toBe(2);
    expect(await db.sessions.get('s2')).toBeUndefined();
    expect((await db.sessions.get('s3'))?.state).toEqual({ stage: 'in' });
    await db.close();
  });

  it.skipIf(backend.skip)('gives the outbox mails due for sending, and a mailbox by address in any case', async () => {
    const db = await open();
    await db.outbox.put(mail('m2', 'Taro@docomo.ne.jp', '2026-12-01T00:00:02.000Z'));
    await db.outbox.put(mail('m1', 'taro@docomo.ne.jp', '2026-12-01T00:00:01.000Z'));
    await db.outbox.put(mail('m3', 'hana@ezweb.ne.jp', '2026-12-01T00:00:03.000Z', { nextAttemptAt: 10_000 }));
    await db.outbox.put(mail('m4', 'taro@docomo.ne.jp', '2026-12-01T00:00:04.000Z', { state: 'sent' }));
    expect((await db.outbox.due(5_000, 10)).map((m) => m.id)).toEqual(['m1', 'm2']);
    expect((await db.outbox.due(10_000, 10)).map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect((await db.outbox.due(10_000, 1)).map((m) => m.id)).toEqual(['m1']);
    expect((await db.outbox.mailbox('TARO@docomo.ne.jp', 10)).map((m) => m.id)).toEqual(['m1', 'm2', 'm4']);
    expect((await db.outbox.mailbox('taro@docomo.ne.jp', 2)).map((m) => m.id)).toEqual(['m2', 'm4']);
    await db.close();
  });

  it.skipIf(backend.skip)('lists audit events newest first, filtered, paged by id', async () => {
    const db = await open();
    await db.audit.append(event('1764547200000-aaaa', { customerId: 'c1', action: 'login' }));
    await db.audit.append(event('1764547201000-bbbb', { customerId: 'c2', action: 'otp', serial: 'KT******0001', serialHash: 'h1' }));
    await db.audit.append(event('1764547202000-cccc', { customerId: 'c1', action: 'otp' }));
    await db.audit.append(event('1764547203000-dddd', { tenantId: 't2' }));
    const ids = (events: AuditEvent[]) => events.map((e) => e.id.slice(-4));
    expect(ids(await db.audit.list({ tenantId: 't1', limit: 10 }))).toEqual(['cccc', 'bbbb', 'aaaa']);
    expect(await db.audit.list({ tenantId: 't1', limit: Infinity })).toHaveLength(3);
    expect(ids(await db.audit.list({ tenantId: 't1', customerId: 'c1', limit: 10 }))).toEqual(['cccc', 'aaaa']);
    expect(ids(await db.audit.list({ tenantId: 't1', action: 'otp', limit: 10 }))).toEqual(['cccc', 'bbbb']);
    expect(ids(await db.audit.list({ tenantId: 't1', serial: 'h1', limit: 10 }))).toEqual(['bbbb']);
    expect(ids(await db.audit.list({ tenantId: 't1', before: '1764547202000-cccc', limit: 1 }))).toEqual(['bbbb']);
    expect(ids(await db.audit.list({ tenantId: 't1', from: new Date(1764547201000).toISOString(), to: new Date(1764547202000).toISOString(), limit: 10 }))).toEqual(['bbbb']);
    expect((await db.audit.list({ tenantId: 't1', limit: 10 }))[1]).toEqual(event('1764547201000-bbbb', { customerId: 'c2', action: 'otp', serial: 'KT******0001', serialHash: 'h1' }));
    await db.close();
  });

  it.skipIf(backend.skip)('lists and pages audit events in id order even when they were appended out of it, and after a reopen', async () => {
    const fresh = await backend.fresh();
    let db = fresh.db;
    // One millisecond, appended in another order than their ids: an event made first may commit last.
    const appended = ['000003', '000001', '000004', '000000', '000002'].map((sequence) => `1764547200000-${sequence}-beef`);
    for (const id of appended) await db.audit.append(event(id));
    const pageThrough = async () => {
      const seen: string[] = [];
      for (let before: string | undefined; ; ) {
        const page = await db.audit.list({ tenantId: 't1', limit: 2, ...(before ? { before } : {}) });
        if (page.length === 0) return seen;
        seen.push(...page.map((e) => e.id));
        before = page.at(-1)!.id;
      }
    };
    const expected = [...appended].sort().reverse();
    expect(await pageThrough()).toEqual(expected);
    await db.close();
    db = await fresh.again();
    expect(await pageThrough()).toEqual(expected);
    await db.close();
  });

  it.skipIf(backend.skip)('counts throttle hits per window, concurrently, and forgets old windows', async () => {
    const db = await open();
    const counts = await Promise.all(Array.from({ length: 30 }, () => db.throttle.hit('ip:1', 60_000, 120_000)));
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await db.throttle.count('ip:1', 60_000)).toBe(30);
    expect(await db.throttle.hit('ip:1', 60_000, 120_000, 5)).toBe(35);
    expect(await db.throttle.hit('ip:1', 120_000, 180_000)).toBe(1);
    expect(await db.throttle.count('ip:1', 60_000)).toBe(0);
    expect(await db.throttle.deleteExpired(180_000)).toBe(1);
    expect(await db.throttle.count('ip:1', 120_000)).toBe(0);
    await db.close();
  });

  it.skipIf(backend.skip)('gives every record type back exactly as put: optional fields absent, numbers as numbers, nested values whole', async () => {
    const db = await open();
    const records = {
      tenants: { ...tenant, policy: { ...PERSONAL_POLICY } },
      customers: customer('W0002', { role: 'general', adminId: 'W0001', confirmPasswordHash: 'scrypt$x', loginLockedUntil: '2026-12-01T00:10:00.000Z' }),
      issuances: issuance('i1', { tokenSerial: 'KT0000000001', failures: 2 }),
      tokens: withoutOwner(token('KT0000000001', { lastStep: 29_408_000, drift: -3, failures: 4, lockedUntil: 1_764_547_200_123, activatedAt: '2026-12-01T00:00:00.000Z' })),
      accounts: { customerId: 'c1', branch: '本店', accountType: '普通' as const, accountNumber: '1234567', balance: 1_234_567_890, payees: [{ id: 'p1', bank: 'b', branch: 'x', accountType: '当座' as const, accountNumber: '7654321', holder: 'ヤマダ　タロウ' }] },
      transfers: { id: 'tr1', customerId: 'c1', payee: { bank: 'b', branch: 'x', accountType: '普通' as const, accountNumber: '1', holder: 'ア' }, amount: 0, registeredPayee: false, otpChecked: true, createdAt: 'now', formId: 'f1' },
      sessions: { id: 's1', createdAt: 1_764_547_200_000, lastSeen: 1_764_547_200_001, expiresAt: 1_764_549_000_000, state: { stage: 'otp', draft: { amount: 5, to: ['a', null] }, ok: false } },
      outbox: mail('m1', 'Taro@docomo.ne.jp', '2026-12-01T00:00:01.000Z', { state: 'failed', attempts: 3, nextAttemptAt: 1_764_547_260_000, lastError: '550 ユーザー不明' }),
      apiKeys: { id: 'k1', tenantId: 't1', name: 'ib', scopes: ['verify', 'audit'] as ApiScope[], secretHash: 'x', createdAt: 'now', revokedAt: 'later' },
    };
    for (const [name, record] of Object.entries(records)) await (db[name as keyof typeof records] as Collection<object>).put(record);
    for (const [name, record] of Object.entries(records)) {
      const key = record[COLLECTIONS[name as keyof typeof records].key as keyof typeof record] as string;
      expect(await (db[name as keyof typeof records] as Collection<object>).get(key)).toStrictEqual(JSON.parse(JSON.stringify(record)));
    }
    const audited = event('1764547200000-aaaa', { customerId: 'c1', serial: 'KT******0001', serialHash: 'h', ip: '192.0.2.1', userAgent: 'DoCoMo/2.0 P903i', detail: { step: 5, replay: true, why: 'x' } });
    await db.audit.append(audited);
    await db.audit.append({ id: '1764547200001-bbbb', at: '2026-12-01T00:00:00.001Z', actor: 'system', action: 'start', result: 'ok' });
    expect(await db.audit.list({ tenantId: 't1', limit: 5 })).toStrictEqual([audited]);
    await db.close();
  });

  it.skipIf(backend.skip)('orders and pages by code units, whatever the server\'s collation', async () => {
    const db = await open();
    const serials = ['KTa', 'KTB', 'KT_1', 'KT-1', 'KT1', 'KTb', 'KTA'];
    for (const serial of serials) await db.tokens.put(token(serial));
    const sorted = [...serials].sort();
    expect((await db.tokens.page({ tenantId: 't1', limit: 10 })).map((t) => t.serial)).toEqual(sorted);
    expect((await db.tokens.page({ tenantId: 't1', after: 'KTB', limit: 10 })).map((t) => t.serial)).toEqual(sorted.filter((s) => s > 'KTB'));
    await db.close();
  });

  it.skipIf(backend.skip)('sees its own deletes inside a transaction', async () => {
    const db = await open();
    await db.customers.put(customer('c1'));
    await db.transaction(async (tx) => {
      await tx.customers.delete('c1');
      expect(await tx.customers.get('c1')).toBeUndefined();
      expect(await tx.customers.byLoginId('t1', 'login-c1')).toBeUndefined();
    });
    expect(await db.customers.get('c1')).toBeUndefined();
    await db.close();
  });

  it.skipIf(backend.skip)('keeps api keys by bank', async () => {
    const db = await open();
    await db.apiKeys.put({ id: 'k1', tenantId: 't1', name: 'ib', scopes: ['verify'], secretHash: 'x', createdAt: 'now' });
    await db.apiKeys.put({ id: 'k2', tenantId: 't2', name: 'ib', scopes: ['audit'], secretHash: 'y', createdAt: 'now' });
    expect((await db.apiKeys.list('t1')).map((k) => k.id)).toEqual(['k1']);
    expect((await db.apiKeys.list()).map((k) => k.id).sort()).toEqual(['k1', 'k2']);
    await db.close();
  });

  it.skipIf(backend.skip)('keeps an administrator’s 利用形態 (an optional nested field) through a transaction and a reopen, and drops it when put without', async () => {
    const { db, again } = await backend.fresh();
    const admin = customer('W0001', { role: 'admin', confirmPasswordHash: 'scrypt$x' });
    await db.customers.put(admin);
    await db.customers.put(customer('W0002', { role: 'general', adminId: 'W0001' }));
    await db.transaction(async (tx) => {
      const fresh = (await tx.customers.get('W0001'))!;
      await tx.customers.put({ ...fresh, usage: { tokenMode: 'shared', loginOtp: false } });
    });
    expect(await db.customers.get('W0001')).toStrictEqual({ ...admin, usage: { tokenMode: 'shared', loginOtp: false } });
    await db.close();
    const reopened = await again();
    expect((await reopened.customers.get('W0001'))?.usage).toStrictEqual({ tokenMode: 'shared', loginOtp: false });
    expect((await reopened.customers.byLoginId('t1', 'login-W0001'))?.usage).toStrictEqual({ tokenMode: 'shared', loginOtp: false });
    await reopened.customers.put(admin);
    expect(await reopened.customers.get('W0001')).toStrictEqual(admin);
    await reopened.close();
  });

  it.skipIf(backend.skip)('keeps everything across a reopen, and refuses another secret key', async () => {
    const check = testKeyCheck();
    const { db, again } = await backend.fresh(check);
    await db.tenants.put(tenant);
    await db.tokens.put(token('KT0000000001'));
    await db.tokens.acceptStep('KT0000000001', { step: 7, drift: 0 }, 0);
    await db.audit.append(event('1764547200000-aaaa'));
    await db.close();
    const reopened = await again();
    expect((await reopened.tokens.get('KT0000000001'))?.lastStep).toBe(7);
    expect(await reopened.tenants.get('t1')).toEqual(tenant);
    expect(await reopened.audit.list({ tenantId: 't1', limit: 5 })).toHaveLength(1);
    await reopened.close();
    await expect(again(testKeyCheck())).rejects.toThrow(StoreOpenError);
    await expect(again(testKeyCheck())).rejects.toThrow(/another secret key/);
  });
});

describe.skipIf(BACKENDS[1]!.skip)('storage contract: postgres, two pools', () => {
  it('accepts one step once when 200 tries are spread over two gateways\' pools', async () => {
    const { db, again } = await BACKENDS[1]!.fresh();
    const other = await again();
    await db.tokens.put(token('KT0000000001'));
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? db : other).tokens.acceptStep('KT0000000001', { step: 5, drift: 0 }, 0)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const increments = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? db : other).transaction(async (tx) => {
          const t = (await tx.tokens.get('KT0000000001'))!;
          await tx.tokens.put({ ...t, drift: t.drift + 1 });
        }),
      ),
    );
    expect(increments).toHaveLength(40);
    expect((await db.tokens.get('KT0000000001'))?.drift).toBe(40);
    await db.close();
    await other.close();
  });
});
