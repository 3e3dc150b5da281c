import { randomBytes } from 'node:crypto';
import type { IssuanceDraft } from '../issuance/service.ts';
import type { TransferDraft } from '../banking/transfers.ts';

/** The seed: "5分以上経過している場合には、再度ログイン". */
export const IDLE_MS = 5 * 60_000;

const SWEEP_AT = 1_000;
/** Memory bound: a session is small, but anonymous visitors each get one. */
export const MAX_SESSIONS = 50_000;

export interface Session {
  id: string;
  /** Sent back in every form as `_csrf`. */
  csrf: string;
  lastSeen: number;
  customerId?: string;
  /** After ログインID + password: waiting for the OTP, or fully logged in. */
  stage?: 'otp' | 'in';
  /** A one-time message for the next page (e.g. why the customer was sent back). */
  flash?: string;
  issuance?: { formId: string; draft?: IssuanceDraft };
  issued?: { formId: string; issuanceId: string; mailSent: boolean };
  released?: { reissueFrom: number };
  transfer?: { formId: string; draft: TransferDraft };
  transferred?: { formId: string; transferId: string; balance: number };
}

const token = () => randomBytes(24).toString('base64url');

/**
 * Server-side sessions in memory: the cookie holds only a random id. An idle session ends
 * after five minutes; restarting the gateway logs everyone out.
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => number,
    private readonly maxSessions = MAX_SESSIONS,
  ) {}

  create(flash?: string): Session {
    this.#sweep();
    const session: Session = { id: token(), csrf: token(), lastSeen: this.now(), ...(flash ? { flash } : {}) };
    this.#sessions.set(session.id, session);
    return session;
  }

  /**
   * The live session for an id, marked as used; 'expired' when a logged-in session idled out,
   * 'idle' when an anonymous one did (a login page left open).
   */
  touch(id: string | undefined): Session | 'expired' | 'idle' | null {
    const session = id ? this.#sessions.get(id) : undefined;
    if (!session) return null;
    const now = this.now();
    if (now - session.lastSeen > IDLE_MS) {
      this.#sessions.delete(session.id);
      return session.customerId ? 'expired' : 'idle';
    }
    session.lastSeen = now;
    // Re-inserted so that the map stays in least-recently-used order for the sweep.
    this.#sessions.delete(session.id);
    this.#sessions.set(session.id, session);
    return session;
  }

  /** A new id (and CSRF token) for the same session: done at login against session fixation. */
  rotate(session: Session): Session {
    this.#sessions.delete(session.id);
    const renewed: Session = { ...session, id: token(), csrf: token() };
    this.#sessions.set(renewed.id, renewed);
    return renewed;
  }

  destroy(session: Session): void {
    this.#sessions.delete(session.id);
  }

  /** Drops idle sessions; past the cap, the least recently used go first (a flood of cookie-less visits). */
  #sweep(): void {
    if (this.#sessions.size < Math.min(SWEEP_AT, this.maxSessions)) return;
    const now = this.now();
    for (const [id, session] of this.#sessions) if (now - session.lastSeen > IDLE_MS) this.#sessions.delete(id);
    for (const id of this.#sessions.keys()) {
      if (this.#sessions.size < this.maxSessions) break;
      this.#sessions.delete(id);
    }
  }
}
