import type { Origin } from '../audit/trail.ts';
import type { ThrottleRepository } from '../store/database.ts';

/** Failed attempts one client may make in a window before its failures stop counting (docs/security.md). */
export const CLIENT_RULE = { limit: 30, windowMs: 10 * 60_000, tarpitMs: 2_000 };

/**
 * Failed password attempts per client address, shared by every gateway on the database. Handsets
 * reach us through a few carrier gateway addresses, so a client over the limit is never refused
 * outright: its right passwords still work, but its wrong ones are answered slowly with 429 and
 * no longer count toward the customer's lock, so one address cannot lock a customer out.
 */
export class ClientThrottle {
  constructor(
    private readonly repo: ThrottleRepository,
    private readonly now: () => number,
    private readonly rule = CLIENT_RULE,
  ) {}

  async over(origin: Origin | undefined): Promise<boolean> {
    if (!origin?.ip) return false;
    return (await this.repo.count(this.#key(origin.ip), this.#window())) >= this.rule.limit;
  }

  async failed(origin: Origin | undefined): Promise<void> {
    if (!origin?.ip) return;
    const start = this.#window();
    await this.repo.hit(this.#key(origin.ip), start, start + this.rule.windowMs);
  }

  /** The answer to an over-limit failure waits a little: guessing from one address slows down. */
  tarpit(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.rule.tarpitMs));
  }

  #key(ip: string): string {
    return `client:${ip}`;
  }

  #window(): number {
    const now = this.now();
    return now - (now % this.rule.windowMs);
  }
}
