import type { ProxyTrust } from '../http/client.ts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Database } from '../store/database.ts';
import type { ApiKey, ApiScope } from '../store/schema.ts';
import { ApiProblem } from './problem.ts';
import { RateCounter } from './rate.ts';

/**
 * Bank API keys (docs/api.md, "Keys"): `kt_<id>_<secret>`. The id finds the record; only a
 * SHA-256 of the secret is stored, so a key cannot be recovered from the data, only replaced.
 */
export const API_SCOPES = ['verify', 'manage', 'audit'] as const satisfies readonly ApiScope[];

const KEY_PATTERN = /^kt_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest();

/**
 * How long a key record read from the store answers for its key in this process. A revocation made
 * here (or on the embedded store, where the CLI runs only while the gateway is stopped) applies at the
 * next request; one made by another process on PostgreSQL (the CLI, another gateway) within this time.
 */
export const KEY_RECHECK_MS = 1_000;
/** An unknown id is held only while its read runs; the cap keeps a flood of them from growing the map. */
const REMEMBERED_KEYS = 1_000;

interface Remembered {
  record: Promise<ApiKey | undefined>;
  until: number;
}

/** Key records read per database, shared by every ApiKeyService of the process on it. */
const remembered = new WeakMap<Database, Map<string, Remembered>>();

export interface CreatedKey {
  record: ApiKey;
  /** The whole key: shown once, never stored. */
  key: string;
}

export class ApiKeyService {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new key for the bank whose サービスID is `serviceId`. */
  async create(serviceId: string, scopes: readonly ApiScope[], name: string): Promise<CreatedKey> {
    const tenant = await this.db.tenants.byServiceId(serviceId);
    if (!tenant) throw new Error(`no bank has サービスID ${serviceId}`);
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const record: ApiKey = {
      id,
      tenantId: tenant.id,
      name,
      scopes: [...new Set(scopes)],
      secretHash: hashSecret(secret).toString('hex'),
      createdAt: new Date(this.now()).toISOString(),
    };
    await this.db.apiKeys.put(record);
    return { record, key: `kt_${id}_${secret}` };
  }

  list(): Promise<ApiKey[]> {
    return this.db.apiKeys.list();
  }

  /** False when there is no such key (a revoked key stays revoked). */
  async revoke(id: string): Promise<boolean> {
    const record = await this.db.apiKeys.get(id);
    if (!record) return false;
    if (!record.revokedAt) await this.db.apiKeys.put({ ...record, revokedAt: new Date(this.now()).toISOString() });
    remembered.get(this.db)?.delete(id);
    return true;
  }

  /** The live key a bearer token stands for, or undefined. */
  async authenticate(presented: string): Promise<ApiKey | undefined> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return undefined;
    const record = await this.#record(match[1]!);
    if (!record || record.revokedAt) return undefined;
    const stored = Buffer.from(record.secretHash, 'hex');
    const given = hashSecret(match[2]!);
    return stored.length === given.length && timingSafeEqual(stored, given) ? record : undefined;
  }

  /**
   * The key's record as read at most KEY_RECHECK_MS ago (concurrent requests share one read): a
   * store round trip less on every call. The secret is still compared on every request; an unknown
   * id is not remembered once its read has answered.
   */
  #record(id: string): Promise<ApiKey | undefined> {
    let keys = remembered.get(this.db);
    if (!keys) remembered.set(this.db, (keys = new Map()));
    const now = performance.now();
    const known = keys.get(id);
    if (known && now < known.until) return known.record;
    const record = this.db.apiKeys.get(id).then((found) => found && Object.freeze({ ...found, scopes: Object.freeze([...found.scopes]) as ApiScope[] }));
    const entry: Remembered = { record, until: now + KEY_RECHECK_MS };
    if (keys.size >= REMEMBERED_KEYS) keys.clear();
    keys.set(id, entry);
    const forget = () => keys.get(id) === entry && keys.delete(id);
    record.then((found) => found || forget(), forget);
    return record;
  }
}

export interface ApiEnv {
  /** The caller's key, and whether a proxy in front is trusted for the client address. */
  Variables: { apiKey: ApiKey; trust: ProxyTrust };
}

export interface KeyGuardOptions {
  keys: ApiKeyService;
  db: Database;
  ratePerMinute: number;
  now: () => number;
}

const MINUTE = 60_000;

/**
 * Lets a request through with a live key holding `scope`, within the key's rate: a fixed minute
 * window counted in the store, so every gateway on one database shares it (`RateCounter`: one
 * count statement in flight per key, not a durable write per request). The per-token lockout, not
 * this, is what stops guessing codes.
 */
export function keyGuard(options: KeyGuardOptions): (scope: ApiScope) => MiddlewareHandler<ApiEnv> {
  const rate = new RateCounter(options.db.throttle, options.ratePerMinute);
  return (scope) => async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const key = bearer === undefined ? undefined : await options.keys.authenticate(bearer);
    if (!key) throw new ApiProblem('unauthorized', {}, { 'WWW-Authenticate': 'Bearer realm="ketai-token"' });
    if (!key.scopes.includes(scope)) throw new ApiProblem('forbidden', { detail: `scope "${scope}" required` });
    const now = options.now();
    const windowStart = now - (now % MINUTE);
    // The count is stored alongside the work, not before it: no write stands in front of the call.
    const counted = await rate.take(`api:${key.id}`, windowStart);
    if (!counted) throw new ApiProblem('rate_limited', {}, { 'Retry-After': String(Math.ceil((windowStart + MINUTE - now) / 1000)) });
    c.set('apiKey', key);
    try {
      await next();
    } finally {
      await counted.stored;
    }
  };
}

/** The audit actor of a key. */
export const keyActor = (key: ApiKey) => `api:${key.id}`;
