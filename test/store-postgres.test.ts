import { execFile } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { generateSecret } from '../gateway/otp/code.ts';
import { PERSONAL_POLICY } from '../gateway/otp/policy.ts';
import { hashPassword } from '../gateway/security/password.ts';
import { SecretBox } from '../gateway/security/secret-box.ts';
import { COLLECTIONS, COLLECTION_NAMES } from '../gateway/store/collections.ts';
import { StoreOpenError, type Repositories } from '../gateway/store/database.ts';
import { keyCheck } from '../gateway/store/key-check.ts';
import { PostgresDatabase } from '../gateway/store/postgres/index.ts';
import { prepare, readMigrations } from '../gateway/store/postgres/migrate.ts';
import { postgresRepositories, type Queryable } from '../gateway/store/postgres/repositories.ts';
import { TABLES } from '../gateway/store/postgres/tables.ts';
import type { AuditEvent, Customer, Token } from '../gateway/store/schema.ts';
import { freshPostgresUrl, pgDumpArgs, SKIP_POSTGRES, testKeyCheck } from './helpers/backends.ts';
import { TEST_PASSWORD_COST } from './helpers/config.ts';

const open = (url: string, check = testKeyCheck(), connectTimeoutMs?: number) => PostgresDatabase.open({ url, poolSize: 4, keyCheck: check, connectTimeoutMs });

async function sql<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

function customer(id: string, extra: Partial<Customer> = {}): Customer {
  return { id, tenantId: 't1', loginId: `login-${id}`, name: '見本', role: 'personal', passwordHash: 'h', otpStatus: 'none', loginFailures: 0, confirmFailures: 0, ...extra };
}

function token(serial: string): Token {
  return {
    serial, tenantId: 't1', customerId: 'c1', sealedSecret: 'v1.x.y.z', algorithm: 'SHA1', digits: 8, period: 60, status: 'active',
    issuedAt: '2026-12-01T00:00:00.000Z', expiresAt: '2031-12-01T00:00:00.000Z', lastStep: null, drift: 0, failures: 0, lockedUntil: null,
  };
}

/**
 * Runs `work` on a fresh store (`db`, as a gateway opens it) with, beside it, the repositories outside a
 * transaction over a pool of their own (`settings`: its connections' `-c` options) that records each
 * statement it sends (`sent`: a prepared statement's name, else its text).
 */
async function withCountingRepositories(work: (store: { url: string; db: PostgresDatabase; repos: Repositories; sent: string[] }) => Promise<void>, settings = ''): Promise<void> {
  const url = await freshPostgresUrl();
  const db = await open(url);
  const withSettings = new URL(url);
  withSettings.search = `?options=${encodeURIComponent(`${withSettings.searchParams.get('options') ?? ''} ${settings}`.trim())}`;
  const pool = new pg.Pool({ connectionString: withSettings.toString(), max: 4 });
  const sent: string[] = [];
  const counting: Queryable = { query: ((config: { name?: string; text: string } | string, ...rest: unknown[]) => {
    sent.push(typeof config === 'string' ? config : (config.name ?? config.text));
    return (pool.query as (...args: unknown[]) => unknown)(config, ...rest);
  }) as Queryable['query'] };
  try {
    await work({ url, db, repos: postgresRepositories(counting, false), sent });
  } finally {
    await pool.end();
    await db.close();
  }
}

const verifyEvent = (serial: string, i: number): AuditEvent => ({
  id: `${String(1_800_000_000_000 + i).padStart(13, '0')}-000000-${serial}`, at: '2026-12-01T00:00:00.000Z', tenantId: 't1', actor: 'api:k1',
  action: 'otp.verify', result: 'ok', serial: `****${serial.slice(-4)}`, serialHash: `hash-${serial}`, detail: { note: `it's "${serial}"` },
});

describe('postgres table map', () => {
  it('has a real column for every field a collection is looked up by, key first', () => {
    for (const name of COLLECTION_NAMES) {
      const fields = TABLES[name].columns.map((c) => c.field);
      expect(fields[0]).toBe(COLLECTIONS[name].key);
      for (const lookup of Object.values(COLLECTIONS[name].lookups) as string[][]) expect(fields).toEqual(expect.arrayContaining(lookup));
    }
  });
});

