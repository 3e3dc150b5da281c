import { hashPassword, verifyPassword } from '../security/password.ts';
import type { Customer, Data } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { countAttempt, lockedUntil, LOGIN_RULE } from './attempts.ts';

export type LoginResult =
  | { status: 'ok'; customer: Customer; otpRequired: boolean }
  | { status: 'invalid' }
  | { status: 'locked'; until: number };

/** ログインID + ログインパスワード for the personal portal, with a lock after repeated failures. */
export class LoginService {
  #decoyHash: Promise<string> | null = null;

  constructor(
    private readonly store: Store<Data>,
    private readonly now: () => number,
  ) {}

  async login(loginId: string, password: string): Promise<LoginResult> {
    const customer = Object.values(this.store.data.customers).find((c) => c.loginId === loginId && c.role === 'personal');
    if (!customer) {
      // Same work as for a real account, so timing does not tell which IDs exist.
      await verifyPassword(password, await this.#decoy());
      return { status: 'invalid' };
    }
    const lockedAt = this.now();
    const locked = lockedUntil({ failures: customer.loginFailures, lockedUntil: customer.loginLockedUntil }, lockedAt);
    if (locked !== null) return { status: 'locked', until: locked };
    const ok = await verifyPassword(password, customer.passwordHash);
    return this.store.update((data): LoginResult => {
      const current = data.customers[customer.id]!;
      const now = this.now();
      const counter = countAttempt({ failures: current.loginFailures, lockedUntil: current.loginLockedUntil }, ok, now, LOGIN_RULE);
      current.loginFailures = counter.failures;
      if (counter.lockedUntil) current.loginLockedUntil = counter.lockedUntil;
      else delete current.loginLockedUntil;
      if (!ok) return counter.lockedUntil ? { status: 'locked', until: Date.parse(counter.lockedUntil) } : { status: 'invalid' };
      return { status: 'ok', customer: current, otpRequired: current.otpStatus === 'active' };
    });
  }

  #decoy(): Promise<string> {
    this.#decoyHash ??= hashPassword('decoy-password');
    return this.#decoyHash;
  }
}
