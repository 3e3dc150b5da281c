import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { StoreOpenError } from '../gateway/store/database.ts';
import { EmbeddedDatabase } from '../gateway/store/embedded/index.ts';
import type { AuditEvent, Tenant } from '../gateway/store/schema.ts';
import { PERSONAL_POLICY } from '../gateway/otp/policy.ts';
import { testKeyCheck } from './helpers/backends.ts';
import { tempDir } from './helpers/temp-dir.ts';

const check = testKeyCheck();
const tenant = (id: string, name = 'テスト'): Tenant => ({ id, name, kind: 'personal', serviceId: id.padStart(8, '0'), policy: PERSONAL_POLICY });
/** A store on `dataDir`; the tests leave it open as a crash would, and it is closed once the test is over (its file handles too). */
async function open(dataDir: string, compactBytes?: number): Promise<EmbeddedDatabase> {
  const db = await EmbeddedDatabase.open({ dataDir, keyCheck: check, ...(compactBytes ? { compactBytes } : {}) });
  onTestFinished(() => db.close().catch(() => undefined));
  return db;
}

describe('embedded store on disk', () => {
  it('has a change in its journal when the write resolves, and reads it back after a crash (no close)', async () => {
    const dir = await tempDir();
    const db = await open(dir);
    await Promise.all(Array.from({ length: 50 }, (_, i) => db.tenants.put(tenant(`t${i}`))));
    const journal = await readFile(join(dir, 'ketai.journal.1'), 'utf8');
    expect(journal.trim().split('\n')).toHaveLength(50);
    const after = await open(dir);
    expect(await after.tenants.list()).toHaveLength(50);
  });

  it('cuts off a torn last line (a write cut short by a crash) and keeps what came before', async () => {
    const dir = await tempDir();
    const db = await open(dir);
    await db.tenants.put(tenant('kept'));
    await appendFile(join(dir, 'ketai.journal.1'), '[["tenants","torn",{"id":"to');
    const after = await open(dir);
    expect((await after.tenants.list()).map((t) => t.id)).toEqual(['kept']);
    await after.tenants.put(tenant('next'));
    expect((await (await open(dir)).tenants.list()).map((t) => t.id).sort()).toEqual(['kept', 'next']);
  });

  it('refuses a journal damaged in the middle, with a clear message, and leaves it untouched', async () => {
    const dir = await tempDir();
    const db = await open(dir);
    await db.tenants.put(tenant('a'));
    const path = join(dir, 'ketai.journal.1');
    const damaged = `${await readFile(path, 'utf8')}not json\n${JSON.stringify([['tenants', 'b', tenant('b')]])}\n`;
    await writeFile(path, damaged);
    await expect(open(dir)).rejects.toThrow(StoreOpenError);
    await expect(open(dir)).rejects.toThrow(/journal .* is damaged .* left untouched/);
    expect(await readFile(path, 'utf8')).toBe(damaged);
  });

  it('refuses a snapshot that is not JSON and leaves it untouched', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'ketai.json'), '{"version":2,"tables":{');
    await expect(open(dir)).rejects.toThrow(/not valid JSON.*left untouched/);
    expect(await readFile(join(dir, 'ketai.json'), 'utf8')).toBe('{"version":2,"tables":{');
  });

  it('writes a new snapshot when the journal grows, drops the old segments, and loses nothing', async () => {
    const dir = await tempDir();
    const db = await open(dir, 4096);
    for (let round = 0; round < 5; round++) await Promise.all(Array.from({ length: 40 }, (_, i) => db.tenants.put(tenant(`t${round}-${i}`, 'x'.repeat(50)))));
    await db.tenants.delete('t0-0');
    await db.flush();
    const files = await readdir(dir);
    const segments = files.filter((name) => name.startsWith('ketai.journal.'));
    expect(segments).toHaveLength(1);
    expect(Number(segments[0]!.split('.').at(-1))).toBeGreaterThan(1);
    const after = await open(dir);
    const ids = (await after.tenants.list()).map((t) => t.id);
    expect(ids).toHaveLength(199);
    expect(ids).not.toContain('t0-0');
  });

  it('reads a version-1 data file (one JSON document) as its tables', async () => {
    const dir = await tempDir();
    const v1 = { version: 1, keyCheck: check.create(), tenants: { a: tenant('a') }, customers: {}, tokens: {}, issuances: {}, accounts: {}, transfers: {} };
    await writeFile(join(dir, 'ketai.json'), JSON.stringify(v1));
    const db = await open(dir);
    expect(await db.tenants.get('a')).toEqual(tenant('a'));
  });

  it('keeps audit events in their own JSON-lines file, outside the data file', async () => {
    const dir = await tempDir();
    const db = await open(dir);
    const event: AuditEvent = { id: '1764547200000-aaaa', at: '2025-12-01T00:00:00.000Z', tenantId: 't', actor: 'system', action: 'login', result: 'ok' };
    await db.audit.append(event);
    await db.close();
    expect(JSON.parse((await readFile(join(dir, 'audit.jsonl'), 'utf8')).trim())).toEqual(event);
    expect(await readFile(join(dir, 'ketai.json'), 'utf8')).not.toContain('1764547200000-aaaa');
  });
});
