import { createHmac, hash, timingSafeEqual } from 'node:crypto';
import { randomId } from '../security/random-id.ts';
import type { IssuanceDraft } from '../issuance/service.ts';
import type { TransferDraft } from '../banking/transfers.ts';
import type { SessionRepository } from '../store/database.ts';
import type { SessionRecord } from '../store/schema.ts';

/** The seed: "5分以上経過している場合には、再度ログイン". */
export const IDLE_MS = 5 * 60_000;
/** However active, a session ends this long after it began (docs/security.md). */
export const LIFETIME_MS = 60 * 60_000;
/** Sessions one customer may have at once; logging in again ends the oldest. */
export const MAX_PER_CUSTOMER = 5;
/** lastSeen is written at most this often: a page view is a read, not a write. */
const TOUCH_MS = 5_000;
const ID_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** What the portal keeps between requests. */
export interface SessionState {
  customerId?: string;
  /** After ログインID + password: waiting for the OTP, or fully logged in. */
  stage?: 'otp' | 'in';
  /** A one-time message for the next page (e.g. why the customer was sent back). */
  flash?: string;
  /** BOT001 forms in progress, by form id: two tabs each keep their own. */
  issuances?: Record<string, { draft?: IssuanceDraft }>;
  issued?: { formId: string; issuanceId: string };
  released?: { reissueFrom: number };
  transfers?: Record<string, { draft: TransferDraft }>;
  transferred?: { formId: string; transferId: string; balance: number };
}

export interface Session extends SessionState {
  /** The cookie's value; the store keeps only its hash. */
  readonly id: string;
  /** Sent back in every form as `_csrf`. */
  readonly csrf: string;
}

interface Tracking {
  /** The store's key, the id's hash: computed when first needed (most visitors are never stored). */
  key?: string;
  id: string;
  createdAt: number;
  lastSaved: number;
  saved: string;
  stored: boolean;
}

const newId = () => randomId(24);
const hashId = (id: string) => hash('sha256', id, 'base64url');

export type CsrfCheck = 'ok' | 'stale' | 'forged';

/**
 * Server-side sessions in the store (docs/security.md): the cookie holds a random id, the store
 * its SHA-256, so a database dump gives no usable session. A visitor who has nothing to keep is
 * not written at all. The CSRF token is an HMAC of the session id and the time the page was
 * made, so a login page left open past the idle time is recognised without storing anything.
 */
export class SessionStore {
  readonly #tracking = new WeakMap<Session, Tracking>();

  constructor(
    private readonly repo: SessionRepository,
    private readonly csrfKey: Buffer,
    private readonly now: () => number,
  ) {}

  /** The session for a cookie value; `ended` says an earlier one just ran out (and whose it was). */
  async open(cookie: string | undefined): Promise<{ session: Session; ended?: 'expired' | 'idle' }> {
    if (!cookie || !ID_PATTERN.test(cookie)) return { session: this.#fresh() };
    const key = hashId(cookie);
    const record = await this.repo.get(key);
    const now = this.now();
    if (!record) return { session: this.#make(cookie, undefined, { key, id: cookie, createdAt: now, lastSaved: 0, saved: '{}', stored: false }) };
    if (record.expiresAt < now || now - record.lastSeen > IDLE_MS) {
      await this.repo.delete(key);
      return { session: this.#fresh(), ended: record.customerId ? 'expired' : 'idle' };
    }
    const state = record.state as SessionState;
    return { session: this.#make(cookie, state, { key, id: cookie, createdAt: record.createdAt, lastSaved: record.lastSeen, saved: JSON.stringify(state), stored: true }) };
  }

  /** Writes the session when its state changed, or to mark it used (at most every few seconds). */
  async save(session: Session): Promise<void> {
    const tracking = this.#tracking.get(session);
    if (!tracking) return;
    // A visitor with nothing to keep (only id and csrf) is not written at all.
    if (!tracking.stored && Object.keys(session).length === 2) return;
    const state = stateOf(session);
    const text = JSON.stringify(state);
    const now = this.now();
    const changed = text !== tracking.saved;
    if (!changed && (!tracking.stored || now - tracking.lastSaved < TOUCH_MS)) return;
    if (!tracking.stored && text === '{}') return;
    const record: SessionRecord = {
      id: keyOf(tracking),
      ...(state.customerId ? { customerId: state.customerId } : {}),
      createdAt: tracking.createdAt,
      lastSeen: now,
      expiresAt: Math.min(now + IDLE_MS, tracking.createdAt + LIFETIME_MS),
      state: state as Record<string, unknown>,
    };
    await this.repo.put(record);
    Object.assign(tracking, { lastSaved: now, saved: text, stored: true });
  }

  /** A new id (and CSRF token) for the same state: done at login against session fixation. */
  async rotate(session: Session): Promise<Session> {
    await this.destroy(session);
    const renewed = this.#fresh();
    Object.assign(renewed, stateOf(session));
    return renewed;
  }

  /** Logout: the session ends and a fresh, empty one takes its place. */
  async end(session: Session): Promise<Session> {
    await this.destroy(session);
    return this.#fresh();
  }

  /** At login: the customer's oldest sessions beyond the cap end. */
  async limitPerCustomer(customerId: string, keep: Session): Promise<void> {
    const tracking = this.#tracking.get(keep);
    const keepKey = tracking && keyOf(tracking);
    const others = (await this.repo.byCustomer(customerId)).filter((record) => record.id !== keepKey).sort((a, b) => b.lastSeen - a.lastSeen);
    for (const record of others.slice(MAX_PER_CUSTOMER - 1)) await this.repo.delete(record.id);
  }

  async destroy(session: Session): Promise<void> {
    const tracking = this.#tracking.get(session);
    if (tracking?.stored) await this.repo.delete(keyOf(tracking));
    this.#tracking.delete(session);
  }

  /** Removes sessions that ran out (called now and then, not on every request). */
  sweep(): Promise<number> {
    return this.repo.deleteExpired(this.now());
  }

  checkCsrf(session: Session, token: string): CsrfCheck {
    const dot = token.indexOf('.');
    const issued = Number.parseInt(token.slice(0, dot), 36);
    if (dot < 1 || !Number.isFinite(issued) || !sameText(token, this.#csrf(session.id, issued))) return 'forged';
    const tracking = this.#tracking.get(session);
    // A stored session's idle time is kept by the store; an unstored one's by the page's age.
    if (!tracking?.stored && this.now() - issued * 1000 > IDLE_MS) return 'stale';
    return 'ok';
  }

  #fresh(): Session {
    const id = newId();
    return this.#make(id, undefined, { id, createdAt: this.now(), lastSaved: 0, saved: '{}', stored: false });
  }

  #make(id: string, state: SessionState | undefined, tracking: Tracking): Session {
    const session: Session = { ...(state && structuredClone(state)), id, csrf: this.#csrf(id, Math.floor(this.now() / 1000)) };
    this.#tracking.set(session, tracking);
    return session;
  }

  #csrf(id: string, issuedSeconds: number): string {
    const stamp = issuedSeconds.toString(36);
    return `${stamp}.${createHmac('sha256', this.csrfKey).update(`${id}.${stamp}`).digest('base64url')}`;
  }
}

const keyOf = (tracking: Tracking) => (tracking.key ??= hashId(tracking.id));

function stateOf(session: Session): SessionState {
  const { id: _id, csrf: _csrf, ...state } = session;
  return JSON.parse(JSON.stringify(state)) as SessionState;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
