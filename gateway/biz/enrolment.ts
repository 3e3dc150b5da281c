import type { Origin } from '../audit/trail.ts';
import type { AuditTrail } from '../audit/trail.ts';
import type { IssuedToken, TokenService } from '../otp/tokens.ts';
import type { Database } from '../store/database.ts';
import type { Token } from '../store/schema.ts';

/** An enrolled token nobody registered within this long can no longer be registered (docs/business.md). */
export const UNBOUND_TTL_MS = 7 * 86_400_000;
/** Enrolments one client address may make a minute: a branch sets up its staff's phones in a row. */
export const ENROL_RULE = { limit: 30, windowMs: 60_000 };

export type EnrolResult = ({ ok: true; issuer: string } & IssuedToken) | { ok: false; error: 'bad_request' | 'unknown_service' | 'rate_limited' };

/** Whether an unbound token is past its registration deadline at `now`. */
export function unboundExpired(token: Pick<Token, 'issuedAt'>, now: number): boolean {
  return Date.parse(token.issuedAt) + UNBOUND_TTL_MS <= now;
}

/**
 * The business token app's self-enrolment (`POST /m/app/enroll`): a token of the business bank
 * bound to nobody, until the company's administrator registers it (BOA004).
 */
export class EnrolmentService {
  constructor(
    private readonly db: Database,
    private readonly tokens: TokenService,
    private readonly audit: AuditTrail,
    private readonly now: () => number,
  ) {}

  async enrol(serviceId: string | undefined, origin?: Origin): Promise<EnrolResult> {
    if (!serviceId || !/^\d{8}$/.test(serviceId)) return { ok: false, error: 'bad_request' };
    if (origin?.ip && (await this.#overLimit(origin.ip))) {
      await this.audit.record(this.db.audit, { action: 'biz.enrol', result: 'rate_limited', actor: 'handset', origin });
      return { ok: false, error: 'rate_limited' };
    }
    const tenant = await this.db.tenants.byServiceId(serviceId);
    if (!tenant || tenant.kind !== 'business') return { ok: false, error: 'unknown_service' };
    const issued = await this.tokens.issue(tenant);
    await this.audit.record(this.db.audit, {
      action: 'biz.enrol',
      result: 'ok',
      actor: 'handset',
      tenantId: tenant.id,
      serial: issued.token.serial,
      ...(origin ? { origin } : {}),
    });
    return { ok: true, issuer: tenant.name, ...issued };
  }

  async #overLimit(ip: string): Promise<boolean> {
    const now = this.now();
    const start = now - (now % ENROL_RULE.windowMs);
    return (await this.db.throttle.hit(`enrol:${ip}`, start, start + ENROL_RULE.windowMs)) > ENROL_RULE.limit;
  }
}
