import { resolve } from 'node:path';
import { PASSWORD_COST, type ScryptCost } from './security/password.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** KETAI_SECRET_KEY; when absent the key lives in `<dataDir>/secret.key`. */
  secretKey?: string;
  /** The origin put into mailed links; by default the origin the PC portal was reached on. */
  publicUrl?: string;
  /** Real mail delivery; without it mail goes to the dev outbox in `dataDir`. */
  smtpUrl?: string;
  mailFrom: string;
  /** How long a mailed download link works. */
  linkHours: number;
  /** PostgreSQL (`postgres://…`) instead of the embedded store in `dataDir`. */
  databaseUrl?: string;
  /** Connections each gateway keeps to PostgreSQL. */
  poolSize: number;
  /** Requests each bank API key may make per minute, counted across every gateway. */
  apiRatePerMinute: number;
  /** EMULATOR_ORIGINS: testers' own sites the emulator's proxy may fetch (README, "Testing with the emulator"). */
  emulatorOrigins: string[];
  /** Where the emulator's record button saves scenarios (SCENARIOS_DIR, default `./scenarios`); never in production. */
  scenariosDir?: string;
  /**
   * KETAI_ENV=production: for real customers. No demo data, no emulator or dev mailbox, cookies
   * always Secure; PUBLIC_URL (https) and SMTP_URL are required.
   */
  production: boolean;
  /** Whether a fresh data directory gets the demo tenants and customers (never in production). */
  demo: boolean;
  /** TRUST_PROXY=1: TLS ends at a reverse proxy, whose X-Forwarded-Proto and X-Forwarded-For are believed. */
  trustProxy: boolean;
  /**
   * scrypt cost of new password hashes: always the production cost here, from no variable. Only code
   * may pass a cheaper one (the tests' service builders, docs/security.md); createServices refuses
   * that in production.
   */
  passwordCost: ScryptCost;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  const linkHours = Number(env.LINK_HOURS ?? 24);
  if (!(linkHours > 0 && linkHours <= 24 * 30)) throw new ConfigError(`LINK_HOURS must be hours between 0 and 720, got "${env.LINK_HOURS}"`);
  const publicUrl = env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+$/.test(publicUrl)) throw new ConfigError(`PUBLIC_URL must be an origin like https://bank.example, got "${env.PUBLIC_URL}"`);
  const production = oneOf(env, 'KETAI_ENV', ['development', 'production'], 'development') === 'production';
  const trustProxy = oneOf(env, 'TRUST_PROXY', ['0', '1'], '0') === '1';
  if (production) {
    // Without PUBLIC_URL the mailed link would follow the request's Host header, which anyone can set.
    if (!publicUrl?.startsWith('https://')) throw new ConfigError('KETAI_ENV=production needs PUBLIC_URL, the https origin put into mailed links (e.g. https://bank.example)');
    if (!env.SMTP_URL) throw new ConfigError('KETAI_ENV=production needs SMTP_URL: there is no dev mailbox in production');
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  const poolSize = Number(env.DATABASE_POOL_SIZE ?? 10);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 200) throw new ConfigError(`DATABASE_POOL_SIZE must be 1 to 200, got "${env.DATABASE_POOL_SIZE}"`);
  const apiRatePerMinute = Number(env.API_RATE_PER_MINUTE ?? 600);
  if (!Number.isInteger(apiRatePerMinute) || apiRatePerMinute < 1) throw new ConfigError(`API_RATE_PER_MINUTE must be a whole number of 1 or more, got "${env.API_RATE_PER_MINUTE}"`);
  const emulatorOrigins = parseOrigins(env.EMULATOR_ORIGINS);
  // The allow-list turns the gateway into a fetcher of those sites: a tester's tool, never a bank's.
  if (emulatorOrigins.length && production) throw new ConfigError('EMULATOR_ORIGINS is for testers and cannot be set with KETAI_ENV=production');
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    ...(env.KETAI_SECRET_KEY ? { secretKey: env.KETAI_SECRET_KEY } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    ...(env.SMTP_URL ? { smtpUrl: env.SMTP_URL } : {}),
    mailFrom: env.MAIL_FROM ?? 'no-reply@ketai-token.invalid',
    linkHours,
    ...(databaseUrl ? { databaseUrl } : {}),
    poolSize,
    apiRatePerMinute,
    emulatorOrigins,
    ...(production ? {} : { scenariosDir: resolve(env.SCENARIOS_DIR ?? 'scenarios') }),
    production,
    demo: !production,
    trustProxy,
    passwordCost: PASSWORD_COST,
  };
}

/** `https://staging.bank.example,http://127.0.0.1:9000` → origins; anything but a bare http(s) origin is refused. */
function parseOrigins(value: string | undefined): string[] {
  const origins: string[] = [];
  for (const item of (value ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      url = undefined;
    }
    const bare = url && /^https?:$/.test(url.protocol) && !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash;
    if (!bare) throw new ConfigError(`EMULATOR_ORIGINS must be origins like https://staging.bank.example separated by commas, got "${item}"`);
    origins.push(url!.origin);
  }
  return origins;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name] || fallback;
  if (!allowed.includes(value as T)) throw new ConfigError(`${name} must be ${allowed.join(' or ')}, got "${value}"`);
  return value as T;
}
