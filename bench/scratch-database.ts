import pg from 'pg';

/** Runs `work` on a database of its own on the `serverUrl` server (TEST_DATABASE_URL), dropped afterwards. */
export async function withScratchDatabase(serverUrl: string, work: (url: string) => Promise<void>): Promise<void> {
  const name = `ketai_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
