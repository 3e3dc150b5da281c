import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { onTestFinished } from 'vitest';
import type { Database } from '../../gateway/store/database.ts';
import { keyCheck, type KeyCheck } from '../../gateway/store/key-check.ts';
import { openStore } from '../../gateway/store/open.ts';
import { SecretBox } from '../../gateway/security/secret-box.ts';
import { tempDir } from './temp-dir.ts';

/**
 * The backends the contract tests run on. PostgreSQL needs `TEST_DATABASE_URL` (a server where
 * the tests may create and drop databases); without it its tests are skipped, unless
 * `REQUIRE_POSTGRES=1` (CI), where a missing or unreachable server fails them.
 */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL;
export const REQUIRE_POSTGRES = process.env.REQUIRE_POSTGRES === '1';
if (REQUIRE_POSTGRES && !POSTGRES_URL) throw new Error('REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set');
export const SKIP_POSTGRES = !POSTGRES_URL;

export function testKeyCheck(key = SecretBox.generateKey()): KeyCheck {
  return keyCheck(new SecretBox(key));
}

const created: string[] = [];

/**
 * Drops what tests made, one at a time (a DROP DATABASE takes a second or more on a busy machine):
 * a schema (`kt_test_…`, in the server's own database) or a database (`ketai_test_…`).
 */
async function dropScratch(names: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    for (const name of names) await admin.query(name.startsWith('kt_test_') ? `DROP SCHEMA IF EXISTS ${name} CASCADE` : `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

function dropWhenDone(name: string): void {
  try {
    onTestFinished(() => dropScratch([name]), 60_000);
  } catch {
    created.push(name); // made in a hook, where onTestFinished is refused
  }
}

/**
 * A new, empty store on the test server, dropped as soon as the test that made it ends (one made in
 * a hook: when the test file ends). It is a schema of its own in the server's database, reached by
 * the URL's `options=-c search_path=…` (a new database costs the server about 0.3 s to create, and a
 * run makes some fifty). `ownDatabase` makes it a database instead; `icuLocale` one with that default
 * collation (e.g. 'en-US', as many servers have) instead of the server's.
 */
export async function freshPostgresUrl(options: { ownDatabase?: boolean; icuLocale?: 'en-US' } = {}): Promise<string> {
  const database = options.ownDatabase === true || options.icuLocale !== undefined;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  const suffix = `${Date.now()}_${randomBytes(4).toString('hex')}`;
  const name = database ? `ketai_test_${suffix}` : `kt_test_${suffix}`;
  const locale = options.icuLocale ? ` LOCALE_PROVIDER icu ICU_LOCALE '${options.icuLocale}' LOCALE 'C.UTF-8' TEMPLATE template0` : '';
  try {
    await admin.query(database ? `CREATE DATABASE ${name}${locale}` : `CREATE SCHEMA ${name}`);
  } finally {
    await admin.end();
  }
  dropWhenDone(name);
  const url = new URL(POSTGRES_URL!);
  if (database) url.pathname = `/${name}`;
  // Spelled out: URLSearchParams would write the spaces as "+", which libpq (pg_dump) does not read as spaces.
  else url.search = `${url.search ? `${url.search}&` : '?'}options=${encodeURIComponent(`-c search_path=${name}`)}`;
  return url.toString();
}

/** `pg_dump` arguments for the store at `url`: its own schema only, not every test's beside it. */
export function pgDumpArgs(url: string): string[] {
  const schema = /search_path=(\w+)/.exec(new URL(url).searchParams.get('options') ?? '')?.[1];
  return ['--dbname', url, ...(schema ? ['--schema', schema] : [])];
}

/** Drops the stores made in hooks, where `onTestFinished` was refused (test/setup.ts, after each file). */
export async function dropHookDatabases(): Promise<void> {
  if (created.length > 0) await dropScratch(created.splice(0));
}

export interface Backend {
  name: 'embedded' | 'postgres';
  skip: boolean;
  /** A fresh, empty store, and a way to open the same data again (a restart, or a second gateway). */
  fresh(check?: KeyCheck): Promise<{ db: Database; again: (check?: KeyCheck) => Promise<Database> }>;
}

export const BACKENDS: Backend[] = [
  {
    name: 'embedded',
    skip: false,
    async fresh(check = testKeyCheck()) {
      const dataDir = await tempDir();
      return { db: await openStore({ dataDir, keyCheck: check }), again: (other = check) => openStore({ dataDir, keyCheck: other }) };
    },
  },
  {
    name: 'postgres',
    skip: SKIP_POSTGRES,
    async fresh(check = testKeyCheck()) {
      const databaseUrl = await freshPostgresUrl();
      const open = (other = check) => openStore({ dataDir: '/nonexistent', databaseUrl, poolSize: 8, keyCheck: other });
      return { db: await open(), again: open };
    },
  },
];
