import type { AuditTrail, Origin } from '../audit/trail.ts';
import { hashPassword, verifyPassword, type ScryptCost } from '../security/password.ts';
import type { Database } from '../store/database.ts';
import type { Customer } from '../store/schema.ts';
import { LOGIN_RULE } from './attempts.ts';
import type { ClientThrottle } from './client-throttle.ts';
import { guardedCheck } from './guarded-check.ts';

export type LoginResult =
  | { status: 'ok'; customer: Customer; otpRequired: boolean }
  | { status: 'invalid' }
  | { status: 'locked'; until: number }
  /** Too many failures from this client: a wrong password is answered with 429 and not counted. */
  | { status: 'throttled' };

/** ログインID + ログインパスワード for one bank's portal, with a lock after repeated failures. */
export class LoginService {
  #decoyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly throttle: ClientThrottle,
    private readonly now: () => number,
    private readonly passwordCost: ScryptCost,
  ) {}

  async login(tenantId: string, loginId: string, password: string, origin?: Origin): Promise<LoginResult> {
    const result = await this.#check(tenantId, loginId, password, origin);
    if (result.status !== 'ok') await this.throttle.failed(origin);
    if (result.status === 'throttled') await this.throttle.tarpit();
    return result;
  }

  async #check(tenantId: string, loginId: string, password: string, origin: Origin | undefined): Promise<LoginResult> {
    const found = await this.db.customers.byLoginId(tenantId, loginId);
    const throttled = await this.throttle.over(origin);
    if (!found) return this.#unknown(tenantId, loginId, password, origin, throttled);
    if (throttled) {
      // Over the client limit: checked, but a failure no longer counts toward the customer's lock.
      const ok = await verifyPassword(password, found.passwordHash);
      await this.#record(tenantId, found.id, ok ? 'ok' : 'throttled', origin);
      return ok ? this.#loggedIn(found) : { status: 'throttled' };
    }
    const result = await guardedCheck(this.db, found.id, { failures: 'loginFailures', lockedUntil: 'loginLockedUntil' }, LOGIN_RULE, this.now, (customer) =>
      verifyPassword(password, customer.passwordHash),
    );
    await this.#record(tenantId, found.id, result.status, origin);
    if (result.status === 'locked') return result;
    if (result.status === 'wrong') return { status: 'invalid' };
    return this.#loggedIn(result.customer);
  }

  /**
   * An ID nobody has: the same work and, after the same number of tries, the same lock message
   * as a real account, so neither timing nor messages tell which IDs exist.
   */
  async #unknown(tenantId: string, loginId: string, password: string, origin: Origin | undefined, throttled: boolean): Promise<LoginResult> {
    await verifyPassword(password, await this.#decoy());
    await this.#record(tenantId, undefined, 'unknown', origin);
    if (throttled) return { status: 'throttled' };
    const windowMs = LOGIN_RULE.lockMinutes * 60_000;
    const now = this.now();
    const start = now - (now % windowMs);
    const tries = await this.db.throttle.hit(`unknown-login:${tenantId}:${loginId.slice(0, 64)}`, start, start + 2 * windowMs);
    return tries >= LOGIN_RULE.maxFailures ? { status: 'locked', until: start + windowMs } : { status: 'invalid' };
  }

  #loggedIn(customer: Customer): LoginResult {
    return { status: 'ok', customer, otpRequired: customer.otpStatus === 'active' };
  }

  #record(tenantId: string, customerId: string | undefined, result: string, origin: Origin | undefined): Promise<void> {
    return this.audit.record(this.db.audit, {
      action: 'login',
      result,
      actor: customerId ? `customer:${customerId}` : 'anonymous',
      tenantId,
      ...(customerId ? { customerId } : {}),
      ...(origin ? { origin } : {}),
    });
  }

  #decoy(): Promise<string> {
    this.#decoyHash ??= hashPassword('decoy-password', this.passwordCost);
    return this.#decoyHash;
  }
}
