import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { JsonFileReader, syncFolder } from '../json-file.ts';

/** The embedded store's snapshot file: every table, plus the first journal segment to replay over it. */
export interface Snapshot {
  version: number;
  keyCheck: string;
  /** Journal segments numbered from this one hold changes the snapshot may lack. */
  replayFrom: number;
  tables: Record<string, Record<string, unknown>>;
}

/** Reads the snapshot through lowdb; null when there is none yet. */
export async function readSnapshot(path: string): Promise<Snapshot | null> {
  const db = new Low<Snapshot>(new JsonFileReader<Snapshot>(path), null as unknown as Snapshot);
  await db.read();
  return db.data ?? null;
}

const CHUNK = 2_000;

/**
 * Writes a snapshot without stalling the event loop: records are serialised in chunks with a
 * yield between them, into a temporary file that is fsync'd and renamed over the old one.
 * Tables may change while it runs; the journal segments from `replayFrom` on repair that.
 */
export async function writeSnapshot(path: string, head: Omit<Snapshot, 'tables'>, tables: Map<string, Map<string, unknown>>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.tmp`);
  const file = await open(temp, 'w', 0o600);
  try {
    let buffer = `{"version":${head.version},"keyCheck":${JSON.stringify(head.keyCheck)},"replayFrom":${head.replayFrom},"tables":{`;
    let firstTable = true;
    for (const [name, rows] of tables) {
      buffer += `${firstTable ? '' : ','}${JSON.stringify(name)}:{`;
      firstTable = false;
      let count = 0;
      for (const [key, row] of rows) {
        buffer += `${count === 0 ? '' : ','}${JSON.stringify(key)}:${JSON.stringify(row)}`;
        if (++count % CHUNK === 0) {
          await file.write(buffer);
          buffer = '';
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      buffer += '}';
    }
    await file.write(buffer + '}}');
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dirname(path));
}
