import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createServices } from '../gateway/services.ts';
import { testConfig } from './helpers/config.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A DATA_DIR the demo data was seeded into once for the whole run (test/helpers/demo-data.ts copies it). */
    demoDataDir: string;
  }
}

/**
 * Runs once per `vitest run`: builds dist/gateway.js once, so the gateways the tests start do not
 * each find it stale and rebuild; seeds the demo data once (with the tests' scrypt cost,
 * helpers/config.ts), which tests copy rather than seed again; and says, once, when the PostgreSQL
 * tests are skipped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  execFileSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
  if (!process.env.TEST_DATABASE_URL) {
    console.log('PostgreSQL tests skipped: set TEST_DATABASE_URL=postgres://user@host:5432/db (REQUIRE_POSTGRES=1 makes them mandatory) to run them; see README, "Set up and run"');
  }
  const demo = await mkdtemp(join(tmpdir(), 'ketai-demo-data-'));
  const services = await createServices(testConfig({ DATA_DIR: demo }));
  await services.close();
  project.provide('demoDataDir', demo);
  return () => rm(demo, { recursive: true, force: true });
}
