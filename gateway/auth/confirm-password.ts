import { verifyPassword } from '../security/password.ts';
import type { Data } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { CONFIRM_PASSWORD_RULE, countAttempt, lockedUntil } from './attempts.ts';

export type ConfirmResult = { status: 'ok' } | { status: 'wrong'; attemptsLeft: number } | { status: 'locked'; until: number };

/** 確認用パスワード (personal) / 承認用パスワード (business): asked before every change. */
export class ConfirmPasswordService {
  constructor(
    private readonly store: Store<Data>,
    private readonly now: () => number,
  ) {}

  async check(customerId: string, password: string): Promise<ConfirmResult> {
    const customer = this.store.data.customers[customerId];
    if (!customer?.confirmPasswordHash) return { status: 'wrong', attemptsLeft: 0 };
    const locked = lockedUntil({ failures: customer.confirmFailures, lockedUntil: customer.confirmLockedUntil }, this.now());
    if (locked !== null) return { status: 'locked', until: locked };
    const ok = await verifyPassword(password, customer.confirmPasswordHash);
    return this.store.update((data): ConfirmResult => {
      const current = data.customers[customerId]!;
      const counter = countAttempt({ failures: current.confirmFailures, lockedUntil: current.confirmLockedUntil }, ok, this.now(), CONFIRM_PASSWORD_RULE);
      current.confirmFailures = counter.failures;
      if (counter.lockedUntil) current.confirmLockedUntil = counter.lockedUntil;
      else delete current.confirmLockedUntil;
      if (ok) return { status: 'ok' };
      if (counter.lockedUntil) return { status: 'locked', until: Date.parse(counter.lockedUntil) };
      return { status: 'wrong', attemptsLeft: CONFIRM_PASSWORD_RULE.maxFailures - counter.failures };
    });
  }
}
