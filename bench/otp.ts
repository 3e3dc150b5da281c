import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withScratchDatabase } from './scratch-database.ts';
import { loadConfig } from '../gateway/config.ts';
import { checkCode } from '../gateway/otp/check.ts';
import { codeAt } from '../gateway/otp/code.ts';
import { createServices } from '../gateway/services.ts';
import { perSecond, report } from './machine.ts';

const DURATION_MS = 2000;
const TOKENS = 64;

/**
 * OTP verifications per second: the pure check (the limit), and the token service with durable
 * replay state on the embedded store and, when `TEST_DATABASE_URL` or `DATABASE_URL` names a
 * server, on PostgreSQL (a fresh database is created and dropped).
 */
export async function benchOtp(): Promise<void> {
  const pure = await benchBackend('embedded', {});
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) {
    console.log('  PostgreSQL: skipped (set TEST_DATABASE_URL=postgres://… to measure it)');
    return;
  }
  await withScratchDatabase(url, async (databaseUrl) => void (await benchBackend('postgres', { DATABASE_URL: databaseUrl }, pure)));
}

async function benchBackend(name: string, env: Record<string, string>, pureRate?: number): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ketai-bench-'));
  let now = Date.UTC(2026, 10, 22);
  try {
    const services = await createServices(loadConfig({ DATA_DIR: dataDir, ...env }), () => now);
    const tenant = (await services.db.tenants.get('himawari'))!;
    const issued = await Promise.all(Array.from({ length: TOKENS }, () => services.tokens.issue(tenant)));
    const [first] = issued;
    const token = first!.token;
    const code = codeAt(first!.secret, token, now);

    const pure = pureRate ?? (await perSecond(DURATION_MS, () => checkCode(token, first!.secret, code, now, tenant.policy)));
    if (pureRate === undefined) report('verify, in process, no state written (checkCode)', pure, 'ops/s');

    // Each round every token gets the next step's code, so every verification is accepted and written.
    const durable = await perSecond(
      DURATION_MS,
      async () => {
        now += tenant.policy.period * 1000;
        const outcomes = await Promise.all(issued.map(({ token, secret }) => services.tokens.verify(token.serial, codeAt(secret, token, now))));
        if (outcomes.some((outcome) => outcome.reason !== 'ok')) throw new Error('a benchmark verification failed');
      },
      TOKENS,
    );
    report(`verify + durable write, ${name} (${TOKENS} concurrent)`, durable, 'ops/s');
    console.log(`  ${`ratio ${name} durable / in process`.padEnd(58)} ${(durable / pure).toFixed(3).padStart(12)}`);
    await services.close();
    return pure;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
