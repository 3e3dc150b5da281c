import type { SecretBox } from '../security/secret-box.ts';
import type { Data, Tenant, Token } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { checkCode, type VerifyOutcome } from './check.ts';
import { generateSecret } from './code.ts';
import { newSerial } from './serial.ts';

export interface IssuedToken {
  token: Token;
  /** The Base32 seed in clear: handed to the handset once, never stored. */
  secret: string;
}

/** Token lifecycle and verification over the store. Seeds are only ever stored sealed. */
export class TokenService {
  constructor(
    private readonly store: Store<Data>,
    private readonly box: SecretBox,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(tenant: Tenant, customerId?: string): Promise<IssuedToken> {
    return this.store.update((data) => this.mint(data, tenant, customerId));
  }

  /**
   * Creates a token inside a running `store.update`, so that callers can bind it to other
   * records (an issuance, a customer) in the same atomic change.
   */
  mint(data: Data, tenant: Tenant, customerId?: string): IssuedToken {
    const { algorithm, digits, period, validityYears } = tenant.policy;
    const secret = generateSecret(algorithm);
    const issuedAt = new Date(this.now());
    const expiresAt = new Date(issuedAt);
    expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + validityYears);
    const serial = newSerial((candidate) => candidate in data.tokens);
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
    data.tokens[serial] = token;
    return { token, secret };
  }

  secretOf(token: Token): string {
    return this.box.open(token.sealedSecret, token.serial);
  }

  /**
   * Checks a code and records the outcome. Never throws for bad input; the check and the
   * update happen in one synchronous step, so a code is accepted at most once.
   */
  async verify(serial: string, code: unknown): Promise<VerifyOutcome> {
    const token = this.store.data.tokens[serial];
    const tenant = token && this.store.data.tenants[token.tenantId];
    if (!token || !tenant) return { reason: 'unknown' };
    const { outcome, changes } = checkCode(token, this.secretOf(token), code, this.now(), tenant.policy);
    if (changes === null) return outcome;
    return this.store.update((data) => {
      Object.assign(data.tokens[serial]!, changes);
      return outcome;
    });
  }

  async revoke(serial: string): Promise<void> {
    await this.store.update((data) => {
      const token = data.tokens[serial];
      if (!token || token.status === 'revoked') return;
      token.status = 'revoked';
      token.revokedAt = new Date(this.now()).toISOString();
    });
  }
}
