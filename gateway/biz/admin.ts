import type { AuditTrail, Origin } from '../audit/trail.ts';
import type { ConfirmPasswordService, ConfirmResult } from '../auth/confirm-password.ts';
import type { VerifyOutcome } from '../otp/check.ts';
import { normalizeSerial } from '../otp/serial.ts';
import type { TokenService } from '../otp/tokens.ts';
import type { Database } from '../store/database.ts';
import type { Customer } from '../store/schema.ts';
import { unboundExpired } from './enrolment.ts';
import { holdsSharedToken, tokenState, usesAdminToken } from './usage.ts';

/**
 * A user of BOA001 / BOA002: never the full serial, only whether a token proves them, and in
 * shared mode whether that is the administrator's ('user') or the administrator themselves ('holder').
 */
export interface UserRow {
  id: string;
  name: string;
  role: 'admin' | 'general';
  registered: boolean;
  sharing?: 'user' | 'holder';
}

export const userRow = (admin: Customer, user: Customer): UserRow => ({ id: user.id, name: user.name, role: user.role === 'admin' ? 'admin' : 'general', ...tokenState(admin, user) });

export interface UserFilter {
  id?: string;
  name?: string;
  status?: 'registered' | 'unregistered';
}

/** Why a serial cannot be registered, or a wrong password / code. */
export type RegisterResult =
  | { status: 'ok'; exchanged: boolean }
  | { status: 'malformed_serial' }
  | { status: 'unknown_serial' }
  | { status: 'bound' }
  | { status: 'unbound_expired' }
  | { status: 'password'; result: Exclude<ConfirmResult, { status: 'ok' }> }
  | { status: 'otp'; outcome: VerifyOutcome }
  /** The user's token changed since the current code was proved: start again. */
  | { status: 'changed' }
  /** Shared mode: a 一般者 uses the administrator's token and gets none of their own. */
  | { status: 'shared' };

/** `shared`: the administrator's token is everyone's while the company shares one. */
export type ReleaseResult = { status: 'ok' } | { status: 'none' } | { status: 'shared' } | { status: 'password'; result: Exclude<ConfirmResult, { status: 'ok' }> } | { status: 'otp'; outcome: VerifyOutcome };

/**
 * ワンタイムパスワード認証情報管理 (seed 004): a business administrator registers, exchanges and
 * unregisters the tokens of their own company's users (docs/business.md).
 */
export class BizAdminService {
  constructor(
    private readonly db: Database,
    private readonly tokens: TokenService,
    private readonly confirmPasswords: ConfirmPasswordService,
    private readonly audit: AuditTrail,
    private readonly now: () => number,
  ) {}

  /** The administrator and their users, by お客様ID. */
  async company(admin: Customer): Promise<Customer[]> {
    const users = await this.db.customers.byAdmin(admin.id);
    return [admin, ...users.filter((user) => user.id !== admin.id)].sort((a, b) => a.id.localeCompare(b.id));
  }

  async rows(admin: Customer, filter: UserFilter): Promise<UserRow[]> {
    const rows = (await this.company(admin)).map((user) => userRow(admin, user));
    return rows.filter(
      (row) =>
        (!filter.id || row.id.toLowerCase().includes(filter.id.toLowerCase())) &&
        (!filter.name || row.name.includes(filter.name)) &&
        (!filter.status || row.registered === (filter.status === 'registered')),
    );
  }

  /** One user of the administrator's company, or undefined for anyone else. */
  async member(admin: Customer, customerId: string | undefined): Promise<Customer | undefined> {
    if (!customerId) return undefined;
    const user = await this.db.customers.get(customerId);
    if (!user || user.tenantId !== admin.tenantId) return undefined;
    return user.id === admin.id || user.adminId === admin.id ? user : undefined;
  }

  /** BOA003: the user's current token's code, consumed. */
  async proveCurrent(admin: Customer, user: Customer, code: string, origin?: Origin): Promise<VerifyOutcome> {
    if (!user.tokenSerial) return { reason: 'unknown' };
    const outcome = await this.tokens.verify(user.tokenSerial, code, { actor: `customer:${admin.id}`, customerId: user.id, ...(origin ? { origin } : {}) });
    await this.#record(admin, user, 'biz.token.prove-current', outcome.reason, user.tokenSerial, origin);
    return outcome;
  }

  /**
   * BOA004: binds a self-enrolled token to `user`. `currentSerial` is the token proved at BOA003
   * (an exchange) or undefined (a first registration); the new token is bound and the old one
   * revoked in one transaction.
   */
  async register(admin: Customer, user: Customer, input: { serial: string; otp: string; approvalPassword: string; currentSerial: string | undefined }, origin?: Origin): Promise<RegisterResult> {
    const serial = normalizeSerial(input.serial);
    const result: RegisterResult = serial ? await this.#register(admin, user, { ...input, serial }, origin) : { status: 'malformed_serial' };
    await this.#record(admin, user, input.currentSerial ? 'biz.token.exchange' : 'biz.token.register', outcomeLabel(result), serial ?? undefined, origin);
    return result;
  }

