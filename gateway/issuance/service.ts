import type { TokenService } from '../otp/tokens.ts';
import type { VerifyOutcome } from '../otp/check.ts';
import { downloadMail } from '../mail/download-mail.ts';
import type { Mailer } from '../mail/mailer.ts';
import { hashPassword, verifyPassword } from '../security/password.ts';
import type { Customer, Data, Issuance, OtpStatus, Token } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { nextJstMidnight } from '../time.ts';
import { normalizeTyped, type IssuanceInput } from './input.ts';
import { hashTicket, newTicket, TICKET_PATTERN } from './ticket.ts';

/** Wrong 利用開始パスワード in the app's 初期設定 before the issuance is void. */
export const MAX_START_PASSWORD_FAILURES = 5;

export interface IssuanceOptions {
  store: Store<Data>;
  tokens: TokenService;
  mailer: Mailer;
  now: () => number;
  /** How long the mail's download link works. */
  linkHours: number;
}

/** BOT001's input after checking: the start password is hashed as soon as it is accepted. */
export interface IssuanceDraft {
  mail: string;
  startPasswordHash: string;
}

export type IssueResult =
  | { status: 'created' | 'existing'; issuance: Issuance; mailSent: boolean }
  | { status: 'refused'; until?: number };

export type TicketState =
  | { status: 'valid'; tenantId: string; bankName: string; expiresAt: string }
  | { status: 'expired' | 'used' | 'unknown' };

export type ProvisionError = 'bad_request' | 'unknown_user' | 'wrong_password' | 'locked' | 'expired' | 'already_provisioned';

export type ProvisionResult =
  | { ok: true; token: Token; secret: string; issuer: string }
  | { ok: false; error: ProvisionError; attemptsLeft?: number };

export type ActivationOutcome = VerifyOutcome | { reason: 'not_provisioned' };

/** What BOP001 shows and allows. */
export interface OtpOverview {
  status: OtpStatus;
  serviceId?: string;
  userId?: string;
  /** A released customer may issue again from this moment (the next day, Japan time). */
  reissueFrom?: number;
  canIssue: boolean;
  canActivate: boolean;
  canRelease: boolean;
}

/**
 * トークン発行 to 利用解除 (seed 000): the issuance and its download link, the app's 初期設定
 * (provisioning), 利用開始 and 利用解除. No HTTP here: routes translate.
 */
export class IssuanceService {
  constructor(private readonly options: IssuanceOptions) {}

  private get data(): Data {
    return this.options.store.data;
  }

  overview(customerId: string): OtpOverview {
    const customer = this.#customer(customerId);
    const issuance = customer.issuanceId ? this.data.issuances[customer.issuanceId] : undefined;
    const reissueFrom = this.#reissueFrom(customer);
    const tenant = this.data.tenants[customer.tenantId]!;
    return {
      status: customer.otpStatus,
      ...(issuance && customer.otpStatus !== 'released' ? { serviceId: tenant.serviceId, userId: issuance.userId } : {}),
      ...(reissueFrom !== null ? { reissueFrom } : {}),
      canIssue: customer.otpStatus === 'none' || customer.otpStatus === 'released' || this.#deadIssuance(customer),
      canActivate: customer.otpStatus === 'issued',
      canRelease: customer.otpStatus === 'issued' || customer.otpStatus === 'active',
    };
  }

  /**
   * BOT003 確定する. Idempotent per BOT001 form: a double submit or a reload finds the issuance
   * the first one created. The mail goes out once, when the issuance is created.
   */
  async prepare(input: IssuanceInput): Promise<IssuanceDraft> {
    return { mail: input.mail, startPasswordHash: await hashPassword(input.startPassword) };
  }

