import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PERSONAL_POLICY } from '../gateway/otp/policy.ts';
import { SecretBox } from '../gateway/security/secret-box.ts';
import type { Database } from '../gateway/store/database.ts';
import { keyCheck } from '../gateway/store/key-check.ts';
import { openStore } from '../gateway/store/open.ts';
import type { Customer, Token } from '../gateway/store/schema.ts';

const SIZES = [1_000, 10_000, 100_000];
const COMMITS = 200;
const check = keyCheck(new SecretBox(SecretBox.generateKey()));

function customer(i: number): Customer {
  return {
    id: `c-${i}`, tenantId: 'himawari', loginId: `user${i}`, name: '見本 太郎', role: 'personal', otpStatus: 'active', loginFailures: 0, confirmFailures: 0,
    passwordHash: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA', tokenSerial: `KT${String(i).padStart(10, '0')}`,
  };
}

function token(i: number): Token {
  return {
    serial: `KT${String(i).padStart(10, '0')}`, tenantId: 'himawari', customerId: `c-${i}`, sealedSecret: `v1.${'a'.repeat(16)}.${'b'.repeat(22)}.${'c'.repeat(43)}`,
    algorithm: 'SHA1', digits: 8, period: 60, status: 'active', issuedAt: '2026-11-01T00:00:00.000Z', expiresAt: '2031-11-01T00:00:00.000Z', lastStep: null, drift: 0, failures: 0, lockedUntil: null,
  };
}

/** Fills a store with `size` customers and as many tokens, 1,000 records a transaction. */
async function fill(db: Database, size: number): Promise<void> {
  for (let start = 0; start < size; start += 1_000) {
    await db.transaction(async (tx) => {
      for (let i = start; i < Math.min(size, start + 1_000); i++) {
        await tx.customers.put(customer(i));
        await tx.tokens.put(token(i));
      }
    });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => value.toFixed(2);

/**
 * The embedded store's cost of one change as the data grows (issue: it must not grow), its
 * start-up time (snapshot read + journal replay), and the longest event-loop stall seen meanwhile.
 */
export async function benchStore(): Promise<void> {
  const commits: string[] = [];
  const starts: string[] = [];
  const stalls: string[] = [];
  for (const size of SIZES) {
    const dataDir = await mkdtemp(join(tmpdir(), 'ketai-bench-store-'));
    try {
      const db = await openStore({ dataDir, keyCheck: check });
      await fill(db, size);
      await db.flush();
      let stall = 0;
      let last = performance.now();
      const watch = setInterval(() => {
        const now = performance.now();
        stall = Math.max(stall, now - last - 1);
        last = now;
      }, 1);
      const latencies: number[] = [];
      for (let i = 0; i < COMMITS; i++) {
        const started = performance.now();
        await db.tokens.acceptStep(`KT${String(i % size).padStart(10, '0')}`, { step: 1_000 + i, drift: 0 }, 0);
        latencies.push(performance.now() - started);
      }
      clearInterval(watch);
      await db.close();
      const opened = performance.now();
      const again = await openStore({ dataDir, keyCheck: check });
      const startMs = performance.now() - opened;
      await again.close();
      const label = `${size / 1000}k`;
      commits.push(`${label}=${ms(median(latencies))}`);
      starts.push(`${label}=${ms(startMs)}`);
      stalls.push(`${label}=${ms(stall)}`);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  console.log(`store embedded: commit p50 ${commits.join(' ')}`);
  console.log(`store embedded: start (snapshot + journal) ${starts.join(' ')}`);
  console.log(`store embedded: longest event-loop stall during commits ${stalls.join(' ')}`);
}
