import { randomInt } from 'node:crypto';
import type { AuditTrail, Origin } from '../audit/trail.ts';
import type { ClientThrottle } from '../auth/client-throttle.ts';
import type { VerifyOutcome } from '../otp/check.ts';
import type { TokenService } from '../otp/tokens.ts';
import { downloadMail } from '../mail/download-mail.ts';
import { noticeMail } from '../mail/notice-mail.ts';
import type { MailOutbox } from '../mail/outbox.ts';
import { hashPassword, verifyPassword, type ScryptCost } from '../security/password.ts';
import type { Database, Repositories } from '../store/database.ts';
import type { AuditEvent, Customer, Issuance, OtpStatus, Token } from '../store/schema.ts';
import { nextJstMidnight, parseIsoTime } from '../time.ts';
import { normalizeTyped, type IssuanceInput } from './input.ts';
import { hashTicket, isTicket, newTicket } from './ticket.ts';

/** Wrong 利用開始パスワード in the app's 初期設定 before the issuance is void. */
export const MAX_START_PASSWORD_FAILURES = 5;

export interface IssuanceOptions {
  db: Database;
  tokens: TokenService;
  outbox: MailOutbox;
  audit: AuditTrail;
  throttle: ClientThrottle;
  now: () => number;
  /** How long the mail's download link works. */
  linkHours: number;
  /** scrypt cost of the 利用開始パスワード's hash (the config's). */
  passwordCost: ScryptCost;
}

/** BOT001's input after checking: the start password is hashed as soon as it is accepted. */
export interface IssuanceDraft {
  mail: string;
  startPasswordHash: string;
}

export type IssueResult = { status: 'created' | 'existing'; issuance: Issuance } | { status: 'refused'; until?: number };

export type TicketState =
  | { status: 'valid'; tenantId: string; bankName: string; expiresAt: string }
  | { status: 'expired' | 'used' | 'unknown' };

export type ProvisionError = 'bad_request' | 'unknown_user' | 'wrong_password' | 'locked' | 'expired' | 'already_provisioned' | 'rate_limited';

export type ProvisionResult =
  | { ok: true; token: Token; secret: string; issuer: string }
  | { ok: false; error: ProvisionError; attemptsLeft?: number };

/** Who acts when it is not the customer (the bank API's key), and what the audit event adds. */
export interface Actor {
  actor: string;
  detail?: AuditEvent['detail'];
}

const HANDSET: Actor = { actor: 'handset' };

/** What the token app sends at 初期設定 (docs/contracts.md, "Token app provisioning"). */
export interface ProvisionFields {
  serviceId: unknown;
  userId: unknown;
  startPassword: unknown;
  /** The issuance binding the app was delivered with: the download ticket. */
  binding: unknown;
}

export type ActivationOutcome = VerifyOutcome | { reason: 'not_provisioned' };

/** What BOP001 shows and allows. */
export interface OtpOverview {
  status: OtpStatus;
  serviceId?: string;
  userId?: string;
  /** The issuance can no longer give a token: its start password was mistyped too often, or its link ran out. */
  voided?: 'locked' | 'expired';
  /** A released customer may issue again from this moment (the next day, Japan time). */
  reissueFrom?: number;
  canIssue: boolean;
  canActivate: boolean;
  canRelease: boolean;
}

/**
 * トークン発行 to 利用解除 (seed 000, docs/seed-000-personal.md): the issuance and its download
 * link, the app's 初期設定 (provisioning), 利用開始 and 利用解除. No HTTP here: routes translate.
 * Every change that touches several records is one transaction; mail goes through the outbox
 * in that same transaction.
 */
export class IssuanceService {
  constructor(private readonly options: IssuanceOptions) {}

  private get db(): Database {
    return this.options.db;
  }

  async overview(customerId: string): Promise<OtpOverview> {
    const customer = await this.#customer(this.db, customerId);
    const issuance = customer.issuanceId ? await this.db.issuances.get(customer.issuanceId) : undefined;
    const reissueFrom = this.#reissueFrom(customer);
    const tenant = (await this.db.tenants.get(customer.tenantId))!;
    const voided = this.#voided(customer, issuance);
    return {
      status: customer.otpStatus,
      ...(issuance && customer.otpStatus !== 'released' && !voided ? { serviceId: tenant.serviceId, userId: issuance.userId } : {}),
      ...(voided ? { voided } : {}),
      ...(reissueFrom !== null ? { reissueFrom } : {}),
      canIssue: customer.otpStatus === 'none' || customer.otpStatus === 'released' || voided !== undefined,
      canActivate: customer.otpStatus === 'issued' && !voided,
      canRelease: customer.otpStatus === 'issued' || customer.otpStatus === 'active',
    };
  }

