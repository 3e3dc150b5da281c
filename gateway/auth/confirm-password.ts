import type { AuditTrail, Origin } from '../audit/trail.ts';
import { verifyPassword } from '../security/password.ts';
import type { Database } from '../store/database.ts';
import { CONFIRM_PASSWORD_RULE } from './attempts.ts';
import { guardedCheck } from './guarded-check.ts';

export type ConfirmResult = { status: 'ok' } | { status: 'wrong'; attemptsLeft: number } | { status: 'locked'; until: number };

/** 確認用パスワード (personal) / 承認用パスワード (business): asked before every change. */
export class ConfirmPasswordService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly now: () => number,
  ) {}

  async check(customerId: string, password: string, origin?: Origin): Promise<ConfirmResult> {
    const result = await guardedCheck(
      this.db,
      customerId,
      { failures: 'confirmFailures', lockedUntil: 'confirmLockedUntil' },
      CONFIRM_PASSWORD_RULE,
      this.now,
      async (customer) => customer.confirmPasswordHash !== undefined && (await verifyPassword(password, customer.confirmPasswordHash)),
    );
    if (result.status !== 'ok') {
      const customer = await this.db.customers.get(customerId);
      await this.audit.record(this.db.audit, {
        action: 'confirm-password',
        result: result.status,
        actor: `customer:${customerId}`,
        customerId,
        ...(customer ? { tenantId: customer.tenantId } : {}),
        ...(origin ? { origin } : {}),
      });
      return result;
    }
    return { status: 'ok' };
  }
}
