import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { DurableJsonFile, StoreFileError } from './json-file.ts';

/** A write to disk failed: the change it carried was rolled back and not acknowledged. */
export class StoreWriteError extends Error {
  override name = 'StoreWriteError';
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The whole data set in memory, on disk as one JSON file (lowdb).
 *
 * `update` runs its change synchronously, so read-modify-write sequences never interleave, and
 * resolves only once that change is on disk. Changes made while a write is running are
 * written together by the next one (group commit), so durable throughput does not fall to one
 * fsync per change. A change function must validate before it mutates: if it throws, nothing
 * is written, but any mutation it already made stays in memory.
 */
export class Store<T> {
  readonly #db: Low<T>;
  readonly #file: DurableJsonFile<T>;
  #waiting: Waiter[] = [];
  #writing: Promise<void> | null = null;

  private constructor(db: Low<T>, file: DurableJsonFile<T>) {
    this.#db = db;
    this.#file = file;
  }

  /** Opens the data file, creating it from `initial()` when it does not exist yet. */
  static async open<T>(path: string, initial: () => T | Promise<T>, check?: (data: T) => void): Promise<Store<T>> {
    await mkdir(dirname(path), { recursive: true });
    const file = new DurableJsonFile<T>(path);
    const stored = await file.read();
    const db = new Low<T>(file, stored ?? (await initial()));
    if (stored === null) {
      await file.write(db.data);
    } else if (check) {
      try {
        check(db.data);
      } catch (error) {
        throw new StoreFileError(`data file ${path} cannot be used: ${(error as Error).message}`);
      }
    }
    return new Store(db, file);
  }

  /** The live data. Read it freely; change it only inside `update`. */
  get data(): T {
    return this.#db.data;
  }

  update<R>(change: (data: T) => R): Promise<R> {
    const result = change(this.#db.data);
    return new Promise<R>((resolve, reject) => {
      this.#waiting.push({ resolve: () => resolve(result), reject });
      this.#writing ??= this.#writeAll();
    });
  }

  /** Resolves when every change made so far is on disk. */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing.catch(() => undefined);
  }

  async #writeAll(): Promise<void> {
    while (this.#waiting.length > 0) {
      const batch = this.#waiting;
      this.#waiting = [];
      try {
        await this.#file.writeText(JSON.stringify(this.#db.data));
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        await this.#reloadFromDisk();
        // Everything not yet on disk was lost with the reload, including changes made meanwhile.
        const failed = batch.concat(this.#waiting);
        this.#waiting = [];
        const cause = error as Error;
        const refusal = new StoreWriteError(`could not save the change: ${cause.message}`, { cause });
        for (const waiter of failed) waiter.reject(refusal);
      }
    }
    this.#writing = null;
  }

  /** Memory holds changes the disk refused: go back to what the disk has. */
  async #reloadFromDisk(): Promise<void> {
    try {
      await this.#db.read();
    } catch {
      // Unreadable as well: keep memory; the next successful write repairs the file.
    }
  }
}
