import type { AuditInput, AuditTrail, Origin } from '../audit/trail.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { Database, Repositories } from '../store/database.ts';
import type { Tenant, Token } from '../store/schema.ts';
import { checkCode, type VerifyOutcome } from './check.ts';
import { codeForStep, generateSecret, normalizeCode, stepAt } from './code.ts';
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
  /** Only this bank's tokens: another bank's serial is `unknown` (the bank API's keys). */
  tenantId?: string;
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
   * store operation (a step is accepted at most once, on every backend and across gateways) that
   * also appends the verification's audit event, so an accepted code costs one durable write;
   * wrong codes are counted atomically, so a burst cannot slip past the lock.
   */
  async verify(serial: string, code: unknown, by: Presenter = { actor: 'system' }): Promise<VerifyOutcome> {
    const found = await this.db.tokens.withTenant(serial);
    if (!found || (by.tenantId !== undefined && by.tenantId !== found.token.tenantId)) return { reason: 'unknown' };
    const { token, tenant } = found;
    const now = this.now();
    const { policy } = tenant;
    const checked = checkCode(token, this.secretOf(token), code, now, policy);
    let outcome = checked.outcome;
    const event = (result: string): AuditInput => ({
      action: 'otp.verify',
      result,
      actor: by.actor,
      tenantId: tenant.id,
      serial,
      ...(token.customerId ?? by.customerId ? { customerId: token.customerId ?? by.customerId } : {}),
      ...(by.origin ? { origin: by.origin } : {}),
    });
    if (outcome.reason === 'ok') {
      const accepted = await this.db.tokens.acceptStep(serial, { step: outcome.step!, drift: checked.changes?.drift ?? 0 }, now, this.audit.event(event('ok')));
      if (accepted) return outcome;
      outcome = await this.#whyRefused(serial, now);
    } else if (outcome.reason === 'wrong') {
      const counters = await this.db.tokens.recordFailure(serial, { maxFailures: policy.maxFailures, lockMs: policy.lockMinutes * 60_000 }, now);
      const failures = counters?.failures ?? policy.maxFailures;
      outcome = failures >= policy.maxFailures && counters?.lockedUntil ? { reason: 'wrong', attemptsLeft: 0, lockedUntil: counters.lockedUntil } : { reason: 'wrong', attemptsLeft: policy.maxFailures - failures };
    }
    if (outcome.reason !== 'malformed') {
      await this.audit.record(this.db.audit, event(outcome.reason === 'wrong' && outcome.attemptsLeft === 0 ? 'locked' : outcome.reason));
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

  /** Ends a lock and clears the wrong-code count (a bank operator, once they know who calls). */
  async unlock(serial: string, by: Presenter): Promise<Token | undefined> {
    return this.db.transaction(async (tx) => {
      const token = await tx.tokens.get(serial);
      if (!token || (by.tenantId !== undefined && by.tenantId !== token.tenantId)) return undefined;
      const unlocked: Token = { ...token, failures: 0, lockedUntil: null };
      await tx.tokens.put(unlocked);
      await this.audit.record(tx.audit, {
        action: 'token.unlock',
        result: 'ok',
        actor: by.actor,
        tenantId: token.tenantId,
        serial,
        ...(token.customerId ? { customerId: token.customerId } : {}),
        ...(by.origin ? { origin: by.origin } : {}),
      });
      return unlocked;
    });
  }

  /**
   * Two consecutive codes found anywhere within the policy's maxDriftSteps of now (a verify
   * looks only `window` steps around the last drift) move the drift to the handset's clock;
   * both steps then count as used. A miss counts as a wrong code.
   */
  async resync(serial: string, first: unknown, second: unknown, by: Presenter): Promise<VerifyOutcome> {
    const token = await this.db.tokens.get(serial);
    const tenant = token && (await this.db.tenants.get(token.tenantId));
    if (!token || !tenant || (by.tenantId !== undefined && by.tenantId !== token.tenantId)) return { reason: 'unknown' };
    const [code1, code2] = [normalizeCode(first, token.digits), normalizeCode(second, token.digits)];
    if (code1 === null || code2 === null) return { reason: 'malformed' };
    const now = this.now();
    const { policy } = tenant;
    let outcome = this.#unusable(token, now);
    if (!outcome) {
      const step = this.#consecutive(token, code1, code2, stepAt(now, token.period), policy.maxDriftSteps);
      if (step === null) {
        const counters = await this.db.tokens.recordFailure(serial, { maxFailures: policy.maxFailures, lockMs: policy.lockMinutes * 60_000 }, now);
        const failures = counters?.failures ?? policy.maxFailures;
        outcome = { reason: 'wrong', attemptsLeft: Math.max(0, policy.maxFailures - failures), ...(counters?.lockedUntil ? { lockedUntil: counters.lockedUntil } : {}) };
      } else if (token.lastStep !== null && step - 1 <= token.lastStep) {
        outcome = { reason: 'replayed' };
      } else {
        const accepted = await this.db.tokens.acceptStep(serial, { step, drift: step - stepAt(now, token.period) }, now);
        outcome = accepted ? { reason: 'ok', step } : await this.#whyRefused(serial, now);
      }
    }
    await this.audit.record(this.db.audit, {
      action: 'token.resync',
      result: outcome.reason,
      actor: by.actor,
      tenantId: tenant.id,
      serial,
      ...(token.customerId ? { customerId: token.customerId } : {}),
      ...(by.origin ? { origin: by.origin } : {}),
    });
    return outcome;
  }

  /** The step of the second code when `code1`, `code2` are two steps in a row within `reach` of `expected`. */
  #consecutive(token: Token, code1: string, code2: string, expected: number, reach: number): number | null {
    const secret = this.secretOf(token);
    for (let step = expected - reach; step < expected + reach; step += 1) {
      if (codeForStep(secret, token, step) === code1 && codeForStep(secret, token, step + 1) === code2) return step + 1;
    }
    return null;
  }

  /** Why no code can be accepted on this token now, if so. */
  #unusable(token: Token, now: number): VerifyOutcome | null {
    if (token.status === 'revoked') return { reason: 'revoked' };
    if (Date.parse(token.expiresAt) <= now) return { reason: 'expired' };
    if (token.lockedUntil !== null && now < token.lockedUntil) return { reason: 'locked', lockedUntil: token.lockedUntil };
    return null;
  }

  /** Revokes in the caller's transaction, or in one of its own (never a bare read-then-write). */
  async revoke(serial: string, repos?: Repositories): Promise<void> {
    if (!repos) return this.db.transaction((tx) => this.revoke(serial, tx));
    const token = await repos.tokens.get(serial);
    if (!token || token.status === 'revoked') return;
    await repos.tokens.put({ ...token, status: 'revoked', revokedAt: new Date(this.now()).toISOString() });
  }
}
