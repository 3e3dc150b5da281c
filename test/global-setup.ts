import { execFileSync } from 'node:child_process';

/**
 * Runs once per `vitest run`: builds dist/gateway.js once, so the gateways the tests start do not
 * each find it stale and rebuild, and says, once, when the PostgreSQL tests are skipped.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
  if (!process.env.TEST_DATABASE_URL) {
    console.log('PostgreSQL tests skipped: set TEST_DATABASE_URL=postgres://user@host:5432/db (REQUIRE_POSTGRES=1 makes them mandatory) to run them; see README, "Set up and run"');
  }
}
