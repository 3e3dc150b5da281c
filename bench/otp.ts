import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../gateway/config.ts';
import { checkCode } from '../gateway/otp/check.ts';
import { codeAt } from '../gateway/otp/code.ts';
import { createServices } from '../gateway/services.ts';
import { perSecond, report } from './machine.ts';

const DURATION_MS = 2000;
const TOKENS = 64;

/** OTP verifications per second: the pure check, and the service with durable state. */
export async function benchOtp(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ketai-bench-'));
  let now = Date.UTC(2026, 10, 22);
  try {
    const services = await createServices(loadConfig({ DATA_DIR: dataDir }), () => now);
    const tenant = services.store.data.tenants.himawari!;
    const issued = await Promise.all(Array.from({ length: TOKENS }, () => services.tokens.issue(tenant)));
    const [first] = issued;
    const token = first!.token;
    const code = codeAt(first!.secret, token, now);

    const pure = await perSecond(DURATION_MS, () => checkCode(token, first!.secret, code, now, tenant.policy));
    report('verify, in process, no state written (checkCode)', pure, 'ops/s');

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
    report(`verify + durable write (${TOKENS} concurrent, group commit + fsync)`, durable, 'ops/s');
    console.log(`  ${'ratio durable / in process'.padEnd(58)} ${(durable / pure).toFixed(3).padStart(12)}`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
