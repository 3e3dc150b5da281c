import type { ThrottleRepository } from '../store/database.ts';

const MINUTE = 60_000;
/** How old the store's total may be when a request is decided on it; older, it is read again first. */
export const RATE_FRESH_MS = 100;

/** One key's fixed minute window as this gateway knows it. */
interface Window {
  start: number;
  /** Every gateway's count in the store as the last statement returned it (this gateway's sent hits included). */
  stored: number;
  /** This gateway's hits in the statement running now. */
  sending: number;
  /** Its hits waiting for the next statement. */
  waiting: number;
  /** When (performance.now()) the store last told this gateway the total. */
  heardAt: number;
  /** A read of the total under way (never rejects). */
  reading: Promise<void> | null;
  /** The statement now running (never rejects). */
  running: Promise<void>;
  /** The statement that will carry the waiting hits once the running one ends. */
  next: Promise<void> | null;
}

/**
 * Requests per key and fixed minute window, counted in the store (`throttle`) so that every gateway
 * on one database shares the count (docs/api.md, "Rate limit"), without a durable write per request:
 * a gateway has at most one count statement in flight per key, and the hits that arrive meanwhile are
 * added together by the next one (as a group commit does). Each statement returns the total of every
 * gateway. A gateway refuses on that total plus its own hits not yet returned, so on its own it never
 * passes the limit. The total a request is decided on is at most RATE_FRESH_MS old (a busy gateway's
 * statements keep it fresh; after a pause it is read again first), so gateways together may pass the
 * limit by what the others let through in that time.
 */
export class RateCounter {
  readonly #windows = new Map<string, Window>();

  constructor(
    private readonly throttle: ThrottleRepository,
    private readonly limit: number,
  ) {}

  /**
   * Counts one request of `key` in the window starting at `windowStart`. Null when the limit is
   * reached (not counted); otherwise `stored` resolves once the store holds the hit.
   */
  async take(key: string, windowStart: number): Promise<{ stored: Promise<void> } | null> {
    let window = this.#windows.get(key);
    if (window?.start !== windowStart) {
      window = this.#open(key, windowStart);
      this.#windows.set(key, window);
    }
    await this.#fresh(key, window);
    if (window.stored + window.sending + window.waiting >= this.limit) return null;
    window.waiting += 1;
    return { stored: this.#send(key, window) };
  }

  #open(key: string, start: number): Window {
    return { start, stored: 0, heardAt: -Infinity, reading: null, sending: 0, waiting: 0, running: Promise.resolve(), next: null };
  }

  /** Resolves once the total is fresh: at once while statements keep it so, else after a read of it. */
  #fresh(key: string, window: Window): Promise<void> {
    if (window.sending > 0 || performance.now() - window.heardAt <= RATE_FRESH_MS) return Promise.resolve();
    window.reading ??= this.throttle.count(key, window.start).then(
      (stored) => {
        // Counts only grow within a window: a read that overtook a statement's answer cannot lower it.
        window.stored = Math.max(window.stored, stored);
        window.heardAt = performance.now();
        window.reading = null;
      },
      (error: Error) => {
        window.reading = null;
        console.error(`api rate count: ${error.message}`);
      },
    );
    return window.reading;
  }

  /** The statement that will carry the waiting hits: the next one after the running one. */
  #send(key: string, window: Window): Promise<void> {
    window.next ??= window.running.then(() => {
      const amount = window.waiting;
      window.waiting = 0;
      window.sending = amount;
      window.next = null;
      window.running = this.throttle.hit(key, window.start, window.start + MINUTE, amount).then(
        (stored) => {
          window.stored = Math.max(window.stored, stored);
          window.heardAt = performance.now();
          window.sending = 0;
        },
        (error: Error) => {
          // Not in the store: still counted here, so this gateway's own limit holds.
          window.stored += amount;
          window.sending = 0;
          console.error(`api rate count: ${error.message}`);
        },
      );
      return window.running;
    });
    return window.next;
  }
}
