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

/** Databases go one at a time: a DROP takes a second or more on a busy machine. */
async function dropDatabases(names: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * A new, empty database on the test server, dropped as soon as the test that made it ends (one
 * made in a hook: when the test file ends). `icuLocale` gives it that default collation (e.g.
 * 'en-US', as many servers have) instead of the server's.
 */
export async function freshPostgresUrl(icuLocale?: 'en-US'): Promise<string> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  const name = `ketai_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}${icuLocale ? ` LOCALE_PROVIDER icu ICU_LOCALE '${icuLocale}' LOCALE 'C.UTF-8' TEMPLATE template0` : ''}`);
  } finally {
    await admin.end();
  }
  try {
    onTestFinished(() => dropDatabases([name]), 60_000);
  } catch {
    created.push(name); // made in a hook, where onTestFinished is refused
  }
  const url = new URL(POSTGRES_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the databases made in hooks, where `onTestFinished` was refused (test/setup.ts, after each file). */
export async function dropHookDatabases(): Promise<void> {
  if (created.length > 0) await dropDatabases(created.splice(0));
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