describe.skipIf(SKIP_POSTGRES)('postgres backend', () => {
  it('applies the migrations once when several gateways start at the same time', async () => {
    const url = await freshPostgresUrl();
    const check = testKeyCheck();
    const dbs = await Promise.all(Array.from({ length: 4 }, () => open(url, check)));
    const migrations = await readMigrations();
    const applied = await sql<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.map((row) => row.version)).toEqual(migrations.map((m) => m.version));
    expect(await sql(url, "SELECT value FROM meta WHERE key = 'key_check'")).toHaveLength(1);
    await Promise.all(dbs.map((db) => db.close()));
  });

  it('keeps the OTP state in real typed columns', async () => {
    const url = await freshPostgresUrl();
    await (await open(url)).close();
    const columns = await sql<{ column_name: string; data_type: string }>(url, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'tokens'");
    const types = Object.fromEntries(columns.map((c) => [c.column_name, c.data_type]));
    expect(types).toMatchObject({ last_step: 'bigint', drift: 'integer', failures: 'integer', locked_until: 'bigint', status: 'text' });
  });

  it('refuses a database migrated by a newer gateway, and changes nothing in it', async () => {
    const url = await freshPostgresUrl();
    const check = testKeyCheck();
    await (await open(url, check)).close();
    const latest = (await readMigrations()).length;
    await sql(url, "INSERT INTO schema_migrations (version, file) VALUES ($1, 'from_the_future.sql')", [latest + 1]);
    await expect(open(url, check)).rejects.toThrow(StoreOpenError);
    await expect(open(url, check)).rejects.toThrow(new RegExp(`schema version ${latest + 1}, newer than this gateway knows \\(${latest}\\)`));
    expect(await sql(url, 'SELECT version FROM schema_migrations')).toHaveLength(latest + 1);
  });

  it('rolls a failing migration back whole and says which one failed', async () => {
    const url = await freshPostgresUrl();
    const migrations = [...(await readMigrations()), { version: 99, file: '099_broken.sql', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' }];
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await expect(prepare(client, migrations, testKeyCheck(), 'test')).rejects.toThrow(/migration 099_broken\.sql failed .*no_such_function/);
    } finally {
      await client.end();
    }
    expect(await sql(url, "SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
    expect((await sql<{ v: number }>(url, 'SELECT max(version) AS v FROM schema_migrations'))[0]!.v).toBe(migrations.length - 1);
  });

  it('orders by code units on a database whose default collation is en-US', async () => {
    const url = await freshPostgresUrl({ icuLocale: 'en-US' });
    expect(await sql(url, 'SELECT daticulocale AS i FROM pg_database WHERE datname = current_database()')).toEqual([{ i: 'en-US' }]);
    const db = await open(url);
    const serials = ['KTa', 'KTB', 'KT_1', 'KT-1', 'KT1', 'KTb', 'KTA'];
    for (const serial of serials) await db.tokens.put(token(serial));
    expect((await db.tokens.page({ tenantId: 't1', limit: 10 })).map((t) => t.serial)).toEqual([...serials].sort());
    expect((await db.tokens.page({ tenantId: 't1', after: 'KTB', limit: 10 })).map((t) => t.serial)).toEqual(['KT_1', 'KTa', 'KTb']);
    await db.close();
  });

  it('has closed every connection when close resolves: dropping the database at once hits none of them', async () => {
    const url = await freshPostgresUrl({ ownDatabase: true });
    const db = await open(url);
    await Promise.all(Array.from({ length: 8 }, (_, i) => db.throttle.hit(`k${i}`, 0, 1)));
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await db.close();
      await admin.query(`DROP DATABASE ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      await admin.end();
    }
  });

  it('refuses another secret key, naming KETAI_SECRET_KEY', async () => {
    const url = await freshPostgresUrl();
    await (await open(url)).close();
    await expect(open(url)).rejects.toThrow(/written with another secret key \(check KETAI_SECRET_KEY/);
  });

  it('fails fast and clearly when the server refuses the connection', async () => {
    const started = Date.now();
    const error = await open('postgres://postgres:pw-not-shown@127.0.0.1:1/test').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toMatch(/^cannot connect to PostgreSQL at 127\.0\.0\.1:1\/test: .*ECONNREFUSED/);
    expect((error as Error).message).not.toContain('pw-not-shown');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('gives up after the connect timeout when the server accepts but never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      await expect(open(`postgres://postgres@127.0.0.1:${port}/test`, testKeyCheck(), 1_000)).rejects.toThrow(new RegExp(`cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/test: .*timeout`));
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('names a database that does not exist', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = '/ketai_no_such_database';
    await expect(open(url.toString())).rejects.toThrow(/cannot connect to PostgreSQL at .*\/ketai_no_such_database: database "ketai_no_such_database" does not exist/);
  });

  it('refuses to change or remove audit events, even through plain SQL', async () => {
    const url = await freshPostgresUrl();
    const db = await open(url);
    await db.audit.append({ id: '1764547200000-aaaa', at: '2026-12-01T00:00:00.000Z', tenantId: 't1', actor: 'system', action: 'login', result: 'ok' });
    await db.close();
    await expect(sql(url, "UPDATE audit_events SET action = 'x'")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(sql(url, 'DELETE FROM audit_events')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(sql(url, 'TRUNCATE audit_events')).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await sql(url, 'SELECT id FROM audit_events')).toHaveLength(1);
  });

  it('runs a transaction again after a deadlock, so both crossing transactions land', async () => {
    const url = await freshPostgresUrl();
    const db = await open(url);
    await db.customers.put(customer('c1'));
    await db.customers.put(customer('c2'));
    let firstReads = 0;
    let bothRead!: () => void;
    const barrier = new Promise<void>((resolve) => (bothRead = resolve));
    // Each locks one customer, waits until the other has locked the other one, then reaches for it.
    const cross = (mine: string, theirs: string) =>
      db.transaction(async (tx) => {
        const a = (await tx.customers.get(mine))!;
        if (++firstReads === 2) bothRead();
        await barrier;
        const b = (await tx.customers.get(theirs))!;
        await tx.customers.put({ ...a, loginFailures: a.loginFailures + 1 });
        await tx.customers.put({ ...b, loginFailures: b.loginFailures + 1 });
      });
    await Promise.all([cross('c1', 'c2'), cross('c2', 'c1')]);
    expect((await db.customers.get('c1'))?.loginFailures).toBe(2);
    expect((await db.customers.get('c2'))?.loginFailures).toBe(2);
    await db.close();
  });

  it('accepts many tokens\' steps in one statement, each step once and each with its own audit event', () =>
    withCountingRepositories(async ({ url, db, repos, sent }) => {
      const serials = Array.from({ length: 40 }, (_, i) => `S${String(i).padStart(3, '0')}`);
      await Promise.all(serials.map((serial) => db.tokens.put(token(serial))));
      const now = Date.now();
      // Verifications of forty tokens at once, every other one with its event; then a replay of each, and of one token ten times over.
      const first = await Promise.all(serials.map((serial, i) => repos.tokens.acceptStep(serial, { step: 100 + i, drift: i % 3 }, now, i % 2 === 0 ? verifyEvent(serial, i) : undefined)));
      expect(first.every(Boolean)).toBe(true);
      expect(sent).toEqual(['accept-steps']);
      const replays = await Promise.all(serials.map((serial, i) => repos.tokens.acceptStep(serial, { step: 100 + i, drift: 0 }, now, verifyEvent(serial, 100 + i))));
      expect(replays.some(Boolean)).toBe(false);
      const racing = await Promise.all(Array.from({ length: 10 }, (_, i) => repos.tokens.acceptStep('S000', { step: 500, drift: 0 }, now, verifyEvent('S000', 200 + i))));
      expect(racing.filter(Boolean)).toHaveLength(1);
      // Two tries of one token's step never share a statement: the race took ten.
      expect(sent.filter((name) => name === 'accept-steps')).toHaveLength(2 + 10);

      const rows = await sql<{ serial: string; last_step: string; drift: number }>(url, 'SELECT serial, last_step, drift FROM tokens ORDER BY serial');
      expect(rows.map((row) => [row.serial, Number(row.last_step), row.drift])).toEqual(serials.map((serial, i) => [serial, i === 0 ? 500 : 100 + i, i === 0 ? 0 : i % 3]));
      const events = await db.audit.list({ tenantId: 't1', limit: 1000 });
      expect(events.map((event) => event.serialHash).sort()).toEqual([...serials.filter((_, i) => i % 2 === 0), 'S000'].map((serial) => `hash-${serial}`).sort());
      const logged = events.find((event) => event.id === verifyEvent('S004', 4).id);
      expect(logged).toEqual(verifyEvent('S004', 4));
    }));

  it('reads the tokens and banks of concurrent verifications in one statement, each caller its own copy', () =>
    withCountingRepositories(async ({ db, repos, sent }) => {
      await db.tenants.put({ id: 't1', name: 'ひまわり銀行', kind: 'personal', serviceId: '10100001', policy: PERSONAL_POLICY });
      await Promise.all(['A1', 'A2', 'A3'].map((serial) => db.tokens.put(token(serial))));
      const asked = ['A2', 'nope', 'A1', 'A2', 'A3'];
      const found = await Promise.all(asked.map((serial) => repos.tokens.withTenant(serial)));
      expect(sent).toEqual(['tokens-with-tenants']);
      expect(found.map((f) => f?.token.serial)).toEqual(['A2', undefined, 'A1', 'A2', 'A3']);
      expect(found.every((f) => f === undefined || (f.tenant.id === 't1' && f.tenant.policy.maxFailures === PERSONAL_POLICY.maxFailures))).toBe(true);
      expect(found[0]).toEqual(found[3]);
      expect(found[0]).not.toBe(found[3]);
      expect(found[0]!.token).not.toBe(found[3]!.token);
    }));

  it('runs a verification statement again when it loses a deadlock against a transaction', () =>
    // The statement's own connections find the deadlock first, so they are the ones that lose it.
    withCountingRepositories(async ({ url, db, repos, sent }) => {
      await Promise.all(['D1', 'D2'].map((serial) => db.tokens.put(token(serial))));
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        let accepted: Promise<boolean[]> | undefined;
        await db.transaction(async (tx) => {
          await tx.tokens.get('D2');
          // The statement locks D1, then waits for D2; this transaction then reaches for D1.
          accepted = Promise.all(['D1', 'D2'].map((serial) => repos.tokens.acceptStep(serial, { step: 7, drift: 0 }, Date.now())));
          for (let waited = 0; ; waited += 10) {
            const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'WITH input AS%'");
            if (rows[0].n === 1) break;
            if (waited > 5_000) throw new Error('the statement never waited for the lock');
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          await tx.tokens.get('D1');
        });
        expect(await accepted).toEqual([true, true]);
        expect(sent).toEqual(['accept-steps', 'accept-steps']);
      } finally {
        await admin.end();
      }
    }, '-c deadlock_timeout=50'));

  it('fails a transaction whose connection is killed, without crashing, and goes on with a new one', async () => {
    const url = await freshPostgresUrl();
    const db = await open(url);
    await db.customers.put(customer('c1'));
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const killed = db.transaction(async (tx) => {
        const c = (await tx.customers.get('c1'))!;
        // The server ends this connection while the work holds it between two statements.
        const { rows } = await admin.query("SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = $1 AND state = 'idle in transaction'", [new URL(url).pathname.slice(1)]);
        expect(rows).toEqual([{ done: true }]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await tx.customers.put({ ...c, loginFailures: 1 });
      });
      await expect(killed).rejects.toThrow();
      expect((await db.customers.get('c1'))?.loginFailures).toBe(0);
      await db.transaction(async (tx) => tx.customers.put(customer('c1', { loginFailures: 2 })));
      expect((await db.customers.get('c1'))?.loginFailures).toBe(2);
    } finally {
      errors.mockRestore();
      await admin.end();
      await db.close();
    }
  });

  it('does not let a gateway frozen in a transaction hold a token away from the others', async () => {
    const url = await freshPostgresUrl();
    const check = testKeyCheck();
    const frozen = await PostgresDatabase.open({ url, poolSize: 2, keyCheck: check, idleInTransactionMs: 500 });
    const other = await open(url, check);
    await other.tokens.put(token('KT0000000001'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      let locked!: () => void;
      const holding = new Promise<void>((resolve) => (locked = resolve));
      const stalled = frozen.transaction(async (tx) => {
        const t = (await tx.tokens.get('KT0000000001'))!;
        locked();
        await new Promise((resolve) => setTimeout(resolve, 4_000));
        await tx.tokens.put({ ...t, drift: 9 });
      });
      const rejected = expect(stalled).rejects.toThrow();
      await holding;
      const started = Date.now();
      expect(await other.tokens.acceptStep('KT0000000001', { step: 1, drift: 0 }, 0)).toBe(true);
      expect(Date.now() - started).toBeLessThan(2_500);
      await rejected;
      expect(await other.tokens.get('KT0000000001')).toMatchObject({ lastStep: 1, drift: 0 });
    } finally {
      errors.mockRestore();
      await frozen.close();
      await other.close();
    }
  });

  it('puts neither a clear token secret nor a clear password into a pg_dump', async () => {
    const url = await freshPostgresUrl();
    const box = new SecretBox(SecretBox.generateKey());
    const db = await open(url, keyCheck(box));
    const secret = generateSecret(PERSONAL_POLICY.algorithm);
    const password = 'Himitsu-Pass-4821';
    const serial = 'KT0000004821';
    const sealedSecret = box.seal(secret, serial);
    await db.customers.put(customer('c1', { passwordHash: await hashPassword(password, TEST_PASSWORD_COST), confirmPasswordHash: await hashPassword('Kakunin-7305', TEST_PASSWORD_COST) }));
    await db.tokens.put({ ...token(serial), sealedSecret, algorithm: PERSONAL_POLICY.algorithm });
    await db.close();
    const { stdout: dump } = await promisify(execFile)('/usr/bin/pg_dump', pgDumpArgs(url), { maxBuffer: 64 * 1024 * 1024 });
    // The dump does hold the records (sealed), so the absence below means something.
    expect(dump).toContain(serial);
    expect(dump).toContain(sealedSecret);
    expect(dump).toContain('scrypt$');
    for (const clear of [secret, secret.toLowerCase(), Buffer.from(secret).toString('base64'), password, 'Kakunin-7305']) expect(dump).not.toContain(clear);
  });
});
