import { open, type FileHandle } from 'node:fs/promises';

interface Pending {
  text: string;
  bytes: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * An append-only file whose `append` resolves once the text is fsync'd. Appends made while a
 * write runs, or in the same tick, share the next write (group commit): one fsync serves a burst.
 */
export class AppendFile {
  #pending: Pending[] = [];
  #writing: Promise<void> | null = null;
  #size: number;
  /** Bytes appended but not yet written: `size` is asked on every commit, so it is kept, not summed. */
  #pendingBytes = 0;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    size: number,
    private readonly onFailure: (error: Error) => void,
  ) {
    this.#size = size;
  }

  /** Opens (creating) the file for appending; `size` is where valid content ends (a torn tail is cut off). */
  static async open(path: string, size: number, onFailure: (error: Error) => void = () => {}): Promise<AppendFile> {
    const handle = await open(path, 'a+', 0o600);
    const { size: actual } = await handle.stat();
    if (actual > size) {
      await handle.truncate(size);
      await handle.sync();
    }
    return new AppendFile(path, handle, size, onFailure);
  }

  get size(): number {
    return this.#size + this.#pendingBytes;
  }

  append(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const bytes = Buffer.byteLength(text);
      this.#pendingBytes += bytes;
      this.#pending.push({ text, bytes, resolve, reject });
      this.#writing ??= new Promise<void>((started) => setImmediate(started)).then(() => this.#writeAll());
    });
  }

  /** Resolves when everything appended so far is on disk (or has failed). */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
  }

  async #writeAll(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      const bytes = Buffer.from(batch.map((item) => item.text).join(''));
      try {
        await this.handle.write(bytes, 0, bytes.length, null);
        await this.handle.datasync();
        this.#size += bytes.length;
        this.#pendingBytes -= bytes.length;
        for (const item of batch) item.resolve();
      } catch (error) {
        // Whatever reached the file is not acknowledged: cut it off so the file ends on a whole line.
        await this.handle.truncate(this.#size).catch(() => undefined);
        const failed = batch.concat(this.#pending);
        this.#pending = [];
        this.#pendingBytes = 0;
        this.onFailure(error as Error);
        for (const item of failed) item.reject(error as Error);
      }
    }
    this.#writing = null;
  }
}