  async #register(admin: Customer, user: Customer, input: { serial: string; otp: string; approvalPassword: string; currentSerial: string | undefined }, origin?: Origin): Promise<RegisterResult> {
    if (user.tokenSerial !== input.currentSerial) return { status: 'changed' };
    if (usesAdminToken(admin, user)) return { status: 'shared' };
    const password = await this.confirmPasswords.check(admin.id, input.approvalPassword, origin);
    if (password.status !== 'ok') return { status: 'password', result: password };
    const refused = await this.#unusable(admin, input.serial);
    if (refused) return refused;
    const outcome = await this.tokens.verify(input.serial, input.otp, { actor: `customer:${admin.id}`, customerId: user.id, ...(origin ? { origin } : {}) });
    if (outcome.reason !== 'ok') return { status: 'otp', outcome };
    const at = new Date(this.now()).toISOString();
    return this.db.transaction(async (tx): Promise<RegisterResult> => {
      // The administrator's record first, as BOA010 takes it: the company cannot turn shared in between.
      const owner = await tx.customers.get(admin.id);
      if (owner && usesAdminToken(owner, user)) return { status: 'shared' };
      const token = await tx.tokens.get(input.serial);
      const fresh = await tx.customers.get(user.id);
      if (!token || token.customerId !== undefined || token.status !== 'provisioned') return { status: 'bound' };
      if (!fresh || fresh.tokenSerial !== input.currentSerial) return { status: 'changed' };
      await tx.tokens.put({ ...token, customerId: user.id, status: 'active', activatedAt: at });
      if (input.currentSerial) await this.tokens.revoke(input.currentSerial, tx);
      await tx.customers.put({ ...fresh, tokenSerial: input.serial, otpStatus: 'active' });
      return { status: 'ok', exchanged: input.currentSerial !== undefined };
    });
  }

  /** A serial of another bank reads as unknown: nothing tells another bank's serials apart. */
  async #unusable(admin: Customer, serial: string): Promise<RegisterResult | null> {
    const token = await this.db.tokens.get(serial);
    if (!token || token.tenantId !== admin.tenantId) return { status: 'unknown_serial' };
    if (token.customerId !== undefined || token.status !== 'provisioned') return { status: 'bound' };
    if (unboundExpired(token, this.now())) return { status: 'unbound_expired' };
    return null;
  }

  /** BOA006: 承認用パスワード and, when the user has a token, its current code; then the token is revoked. */
  async release(admin: Customer, user: Customer, input: { otp: string; approvalPassword: string }, origin?: Origin): Promise<ReleaseResult> {
    const result = await this.#release(admin, user, input, origin);
    await this.#record(admin, user, 'biz.token.unregister', outcomeLabel(result), user.tokenSerial, origin);
    return result;
  }

  async #release(admin: Customer, user: Customer, input: { otp: string; approvalPassword: string }, origin?: Origin): Promise<ReleaseResult> {
    const serial = user.tokenSerial;
    if (!serial) return { status: 'none' };
    if (holdsSharedToken(admin, user)) return { status: 'shared' };
    const password = await this.confirmPasswords.check(admin.id, input.approvalPassword, origin);
    if (password.status !== 'ok') return { status: 'password', result: password };
    const outcome = await this.tokens.verify(serial, input.otp, { actor: `customer:${admin.id}`, customerId: user.id, ...(origin ? { origin } : {}) });
    if (outcome.reason !== 'ok') return { status: 'otp', outcome };
    const at = new Date(this.now()).toISOString();
    return this.db.transaction(async (tx): Promise<ReleaseResult> => {
      const fresh = await tx.customers.get(user.id);
      if (!fresh || fresh.tokenSerial !== serial) return { status: 'none' };
      if (user.id === admin.id && holdsSharedToken(fresh, fresh)) return { status: 'shared' };
      await this.tokens.revoke(serial, tx);
      const { tokenSerial: _old, ...rest } = fresh;
      await tx.customers.put({ ...rest, otpStatus: 'none', releasedAt: at });
      return { status: 'ok' };
    });
  }

  /** The company's users whose login or 承認用パスワード is locked at this moment. */
  async locked(admin: Customer): Promise<Customer[]> {
    const now = this.now();
    return (await this.company(admin)).filter((user) => [user.loginLockedUntil, user.confirmLockedUntil].some((until) => until !== undefined && Date.parse(until) > now));
  }

  /** IDロック解除: clears a user's password locks after the administrator's 承認用パスワード. */
  async unlock(admin: Customer, user: Customer, approvalPassword: string, origin?: Origin): Promise<{ status: 'ok' } | { status: 'password'; result: Exclude<ConfirmResult, { status: 'ok' }> }> {
    const password = await this.confirmPasswords.check(admin.id, approvalPassword, origin);
    if (password.status !== 'ok') {
      await this.#record(admin, user, 'biz.id.unlock', `password-${password.status}`, undefined, origin);
      return { status: 'password', result: password };
    }
    await this.db.transaction(async (tx) => {
      const fresh = await tx.customers.get(user.id);
      if (!fresh) return;
      const { loginLockedUntil: _login, confirmLockedUntil: _confirm, ...rest } = fresh;
      await tx.customers.put({ ...rest, loginFailures: 0, confirmFailures: 0 });
    });
    await this.#record(admin, user, 'biz.id.unlock', 'ok', undefined, origin);
    return { status: 'ok' };
  }

  #record(admin: Customer, user: Customer, action: string, result: string, serial: string | undefined, origin: Origin | undefined): Promise<void> {
    return this.audit.record(this.db.audit, {
      action,
      result,
      actor: `customer:${admin.id}`,
      tenantId: admin.tenantId,
      customerId: user.id,
      ...(serial ? { serial } : {}),
      ...(origin ? { origin } : {}),
    });
  }
}

/** The audit result of a register / release: which check refused it. */
function outcomeLabel(result: RegisterResult | ReleaseResult): string {
  if (result.status === 'otp') return `otp-${result.outcome.reason}`;
  if (result.status === 'password') return `password-${result.result.status}`;
  return result.status;
}
