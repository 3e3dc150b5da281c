import { cp } from 'node:fs/promises';
import { inject } from 'vitest';
import { tempDir } from './temp-dir.ts';

/**
 * Fills the empty DATA_DIR `dir` with the demo banks, customers and accounts as a gateway's first
 * start leaves them: a copy of what test/global-setup.ts seeded once (one secret.key; password hashes
 * at the tests' scrypt cost, helpers/config.ts, so that their logins are cheap too, in child gateways
 * as well). Tests of the seeding itself start from an empty `tempDir()` instead.
 */
export async function copyDemoData(dir: string): Promise<void> {
  await cp(inject('demoDataDir'), dir, { recursive: true });
}

/** A fresh DATA_DIR with the demo data in it (see `copyDemoData`). */
export async function demoDataDir(): Promise<string> {
  const dir = await tempDir();
  await copyDemoData(dir);
  return dir;
}
