import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServices, type Services } from '../../gateway/services.ts';
import { testConfig } from './config.ts';
import { copyDemoData } from './demo-data.ts';
import { tempDir } from './temp-dir.ts';

/** A clock a test can move. */
export interface TestClock {
  now: () => number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function testClock(start: number): TestClock {
  let current = start;
  return { now: () => current, set: (ms) => (current = ms), advance: (ms) => (current += ms) };
}

/** Real services over a fresh DATA_DIR (demo data, dev outbox), on a test clock. */
export async function testServices(start = Date.UTC(2026, 10, 22, 3, 0, 0), env: Record<string, string> = {}): Promise<{ services: Services; clock: TestClock; dataDir: string }> {
  const dataDir = await tempDir();
  const config = testConfig({ DATA_DIR: dataDir, ...env });
  // The embedded store starts from the demo data seeded once per run; PostgreSQL and production seed (or not) themselves.
  if (config.demo && !config.databaseUrl) await copyDemoData(dataDir);
  const clock = testClock(start);
  const services = await createServices(config, clock.now);
  return { services, clock, dataDir };
}

/** The download link of the newest mail to `address`. */
export async function mailedLink(services: Services, address: string): Promise<string> {
  const mails = await services.outbox.mailbox(address);
  const body = mails.at(-1)?.body ?? '';
  const link = /https?:\/\/\S+\/m\/dl\/[A-Za-z0-9_-]{32}/.exec(body)?.[0];
  if (!link) throw new Error(`no download link mailed to ${address}`);
  return link;
}

/** Everything the gateway wrote to its DATA_DIR, as one text (for "nothing in clear" checks). */
export async function dataFiles(services: Services): Promise<string> {
  await services.db.flush();
  const dir = services.config.dataDir;
  return (await Promise.all((await readdir(dir)).map((file) => readFile(join(dir, file), 'utf8')))).join('\n');
}

/** The ticket of the newest download mail to `address`: the binding the token app sends at 初期設定. */
export async function ticketOf(services: Services, address: string): Promise<string> {
  return (await mailedLink(services, address)).split('/').at(-1)!;
}
