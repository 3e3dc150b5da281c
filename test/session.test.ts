import { describe, expect, it } from 'vitest';
import { IDLE_MS, SessionStore } from '../gateway/portal/session.ts';
import { testClock } from './helpers/services.ts';

describe('SessionStore', () => {
  it('ends a session idle for more than 5 minutes, telling logged-in from anonymous ones', () => {
    const clock = testClock(0);
    const store = new SessionStore(clock.now);
    const anonymous = store.create();
    const customer = store.create();
    customer.customerId = 'c-taro';
    clock.advance(IDLE_MS);
    expect(store.touch(customer.id)).toBe(customer);
    expect(store.touch(anonymous.id)).toBe(anonymous);
    clock.advance(IDLE_MS + 1);
    expect(store.touch(customer.id)).toBe('expired');
    expect(store.touch(anonymous.id)).toBe('idle');
    expect(store.touch(customer.id)).toBeNull();
    expect(store.touch(undefined)).toBeNull();
  });

  it('rotates the id and the CSRF token, keeping the contents', () => {
    const store = new SessionStore(() => 0);
    const session = store.create();
    session.customerId = 'c-taro';
    const renewed = store.rotate(session);
    expect([renewed.id, renewed.csrf]).not.toContain(session.id);
    expect(renewed.csrf).not.toBe(session.csrf);
    expect(renewed.customerId).toBe('c-taro');
    expect(store.touch(session.id)).toBeNull();
    expect(store.touch(renewed.id)).toBe(renewed);
  });

  it('keeps memory bounded under a flood of new visitors, dropping the least recently used', () => {
    const store = new SessionStore(() => 0, 100);
    const kept = store.create();
    const flood = Array.from({ length: 50 }, () => store.create());
    store.touch(kept.id);
    for (let i = 0; i < 60; i++) store.create();
    expect(store.touch(flood[0]!.id)).toBeNull();
    expect(store.touch(kept.id)).toBe(kept);
  });
});
