/** Runs once per `vitest run`: says, once, when the PostgreSQL tests are skipped and how to run them. */
export default function setup(): void {
  if (!process.env.TEST_DATABASE_URL) {
    console.log('PostgreSQL tests skipped: set TEST_DATABASE_URL=postgres://user@host:5432/db (REQUIRE_POSTGRES=1 makes them mandatory) to run them; see README, "Set up and run"');
  }
}
