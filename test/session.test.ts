import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IDLE_MS, LIFETIME_MS, MAX_PER_CUSTOMER, SessionStore } from '../gateway/portal/session.ts';
import { BACKENDS } from './helpers/backends.ts';
import { testClock } from './helpers/services.ts';

const KEY = Buffer.alloc(32, 7);
const hash = (id: string) => createHash('sha256').update(id).digest('base64url');

describe.each(BACKENDS)('SessionStore on $name', (backend) => {
  async function setUp() {
    const { db } = await backend.fresh();
    const clock = testClock(1_000_000);
    return { db, clock, store: new SessionStore(db.sessions, KEY, clock.now) };
  }

  it.skipIf(backend.skip)('writes nothing for a visitor with nothing to keep, and only the id’s hash for one who has', async () => {
    const { db, store } = await setUp();
    const { session } = await store.open(undefined);
    await store.save(session);
    expect(await db.sessions.get(hash(session.id))).toBeUndefined();
    session.customerId = 'c-taro';
    session.stage = 'in';
    await store.save(session);
    const record = await db.sessions.get(hash(session.id));
    expect(record).toMatchObject({ customerId: 'c-taro', state: { customerId: 'c-taro', stage: 'in' } });
    expect(JSON.stringify(record)).not.toContain(session.id);
    const again = await store.open(session.id);
    expect(again.session).toMatchObject({ id: session.id, customerId: 'c-taro', stage: 'in' });
    await db.close();
  });

  it.skipIf(backend.skip)('ends a session idle for more than 5 minutes, telling logged-in from anonymous ones', async () => {
    const { db, store, clock } = await setUp();
    const customer = (await store.open(undefined)).session;
    customer.customerId = 'c-taro';
    await store.save(customer);
    const anonymous = (await store.open(undefined)).session;
    anonymous.flash = 'kept';
    await store.save(anonymous);
    clock.advance(IDLE_MS);
    expect((await store.open(customer.id)).ended).toBeUndefined();
    clock.advance(IDLE_MS + 1);
    expect((await store.open(customer.id)).ended).toBe('expired');
    expect((await store.open(anonymous.id)).ended).toBe('idle');
    expect((await store.open(customer.id)).session.customerId).toBeUndefined();
    await db.close();
  });

  it.skipIf(backend.skip)('ends a session an hour after it began, however active, and sweeps ended ones', async () => {
    const { db, store, clock } = await setUp();
    let { session } = await store.open(undefined);
    session.customerId = 'c-taro';
    await store.save(session);
    let ended: string | undefined;
    let elapsed = 0;
    while (!ended && elapsed <= LIFETIME_MS) {
      clock.advance(4 * 60_000);
      elapsed += 4 * 60_000;
      const opened = await store.open(session.id);
      ended = opened.ended;
      session = opened.session;
      await store.save(session);
    }
    expect(ended).toBe('expired');
    expect(elapsed).toBeGreaterThan(LIFETIME_MS - 4 * 60_000);
    const other = (await store.open(undefined)).session;
    other.flash = 'x';
    await store.save(other);
    clock.advance(IDLE_MS + 1);
    expect(await store.sweep()).toBe(1);
    await db.close();
  });

  it.skipIf(backend.skip)('marks a session used at most every few seconds', async () => {
    const { db, store, clock } = await setUp();
    const { session } = await store.open(undefined);
    session.customerId = 'c-taro';
    await store.save(session);
    const first = (await db.sessions.get(hash(session.id)))!.lastSeen;
    clock.advance(1_000);
    await store.save((await store.open(session.id)).session);
    expect((await db.sessions.get(hash(session.id)))!.lastSeen).toBe(first);
    clock.advance(5_000);
    await store.save((await store.open(session.id)).session);
    expect((await db.sessions.get(hash(session.id)))!.lastSeen).toBe(first + 6_000);
    await db.close();
  });

  it.skipIf(backend.skip)('rotates the id and the CSRF token, keeping the contents', async () => {
    const { db, store } = await setUp();
    const { session } = await store.open(undefined);
    session.customerId = 'c-taro';
    await store.save(session);
    const renewed = await store.rotate(session);
    await store.save(renewed);
    expect(renewed.id).not.toBe(session.id);
    expect(renewed.csrf).not.toBe(session.csrf);
    expect(renewed.customerId).toBe('c-taro');
    expect(await db.sessions.get(hash(session.id))).toBeUndefined();
    expect((await store.open(renewed.id)).session.customerId).toBe('c-taro');
    await db.close();
  });

  it.skipIf(backend.skip)('accepts its own CSRF token only; an unsaved page’s token goes stale after the idle time', async () => {
    const { db, store, clock } = await setUp();
    const { session } = await store.open(undefined);
    const other = (await store.open(undefined)).session;
    expect(store.checkCsrf(session, session.csrf)).toBe('ok');
    expect(store.checkCsrf(session, other.csrf)).toBe('forged');
    expect(store.checkCsrf(session, 'forged')).toBe('forged');
    expect(store.checkCsrf(session, `${session.csrf}x`)).toBe('forged');
    clock.advance(IDLE_MS + 1_000);
    const later = (await store.open(session.id)).session;
    expect(store.checkCsrf(later, session.csrf)).toBe('stale');
    expect(store.checkCsrf(later, later.csrf)).toBe('ok');
    await db.close();
  });

  it.skipIf(backend.skip)(`keeps at most ${MAX_PER_CUSTOMER} sessions per customer, ending the oldest`, async () => {
    const { db, store, clock } = await setUp();
    const sessions = [];
    for (let i = 0; i < MAX_PER_CUSTOMER + 2; i++) {
      clock.advance(1_000);
      const { session } = await store.open(undefined);
      session.customerId = 'c-taro';
      await store.save(session);
      await store.limitPerCustomer('c-taro', session);
      sessions.push(session);
    }
    expect(await db.sessions.byCustomer('c-taro')).toHaveLength(MAX_PER_CUSTOMER);
    expect((await store.open(sessions[0]!.id)).session.customerId).toBeUndefined();
    expect((await store.open(sessions.at(-1)!.id)).session.customerId).toBe('c-taro');
    await db.close();
  });
});
