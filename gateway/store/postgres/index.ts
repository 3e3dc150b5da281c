import pg from 'pg';
import { StoreOpenError, type Database, type Repositories } from '../database.ts';
import type { KeyCheck } from '../key-check.ts';
import { prepare, readMigrations } from './migrate.ts';
import { ATTEMPTS, postgresRepositories, RETRYABLE } from './repositories.ts';

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** Connections in the pool: the most statements this gateway runs at once. */
  poolSize: number;
  keyCheck: KeyCheck;
  /** How long to wait for a connection (start-up and pool), so that a dead server fails fast. */
  connectTimeoutMs?: number;
  /**
   * The server ends a transaction that sits idle this long: a gateway frozen in the middle of one
   * (paused VM, SIGSTOP) must not hold its row locks, and so a token, away from every other gateway.
   */
  idleInTransactionMs?: number;
}


/**
 * The PostgreSQL backend (docs/storage.md, "PostgreSQL"): several gateways share one database.
 * Writes outside a transaction are single statements, committed when they resolve; the OTP hot
 * path is one conditional UPDATE. Start-up applies the migrations and checks the secret key.
 */
export class PostgresDatabase implements Database {
  readonly backend = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #repositories: Repositories;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.#repositories = postgresRepositories(pool, false);
  }

  static async open(options: PostgresOptions): Promise<PostgresDatabase> {
    const where = serverName(options.url);
    const migrations = await readMigrations();
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      idle_in_transaction_session_timeout: options.idleInTransactionMs ?? 15_000,
      keepAlive: true,
      application_name: 'ketai-token',
    });
    // An idle connection that dies (server restart) must not crash the gateway: the pool replaces it.
    pool.on('error', (error) => console.error(`postgres: an idle connection to ${where} failed (${error.message})`));
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      await pool.end();
      throw new StoreOpenError(`cannot connect to PostgreSQL at ${where}: ${reason(error)} (check DATABASE_URL and that the server is running)`, { cause: error });
    }
    const lost = () => undefined; // a lost connection fails prepare's next statement (see transaction)
    client.on('error', lost);
    try {
      await prepare(client, migrations, options.keyCheck, where);
      client.off('error', lost);
      client.release();
    } catch (error) {
      client.off('error', lost);
      client.release(true);
      await pool.end();
      if (error instanceof StoreOpenError) throw error;
      throw new StoreOpenError(`cannot prepare PostgreSQL database ${where}: ${reason(error)}`, { cause: error });
    }
    return new PostgresDatabase(pool);
  }

  get tenants() { return this.#repositories.tenants; }
  get customers() { return this.#repositories.customers; }
  get issuances() { return this.#repositories.issuances; }
  get tokens() { return this.#repositories.tokens; }
  get accounts() { return this.#repositories.accounts; }
  get transfers() { return this.#repositories.transfers; }
  get sessions() { return this.#repositories.sessions; }
  get outbox() { return this.#repositories.outbox; }
  get audit() { return this.#repositories.audit; }
  get apiKeys() { return this.#repositories.apiKeys; }
  get throttle() { return this.#repositories.throttle; }

  /** BEGIN … COMMIT on one connection; a throw rolls back; a deadlock or serialization failure runs the work again. */
  async transaction<R>(work: (tx: Repositories) => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.#pool.connect();
      let broken = false;
      // The pool listens for errors on idle clients only: a connection lost while checked out would
      // otherwise be an unhandled 'error' event. Its next statement fails and the work rejects.
      const lost = () => (broken = true);
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        const result = await work(postgresRepositories(client, true));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        if (attempt < ATTEMPTS && RETRYABLE.has((error as { code?: string }).code ?? '')) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
          continue;
        }
        throw error;
      } finally {
        client.off('error', lost);
        client.release(broken);
      }
    }
  }

  /** Nothing to wait for: every acknowledged write is committed. */
  async flush(): Promise<void> {}

  /** Resolves once every connection is closed (`pool.end()` alone resolves before its clients have gone). */
  async close(): Promise<void> {
    let open = this.#pool.totalCount;
    const closed = new Promise<void>((resolve) => {
      if (open === 0) resolve();
      this.#pool.on('remove', () => --open === 0 && resolve());
    });
    await this.#pool.end();
    await closed;
  }
}

/** host:port/database from the URL, never its password. */
function serverName(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreOpenError('DATABASE_URL is not a URL: expected postgres://user:password@host:port/database');
  }
  const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
  return `${host}:${parsed.port || 5432}${parsed.pathname}`;
}

/** Node reports a refused connection to a name with several addresses as an AggregateError with no message. */
function reason(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map((e: Error) => e.message).join('; ');
  return (error as Error).message;
}