  async prepare(input: IssuanceInput): Promise<IssuanceDraft> {
    return { mail: input.mail, startPasswordHash: await hashPassword(input.startPassword, this.options.passwordCost) };
  }

  /** The issuance a BOT001 form produced, if any (BOT002 shows it). */
  byForm(customerId: string, formId: string): Promise<Issuance | undefined> {
    return this.db.issuances.byForm(customerId, formId);
  }

  /**
   * BOT003 確定する. Idempotent per BOT001 form: a double submit or a reload finds the issuance
   * the first one created. The download mail is queued with the issuance, so it is sent once.
   */
  async issue(customerId: string, draft: IssuanceDraft, formId: string, baseUrl: string, origin?: Origin, by?: Actor): Promise<IssueResult> {
    const ticket = newTicket();
    const now = this.options.now();
    const result = await this.db.transaction(async (tx): Promise<IssueResult> => {
      // The customer first: it is the row concurrent submits of one form queue on (docs/storage.md).
      const customer = await this.#customer(tx, customerId);
      const again = await tx.issuances.byForm(customerId, formId);
      if (again) return { status: 'existing', issuance: again };
      const previous = customer.issuanceId ? await tx.issuances.get(customer.issuanceId) : undefined;
      const refused = this.#issueRefusal(customer, previous);
      if (refused) return refused;
      const tenant = (await tx.tenants.get(customer.tenantId))!;
      const issuance: Issuance = {
        id: hashTicket(ticket),
        tenantId: tenant.id,
        customerId,
        userId: await this.#newUserId(tx, tenant.id),
        mail: draft.mail,
        startPasswordHash: draft.startPasswordHash,
        expiresAt: new Date(now + this.options.linkHours * 3_600_000).toISOString(),
        state: 'pending',
        failures: 0,
        createdAt: new Date(now).toISOString(),
        formId,
      };
      if (previous?.state === 'pending') await tx.issuances.put({ ...previous, state: 'cancelled' });
      await tx.issuances.put(issuance);
      const { tokenSerial: _dropped, ...rest } = customer;
      await tx.customers.put({ ...rest, otpStatus: 'issued', issuanceId: issuance.id });
      const link = `${baseUrl}/m/dl/${ticket}`;
      await this.options.outbox.queue(tx, downloadMail({ to: draft.mail, bankName: tenant.name, link, expiresAt: Date.parse(issuance.expiresAt) }));
      if (previous && previous.mail.toLowerCase() !== draft.mail.toLowerCase()) {
        await this.options.outbox.queue(tx, noticeMail('issued', { to: previous.mail, bankName: tenant.name, at: now }));
      }
      await this.#audit(tx, 'token.issue', 'ok', customer, undefined, origin, by);
      return { status: 'created', issuance };
    });
    if (result.status === 'created') await this.options.outbox.drain();
    return result;
  }

  /** What the mail's link stands for: the download pages ask this. */
  lookupTicket = async (ticket: string): Promise<TicketState> => {
    if (!isTicket(ticket)) return { status: 'unknown' };
    const issuance = await this.db.issuances.get(hashTicket(ticket));
    if (!issuance) return { status: 'unknown' };
    if (issuance.state !== 'pending') return { status: 'used' };
    if (parseIsoTime(issuance.expiresAt) <= this.options.now()) return { status: 'expired' };
    const tenant = (await this.db.tenants.get(issuance.tenantId))!;
    return { status: 'valid', tenantId: tenant.id, bankName: tenant.name, expiresAt: issuance.expiresAt };
  };

  /**
   * The token app's 初期設定: binds a new token to the issuance, once. A wrong start password is
   * counted before the slow hash is checked, so a burst of guesses cannot outrun the lock.
   */
  /**
   * `binding` is the download ticket the mailed link delivered to the phone (in the ADF's AppParam,
   * the JAD's Ketai-Binding, or the web token's page): only the phone that opened the link can set the
   * token up, and without it the answer is the same as for an unknown user (docs/security.md).
   */
  async provision(fields: ProvisionFields, origin?: Origin): Promise<ProvisionResult> {
    const result = await this.#provision(fields, origin);
    if (!result.ok && (result.error === 'unknown_user' || result.error === 'wrong_password' || result.error === 'rate_limited')) await this.options.throttle.failed(origin);
    if (!result.ok && result.error === 'rate_limited') await this.options.throttle.tarpit();
    return result;
  }