  async issue(customerId: string, draft: IssuanceDraft, formId: string, baseUrl: string): Promise<IssueResult> {
    const existing = this.#byForm(customerId, formId);
    if (existing) return { status: 'existing', issuance: existing, mailSent: true };
    const customer = this.#customer(customerId);
    const refusal = this.#issueRefusal(customer);
    if (refusal) return refusal;

    const ticket = newTicket();
    const now = this.options.now();
    const created = await this.options.store.update((data): IssueResult => {
      const again = this.#byForm(customerId, formId);
      if (again) return { status: 'existing', issuance: again, mailSent: true };
      const current = data.customers[customerId]!;
      const refused = this.#issueRefusal(current);
      if (refused) return refused;
      const tenant = data.tenants[current.tenantId]!;
      tenant.lastUserId = String(Number(tenant.lastUserId) + 1).padStart(12, '0');
      const issuance: Issuance = {
        id: hashTicket(ticket),
        tenantId: tenant.id,
        customerId,
        userId: tenant.lastUserId,
        mail: draft.mail,
        startPasswordHash: draft.startPasswordHash,
        expiresAt: new Date(now + this.options.linkHours * 3_600_000).toISOString(),
        state: 'pending',
        failures: 0,
        createdAt: new Date(now).toISOString(),
        formId,
      };
      const previous = current.issuanceId ? data.issuances[current.issuanceId] : undefined;
      if (previous?.state === 'pending') previous.state = 'cancelled';
      data.issuances[issuance.id] = issuance;
      current.otpStatus = 'issued';
      current.issuanceId = issuance.id;
      delete current.tokenSerial;
      return { status: 'created', issuance, mailSent: false };
    });
    if (created.status !== 'created') return created;

    const bankName = this.data.tenants[created.issuance.tenantId]!.name;
    const link = `${baseUrl}/m/dl/${ticket}`;
    const mailSent = await this.options.mailer
      .send(downloadMail({ to: draft.mail, bankName, link, expiresAt: Date.parse(created.issuance.expiresAt) }))
      .then(() => true, () => false);
    return { ...created, mailSent };
  }

  /** What the mail's link stands for: the download pages ask this. */
  lookupTicket = (ticket: string): TicketState => {
    if (!TICKET_PATTERN.test(ticket)) return { status: 'unknown' };
    const issuance = this.data.issuances[hashTicket(ticket)];
    if (!issuance) return { status: 'unknown' };
    if (issuance.state !== 'pending') return { status: 'used' };
    if (Date.parse(issuance.expiresAt) <= this.options.now()) return { status: 'expired' };
    const tenant = this.data.tenants[issuance.tenantId]!;
    return { status: 'valid', tenantId: tenant.id, bankName: tenant.name, expiresAt: issuance.expiresAt };
  };

  /** The token app's 初期設定: binds a new token to the issuance, once. */
  async provision(fields: { serviceId: unknown; userId: unknown; startPassword: unknown }): Promise<ProvisionResult> {
    const [serviceId, userId, startPassword] = [fields.serviceId, fields.userId, fields.startPassword].map((value) =>
      typeof value === 'string' && value.length <= 64 ? normalizeTyped(value) : '',
    ) as [string, string, string];
    if (!/^\d{8}$/.test(serviceId) || !/^\d{12}$/.test(userId) || !/^\d{4,8}$/.test(startPassword)) {
      return { ok: false, error: 'bad_request' };
    }
    const found = this.#issuanceFor(serviceId, userId);
    if (!found) return { ok: false, error: 'unknown_user' };
    const refusal = this.#provisionRefusal(found);
    if (refusal) return refusal;

    const ok = await verifyPassword(startPassword, found.startPasswordHash);
    return this.options.store.update((data): ProvisionResult => {
      const issuance = data.issuances[found.id]!;
      const refused = this.#provisionRefusal(issuance);
      if (refused) return refused;
      if (!ok) {
        issuance.failures += 1;
        if (issuance.failures >= MAX_START_PASSWORD_FAILURES) {
          issuance.state = 'locked';
          return { ok: false, error: 'locked' };
        }
        return { ok: false, error: 'wrong_password', attemptsLeft: MAX_START_PASSWORD_FAILURES - issuance.failures };
      }
      const tenant = data.tenants[issuance.tenantId]!;
      const { token, secret } = this.options.tokens.mint(data, tenant, issuance.customerId);
      issuance.state = 'provisioned';
      issuance.tokenSerial = token.serial;
      const customer = data.customers[issuance.customerId]!;
      if (customer.issuanceId === issuance.id) customer.tokenSerial = token.serial;
      return { ok: true, token, secret, issuer: tenant.name };
    });
  }

