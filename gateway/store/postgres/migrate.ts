import { readdir, readFile } from 'node:fs/promises';
import type pg from 'pg';
import { StoreOpenError } from '../database.ts';
import type { KeyCheck } from '../key-check.ts';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;
/** Every gateway starting on the database takes this lock: one migrates, the others wait and find it done. */
const LOCK = "hashtext('ketai-token schema')";

export interface Migration {
  version: number;
  file: string;
  sql: string;
}

/** The numbered SQL files shipped with this code, in order; gaps or doubles are a packaging mistake. */
export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((name) => FILE.test(name)).sort();
  const migrations: Migration[] = [];
  for (const [i, file] of files.entries()) {
    const version = Number(FILE.exec(file)![1]);
    if (version !== i + 1) throw new StoreOpenError(`migration ${file}: expected version ${i + 1} (migrations are numbered 001, 002, … without gaps)`);
    migrations.push({ version, file, sql: await readFile(new URL(file, dir), 'utf8') });
  }
  return migrations;
}

/**
 * Brings the schema up to date and checks the secret key, under an advisory lock so that gateways
 * starting together do this one at a time. Each migration runs in its own transaction together
 * with its row in `schema_migrations`: a failed one leaves the database as it was before it.
 */
export async function prepare(client: pg.ClientBase, migrations: readonly Migration[], keyCheck: KeyCheck, where: string): Promise<void> {
  await client.query(`SELECT pg_advisory_lock(${LOCK})`);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, file text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM schema_migrations');
    const current = rows[0]!.version;
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new StoreOpenError(`PostgreSQL database ${where} has schema version ${current}, newer than this gateway knows (${latest}): it was migrated by a newer gateway; run that version (or newer)`);
    }
    for (const migration of migrations) if (migration.version > current) await apply(client, migration, where);
    await checkKey(client, keyCheck, where);
  } finally {
    await client.query(`SELECT pg_advisory_unlock(${LOCK})`).catch(() => undefined);
  }
}

async function apply(client: pg.ClientBase, migration: Migration, where: string): Promise<void> {
  try {
    await client.query('BEGIN');
    await client.query(migration.sql);
    await client.query('INSERT INTO schema_migrations (version, file) VALUES ($1, $2)', [migration.version, migration.file]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new StoreOpenError(`migration ${migration.file} failed on PostgreSQL database ${where}: ${(error as Error).message}; nothing of it was applied`, { cause: error });
  }
}

/** The first start stores a value sealed with the key; every later start must be able to open it. */
async function checkKey(client: pg.ClientBase, keyCheck: KeyCheck, where: string): Promise<void> {
  const { rows } = await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'key_check'");
  const stored = rows[0]?.value;
  if (stored === undefined) {
    await client.query("INSERT INTO meta (key, value) VALUES ('key_check', $1)", [keyCheck.create()]);
  } else if (!keyCheck.matches(stored)) {
    throw new StoreOpenError(`PostgreSQL database ${where} was written with another secret key (check KETAI_SECRET_KEY: every gateway on one database needs the same key)`);
  }
}
