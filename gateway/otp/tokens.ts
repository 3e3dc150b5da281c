import type { AuditTrail, Origin } from '../audit/trail.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { Database, Repositories } from '../store/database.ts';
import type { Tenant, Token } from '../store/schema.ts';
import { checkCode, type VerifyOutcome } from './check.ts';
import { generateSecret } from './code.ts';
import { newSerial } from './serial.ts';

export interface IssuedToken {
  token: Token;
  /** The Base32 seed in clear: handed to the handset once, never stored. */
  secret: string;
}

/** Who presents a code, for the audit trail. */
export interface Presenter {
  actor: string;
  customerId?: string;
  origin?: Origin;
}

/** Token lifecycle and verification over the store. Seeds are only ever stored sealed. */
export class TokenService {
  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
    private readonly audit: AuditTrail,
    private readonly now: () => number = Date.now,
  ) {}

  /** A token of its own (business enrolment, the bank API), bound to a customer or to nobody yet. */
  issue(tenant: Tenant, customerId?: string): Promise<IssuedToken> {
    return this.db.transaction((tx) => this.mint(tx, tenant, customerId));
  }

  /**
   * Creates a token and stores it through `repos`, so that callers can bind it to other records
   * (an issuance, a customer) in the same transaction.
   */
  async mint(repos: Repositories, tenant: Tenant, customerId?: string): Promise<IssuedToken> {
    const { algorithm, digits, period, validityYears } = tenant.policy;
    const secret = generateSecret(algorithm);
    const issuedAt = new Date(this.now());
    const expiresAt = new Date(issuedAt);
    expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + validityYears);
    let serial = newSerial();
    while (await repos.tokens.get(serial)) serial = newSerial();
    const token: Token = {
      serial,
      tenantId: tenant.id,
      ...(customerId === undefined ? {} : { customerId }),
      sealedSecret: this.box.seal(secret, serial),
      algorithm,
      digits,
      period,
      status: 'provisioned',
      issuedAt: issuedAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
      lastStep: null,
      drift: 0,
      failures: 0,
      lockedUntil: null,
    };
    await repos.tokens.put(token);
    return { token, secret };
  }

  secretOf(token: Token): string {
    return this.box.open(token.sealedSecret, token.serial);
  }

  /**
   * Checks a code and records the outcome. Never throws for bad input. Acceptance is one atomic
   * store operation (a step is accepted at most once, on every backend and across gateways);
   * wrong codes are counted atomically, so a burst cannot slip past the lock.
   */
  async verify(serial: string, code: unknown, by: Presenter = { actor: 'system' }): Promise<VerifyOutcome> {
    const token = await this.db.tokens.get(serial);
    const tenant = token && (await this.db.tenants.get(token.tenantId));
    if (!token || !tenant) return { reason: 'unknown' };
    const now = this.now();
    const { policy } = tenant;
    const checked = checkCode(token, this.secretOf(token), code, now, policy);
    let outcome = checked.outcome;
    if (outcome.reason === 'ok') {
      const accepted = await this.db.tokens.acceptStep(serial, { step: outcome.step!, drift: checked.changes?.drift ?? 0 }, now);
      if (!accepted) outcome = await this.#whyRefused(serial, now);
    } else if (outcome.reason === 'wrong') {
      const counters = await this.db.tokens.recordFailure(serial, { maxFailures: policy.maxFailures, lockMs: policy.lockMinutes * 60_000 }, now);
      const failures = counters?.failures ?? policy.maxFailures;
      outcome = failures >= policy.maxFailures && counters?.lockedUntil ? { reason: 'wrong', attemptsLeft: 0, lockedUntil: counters.lockedUntil } : { reason: 'wrong', attemptsLeft: policy.maxFailures - failures };
    }
    if (outcome.reason !== 'malformed') {
      await this.audit.record(this.db.audit, {
        action: 'otp.verify',
        result: outcome.reason === 'wrong' && outcome.attemptsLeft === 0 ? 'locked' : outcome.reason,
        actor: by.actor,
        tenantId: tenant.id,
        serial,
        ...(token.customerId ?? by.customerId ? { customerId: token.customerId ?? by.customerId } : {}),
        ...(by.origin ? { origin: by.origin } : {}),
      });
    }
    return outcome;
  }

  /** Another request changed the token between the check and the write: say what it is now. */
  async #whyRefused(serial: string, now: number): Promise<VerifyOutcome> {
    const token = await this.db.tokens.get(serial);
    if (!token) return { reason: 'unknown' };
    if (token.status === 'revoked') return { reason: 'revoked' };
    if (token.lockedUntil !== null && now < token.lockedUntil) return { reason: 'locked', lockedUntil: token.lockedUntil };
    return { reason: 'replayed' };
  }

  /** Revokes in the caller's transaction, or in one of its own (never a bare read-then-write). */
  async revoke(serial: string, repos?: Repositories): Promise<void> {
    if (!repos) return this.db.transaction((tx) => this.revoke(serial, tx));
    const token = await repos.tokens.get(serial);
    if (!token || token.status === 'revoked') return;
    await repos.tokens.put({ ...token, status: 'revoked', revokedAt: new Date(this.now()).toISOString() });
  }
}
