import type { AuditTrail, Origin } from '../audit/trail.ts';
import { hashPassword, verifyPassword } from '../security/password.ts';
import type { Database } from '../store/database.ts';
import type { Customer } from '../store/schema.ts';
import { LOGIN_RULE } from './attempts.ts';
import { guardedCheck } from './guarded-check.ts';

export type LoginResult =
  | { status: 'ok'; customer: Customer; otpRequired: boolean }
  | { status: 'invalid' }
  | { status: 'locked'; until: number };

/** ログインID + ログインパスワード for one bank's portal, with a lock after repeated failures. */
export class LoginService {
  #decoyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly now: () => number,
  ) {}

  async login(tenantId: string, loginId: string, password: string, origin?: Origin): Promise<LoginResult> {
    const found = await this.db.customers.byLoginId(tenantId, loginId);
    if (!found) {
      // Same work as for a real account, so timing does not tell which IDs exist.
      await verifyPassword(password, await this.#decoy());
      await this.#record(tenantId, undefined, 'unknown', origin);
      return { status: 'invalid' };
    }
    const result = await guardedCheck(this.db, found.id, { failures: 'loginFailures', lockedUntil: 'loginLockedUntil' }, LOGIN_RULE, this.now, (customer) =>
      verifyPassword(password, customer.passwordHash),
    );
    await this.#record(tenantId, found.id, result.status, origin);
    if (result.status === 'locked') return result;
    if (result.status === 'wrong') return { status: 'invalid' };
    return { status: 'ok', customer: result.customer, otpRequired: result.customer.otpStatus === 'active' };
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
    this.#decoyHash ??= hashPassword('decoy-password');
    return this.#decoyHash;
  }
}