  /** BOK001 利用開始する: the first code from the app makes the token 利用中. */
  async activate(customerId: string, code: unknown): Promise<ActivationOutcome> {
    const customer = this.#customer(customerId);
    const token = customer.tokenSerial ? this.data.tokens[customer.tokenSerial] : undefined;
    if (customer.otpStatus !== 'issued' || !token || token.status !== 'provisioned') return { reason: 'not_provisioned' };
    const outcome = await this.options.tokens.verify(token.serial, code);
    if (outcome.reason !== 'ok') return outcome;
    await this.options.store.update((data) => {
      const activated = data.tokens[token.serial]!;
      activated.status = 'active';
      activated.activatedAt = new Date(this.options.now()).toISOString();
      data.customers[customerId]!.otpStatus = 'active';
    });
    return outcome;
  }

  /** A code for login or a transfer: only a token 利用中 counts. */
  async verifyCustomerCode(customerId: string, code: unknown): Promise<VerifyOutcome> {
    const customer = this.#customer(customerId);
    if (customer.otpStatus !== 'active' || !customer.tokenSerial) return { reason: 'unknown' };
    return this.options.tokens.verify(customer.tokenSerial, code);
  }

  /** BOS001 解除する: the token stops working now; a new トークン発行 from the next day (JST). */
  async release(customerId: string): Promise<{ released: boolean; reissueFrom: number }> {
    return this.options.store.update((data) => {
      const customer = data.customers[customerId]!;
      const now = this.options.now();
      if (customer.otpStatus !== 'issued' && customer.otpStatus !== 'active') {
        return { released: false, reissueFrom: this.#reissueFrom(customer) ?? now };
      }
      const token = customer.tokenSerial ? data.tokens[customer.tokenSerial] : undefined;
      if (token && token.status !== 'revoked') {
        token.status = 'revoked';
        token.revokedAt = new Date(now).toISOString();
      }
      const issuance = customer.issuanceId ? data.issuances[customer.issuanceId] : undefined;
      if (issuance?.state === 'pending') issuance.state = 'cancelled';
      customer.otpStatus = 'released';
      customer.releasedAt = new Date(now).toISOString();
      delete customer.tokenSerial;
      delete customer.issuanceId;
      return { released: true, reissueFrom: nextJstMidnight(now) };
    });
  }

  #customer(customerId: string): Customer {
    const customer = this.data.customers[customerId];
    if (!customer) throw new Error(`no customer ${customerId}`);
    return customer;
  }

  #byForm(customerId: string, formId: string): Issuance | undefined {
    return Object.values(this.data.issuances).find((issuance) => issuance.customerId === customerId && issuance.formId === formId);
  }

  #issuanceFor(serviceId: string, userId: string): Issuance | undefined {
    const tenant = Object.values(this.data.tenants).find((candidate) => candidate.serviceId === serviceId);
    if (!tenant) return undefined;
    return Object.values(this.data.issuances).find((issuance) => issuance.tenantId === tenant.id && issuance.userId === userId);
  }

  #reissueFrom(customer: Customer): number | null {
    if (customer.otpStatus !== 'released' || !customer.releasedAt) return null;
    const from = nextJstMidnight(Date.parse(customer.releasedAt));
    return from > this.options.now() ? from : null;
  }

  /** Whether BOP001 may offer トークン発行: never twice, after 利用解除 only from the next day. */
  #issueRefusal(customer: Customer): IssueResult | null {
    if (customer.otpStatus === 'issued' && this.#deadIssuance(customer)) return null;
    if (customer.otpStatus !== 'none' && customer.otpStatus !== 'released') return { status: 'refused' };
    const until = this.#reissueFrom(customer);
    return until !== null ? { status: 'refused', until } : null;
  }

  /** An issuance that can no longer give a token (locked, or its link expired unused): issue anew. */
  #deadIssuance(customer: Customer): boolean {
    const issuance = customer.issuanceId ? this.data.issuances[customer.issuanceId] : undefined;
    if (!issuance || customer.tokenSerial) return false;
    return issuance.state === 'locked' || (issuance.state === 'pending' && Date.parse(issuance.expiresAt) <= this.options.now());
  }

  #provisionRefusal(issuance: Issuance): ProvisionResult | null {
    if (issuance.state === 'cancelled') return { ok: false, error: 'unknown_user' };
    if (issuance.state === 'locked') return { ok: false, error: 'locked' };
    if (issuance.state === 'provisioned') return { ok: false, error: 'already_provisioned' };
    if (Date.parse(issuance.expiresAt) <= this.options.now()) return { ok: false, error: 'expired' };
    return null;
  }
}
