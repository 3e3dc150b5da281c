import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/** The data file exists but cannot be used. Start-up stops; the file is left as it is. */
export class StoreFileError extends Error {
  override name = 'StoreFileError';
}

/**
 * A lowdb adapter that writes durably: the JSON goes to a temporary file in the same folder,
 * is fsync'd, renamed over the data file, and the folder is fsync'd, so a crash leaves either
 * the old file or the new one, never half of one.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  readonly #tempPath: string;

  constructor(readonly path: string) {
    this.#tempPath = join(dirname(path), `.${basename(path)}.tmp`);
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreFileError(`cannot read data file ${this.path}: ${(error as Error).message}`);
    }
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new StoreFileError(
        `data file ${this.path} is not valid JSON (${(error as Error).message}); ` +
          'it was left untouched: restore it from a backup or move it away to start with fresh demo data',
      );
    }
  }

  async write(data: T): Promise<void> {
    await this.writeText(JSON.stringify(data));
  }

  async writeText(text: string): Promise<void> {
    const file = await open(this.#tempPath, 'w', 0o600);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(this.#tempPath, this.path);
    } catch (error) {
      await rm(this.#tempPath, { force: true });
      throw error;
    }
    await syncFolder(dirname(this.path));
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