  async #provision(fields: ProvisionFields, origin: Origin | undefined): Promise<ProvisionResult> {
    const [serviceId, userId, startPassword] = [fields.serviceId, fields.userId, fields.startPassword].map((value) =>
      typeof value === 'string' && value.length <= 64 ? normalizeTyped(value) : '',
    ) as [string, string, string];
    if (!/^\d{8}$/.test(serviceId) || !/^\d{12}$/.test(userId) || !/^\d{4,8}$/.test(startPassword)) {
      return { ok: false, error: 'bad_request' };
    }
    const tenant = await this.db.tenants.byServiceId(serviceId);
    const candidate = tenant && (await this.db.issuances.byUserId(tenant.id, userId));
    const bound = typeof fields.binding === 'string' && isTicket(fields.binding) && candidate?.id === hashTicket(fields.binding);
    const found = bound ? candidate : undefined;
    const throttled = await this.options.throttle.over(origin);
    if (!tenant || !found) return { ok: false, error: throttled ? 'rate_limited' : 'unknown_user' };
    // Over the client limit: a wrong password is refused without counting toward the issuance's lock.
    if (throttled && !(await verifyPassword(startPassword, found.startPasswordHash))) return { ok: false, error: 'rate_limited' };

    const reserved = await this.db.transaction(async (tx) => {
      const issuance = (await tx.issuances.get(found.id))!;
      const refused = this.#provisionRefusal(issuance);
      if (refused) return refused;
      const failures = issuance.failures + 1;
      await tx.issuances.put({ ...issuance, failures, ...(failures >= MAX_START_PASSWORD_FAILURES ? { state: 'locked' as const } : {}) });
      return { failures };
    });
    if ('ok' in reserved) return reserved;
    const matches = await verifyPassword(startPassword, found.startPasswordHash);
    const result = await this.db.transaction(async (tx): Promise<ProvisionResult> => {
      const issuance = (await tx.issuances.get(found.id))!;
      const customer = await this.#customer(tx, issuance.customerId);
      if (!matches) {
        const locked = issuance.state === 'locked';
        await this.#audit(tx, 'provision', locked ? 'locked' : 'wrong_password', customer, undefined, origin, HANDSET);
        if (locked) return { ok: false, error: 'locked' };
        return { ok: false, error: 'wrong_password', attemptsLeft: MAX_START_PASSWORD_FAILURES - issuance.failures };
      }
      // The right password undoes its own reservation, even the one that would have locked.
      if (issuance.state !== 'pending' && issuance.state !== 'locked') return this.#provisionRefusal(issuance)!;
      if (Date.parse(issuance.expiresAt) <= this.options.now()) return { ok: false, error: 'expired' };
      const { token, secret } = await this.options.tokens.mint(tx, tenant, issuance.customerId);
      await tx.issuances.put({ ...issuance, state: 'provisioned', failures: 0, tokenSerial: token.serial });
      if (customer.issuanceId === issuance.id) await tx.customers.put({ ...customer, tokenSerial: token.serial });
      await this.#audit(tx, 'provision', 'ok', customer, token.serial, origin, HANDSET);
      return { ok: true, token, secret, issuer: tenant.name };
    });
    return result;
  }

  /** BOK001 利用開始する: the first code from the app makes the token 利用中. */
  async activate(customerId: string, code: unknown, origin?: Origin): Promise<ActivationOutcome> {
    const customer = await this.#customer(this.db, customerId);
    const token = customer.tokenSerial ? await this.db.tokens.get(customer.tokenSerial) : undefined;
    if (customer.otpStatus !== 'issued' || !token || token.status !== 'provisioned') return { reason: 'not_provisioned' };
    const outcome = await this.options.tokens.verify(token.serial, code, { actor: `customer:${customerId}`, customerId, ...(origin ? { origin } : {}) });
    if (outcome.reason !== 'ok') return outcome;
    await this.db.transaction(async (tx) => {
      const current = (await tx.tokens.get(token.serial))!;
      const owner = await this.#customer(tx, customerId);
      if (current.status !== 'provisioned' || owner.tokenSerial !== token.serial) return;
      await tx.tokens.put({ ...current, status: 'active', activatedAt: new Date(this.options.now()).toISOString() });
      await tx.customers.put({ ...owner, otpStatus: 'active' });
      const issuance = owner.issuanceId ? await tx.issuances.get(owner.issuanceId) : undefined;
      const tenant = (await tx.tenants.get(owner.tenantId))!;
      if (issuance) await this.options.outbox.queue(tx, noticeMail('activated', { to: issuance.mail, bankName: tenant.name, at: this.options.now() }));
      await this.#audit(tx, 'token.activate', 'ok', owner, token.serial, origin);
    });
    await this.options.outbox.drain();
    return outcome;
  }

  /** A code for login or a transfer: only a token 利用中 counts. */
  async verifyCustomerCode(customerId: string, code: unknown, origin?: Origin): Promise<VerifyOutcome> {
    const customer = await this.#customer(this.db, customerId);
    if (customer.otpStatus !== 'active' || !customer.tokenSerial) return { reason: 'unknown' };
    return this.options.tokens.verify(customer.tokenSerial, code, { actor: `customer:${customerId}`, customerId, ...(origin ? { origin } : {}) });
  }

  /** BOS001 解除する: the token stops working now; a new トークン発行 from the next day (JST). */
  async release(customerId: string, origin?: Origin, by?: Actor): Promise<{ released: boolean; reissueFrom: number }> {
    const result = await this.db.transaction(async (tx) => {
      const customer = await this.#customer(tx, customerId);
      const now = this.options.now();
      if (customer.otpStatus !== 'issued' && customer.otpStatus !== 'active') {
        return { released: false, reissueFrom: this.#reissueFrom(customer) ?? now };
      }
      if (customer.tokenSerial) await this.options.tokens.revoke(customer.tokenSerial, tx);
      const issuance = customer.issuanceId ? await tx.issuances.get(customer.issuanceId) : undefined;
      if (issuance?.state === 'pending') await tx.issuances.put({ ...issuance, state: 'cancelled' });
      // The issuance stays linked: the next トークン発行 tells its address (the old phone) as well.
      const { tokenSerial, ...rest } = customer;
      await tx.customers.put({ ...rest, otpStatus: 'released', releasedAt: new Date(now).toISOString() });
      const tenant = (await tx.tenants.get(customer.tenantId))!;
      if (issuance) await this.options.outbox.queue(tx, noticeMail('released', { to: issuance.mail, bankName: tenant.name, at: now }));
      await this.#audit(tx, 'token.release', 'ok', customer, tokenSerial, origin, by);
      return { released: true, reissueFrom: nextJstMidnight(now) };
    });
    if (result.released) await this.options.outbox.drain();
    return result;
  }

  async #customer(repos: Repositories, customerId: string): Promise<Customer> {
    const customer = await repos.customers.get(customerId);
    if (!customer) throw new Error(`no customer ${customerId}`);
    return customer;
  }

  /** `9998` + 8 random digits, unused in the bank: a stranger cannot count their way to a pending issuance. */
  async #newUserId(repos: Repositories, tenantId: string): Promise<string> {
    for (;;) {
      const userId = `9998${String(randomInt(100_000_000)).padStart(8, '0')}`;
      if (!(await repos.issuances.byUserId(tenantId, userId))) return userId;
    }
  }

  #audit(repos: Repositories, action: string, result: string, customer: Customer, serial: string | undefined, origin: Origin | undefined, by?: Actor): Promise<void> {
    return this.options.audit.record(repos.audit, {
      action,
      result,
      actor: by?.actor ?? `customer:${customer.id}`,
      ...(by?.detail ? { detail: by.detail } : {}),
      tenantId: customer.tenantId,
      customerId: customer.id,
      ...(serial ? { serial } : {}),
      ...(origin ? { origin } : {}),
    });
  }

  #reissueFrom(customer: Customer): number | null {
    if (customer.otpStatus !== 'released' || !customer.releasedAt) return null;
    const from = nextJstMidnight(Date.parse(customer.releasedAt));
    return from > this.options.now() ? from : null;
  }

  /** Whether BOP001 may offer トークン発行: never twice, after 利用解除 only from the next day. */
  #issueRefusal(customer: Customer, current: Issuance | undefined): IssueResult | null {
    if (customer.otpStatus === 'issued' && this.#voided(customer, current)) return null;
    if (customer.otpStatus !== 'none' && customer.otpStatus !== 'released') return { status: 'refused' };
    const until = this.#reissueFrom(customer);
    return until !== null ? { status: 'refused', until } : null;
  }

  /** An issuance that can no longer give a token (locked, or its link expired unused): issue anew. */
  #voided(customer: Customer, issuance: Issuance | undefined): 'locked' | 'expired' | undefined {
    if (!issuance || customer.tokenSerial || customer.otpStatus !== 'issued') return undefined;
    if (issuance.state === 'locked') return 'locked';
    if (issuance.state === 'pending' && Date.parse(issuance.expiresAt) <= this.options.now()) return 'expired';
    return undefined;
  }

  #provisionRefusal(issuance: Issuance): ProvisionResult | null {
    if (issuance.state === 'cancelled') return { ok: false, error: 'unknown_user' };
    if (issuance.state === 'locked') return { ok: false, error: 'locked' };
    if (issuance.state === 'provisioned') return { ok: false, error: 'already_provisioned' };
    if (Date.parse(issuance.expiresAt) <= this.options.now()) return { ok: false, error: 'expired' };
    return null;
  }
}
