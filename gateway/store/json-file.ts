import { open, readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { StoreOpenError } from './database.ts';

/**
 * The lowdb adapter the embedded store reads its snapshot through. It only reads: snapshots are
 * written in chunks by `writeSnapshot` (embedded/snapshot.ts), never as one string through lowdb.
 * A file that cannot be read or parsed stops start-up and is left as it is.
 */
export class JsonFileReader<T> implements Adapter<T> {
  constructor(readonly path: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreOpenError(`cannot read data file ${this.path}: ${(error as Error).message}`);
    }
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new StoreOpenError(
        `data file ${this.path} is not valid JSON (${(error as Error).message}); ` +
          'it was left untouched: restore it from a backup or move it away to start with fresh demo data',
      );
    }
  }

  async write(): Promise<void> {
    throw new Error('snapshots are written by writeSnapshot, in chunks');
  }
}

export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
