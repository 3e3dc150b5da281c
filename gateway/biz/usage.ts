import type { AuditTrail, Origin } from '../audit/trail.ts';
import type { ConfirmPasswordService, ConfirmResult } from '../auth/confirm-password.ts';
import type { CustomerRepository, Database } from '../store/database.ts';
import type { Customer } from '../store/schema.ts';

/** 利用形態 (BOA010) of one company, kept on its administrator (docs/business.md, "利用形態設定"). */
export type Usage = NonNullable<Customer['usage']>;
export type TokenMode = Usage['tokenMode'];

/** A company that never set one: each user their own token, and login asks for its code. */
export const DEFAULT_USAGE: Usage = { tokenMode: 'individual', loginOtp: true };

export const usageOf = (admin: Customer): Usage => admin.usage ?? DEFAULT_USAGE;

/** Shared mode: a 一般者 uses the administrator's token and can have none of their own. */
export const usesAdminToken = (admin: Customer, user: Customer): boolean => user.id !== admin.id && usageOf(admin).tokenMode === 'shared';

/** Shared mode: the administrator's token is everyone's, so it cannot simply be unregistered. */
export const holdsSharedToken = (admin: Customer, user: Customer): boolean => user.id === admin.id && usageOf(admin).tokenMode === 'shared';

/** The serial whose code proves `user` under `admin`'s 利用形態, if a token is registered. */
export function tokenFor(admin: Customer, user: Customer): string | undefined {
  const holder = usesAdminToken(admin, user) ? admin : user;
  return holder.otpStatus === 'active' ? holder.tokenSerial : undefined;
}

/** How BOA001 / BOA002 show a user: `registered` when a token proves them (their own or the shared one). */
export function tokenState(admin: Customer, user: Customer): { registered: boolean; sharing?: 'user' | 'holder' } {
  if (usesAdminToken(admin, user)) return { registered: admin.tokenSerial !== undefined, sharing: 'user' };
  return { registered: user.tokenSerial !== undefined, ...(holdsSharedToken(admin, user) ? { sharing: 'holder' as const } : {}) };
}

/** The administrator whose 利用形態 applies to `user`: themselves for an administrator, none for a personal customer. */
export async function companyAdmin(customers: Pick<CustomerRepository, 'get'>, user: Customer): Promise<Customer | undefined> {
  if (user.role === 'admin') return user;
  const admin = user.adminId ? await customers.get(user.adminId) : undefined;
  return admin?.role === 'admin' && admin.tenantId === user.tenantId ? admin : undefined;
}

/** The serial whose code proves `user` (a bank system's check by customer id), whatever login asks. */
export async function activeTokenOf(customers: Pick<CustomerRepository, 'get'>, user: Customer): Promise<string | undefined> {
  return tokenFor((await companyAdmin(customers, user)) ?? user, user);
}

export type ChangeRefusal = { status: 'no-admin-token' } | { status: 'users-have-tokens'; userIds: string[] };

/**
 * Whether the company may take `next`. Shared mode needs the administrator's token (it is the one
 * everyone uses) and no 一般者 with a token of their own: those would stay bound to nobody's use.
 */
export function changeRefusal(admin: Customer, users: Customer[], next: Usage): ChangeRefusal | null {
  if (next.tokenMode !== 'shared') return null;
  if (admin.tokenSerial === undefined) return { status: 'no-admin-token' };
  const userIds = users.filter((user) => user.id !== admin.id && user.tokenSerial !== undefined).map((user) => user.id);
  return userIds.length > 0 ? { status: 'users-have-tokens', userIds } : null;
}

export type ChangeResult = { status: 'ok' } | { status: 'password'; result: Exclude<ConfirmResult, { status: 'ok' }> } | ChangeRefusal | { status: 'gone' };

/** 利用形態設定 (BOA010) and what it means at login (BBL001 / BBL002). */
export class UsageService {
  constructor(
    private readonly db: Database,
    private readonly confirmPasswords: ConfirmPasswordService,
    private readonly audit: AuditTrail,
  ) {}

  /** The token login asks `user` for, or undefined: 利用形態 says no, or no token is registered. */
  async loginToken(user: Customer): Promise<{ serial: string; shared: boolean } | undefined> {
    const admin = (await companyAdmin(this.db.customers, user)) ?? user;
    if (!usageOf(admin).loginOtp) return undefined;
    const serial = tokenFor(admin, user);
    return serial ? { serial, shared: usesAdminToken(admin, user) } : undefined;
  }

  /** BOA010 確定: the 承認用パスワード first (a wrong one counts toward its lock), then the rules. */
  async change(admin: Customer, next: Usage, approvalPassword: string, origin?: Origin): Promise<ChangeResult> {
    const result = await this.#change(admin, next, approvalPassword, origin);
    await this.audit.record(this.db.audit, {
      action: 'biz.usage.change',
      result: result.status === 'password' ? `password-${result.result.status}` : result.status,
      actor: `customer:${admin.id}`,
      tenantId: admin.tenantId,
      customerId: admin.id,
      detail: { tokenMode: next.tokenMode, loginOtp: next.loginOtp },
      ...(origin ? { origin } : {}),
    });
    return result;
  }

  async #change(admin: Customer, next: Usage, approvalPassword: string, origin: Origin | undefined): Promise<ChangeResult> {
    const password = await this.confirmPasswords.check(admin.id, approvalPassword, origin);
    if (password.status !== 'ok') return { status: 'password', result: password };
    return this.db.transaction(async (tx): Promise<ChangeResult> => {
      // The administrator's record first, as BOA004 takes it: a registration cannot slip in between.
      const fresh = await tx.customers.get(admin.id);
      if (!fresh) return { status: 'gone' };
      const refused = changeRefusal(fresh, await tx.customers.byAdmin(admin.id), next);
      if (refused) return refused;
      await tx.customers.put({ ...fresh, usage: { tokenMode: next.tokenMode, loginOtp: next.loginOtp } });
      return { status: 'ok' };
    });
  }
}
