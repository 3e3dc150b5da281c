import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreFileError } from '../gateway/store/json-file.ts';
import { Store, StoreWriteError } from '../gateway/store/store.ts';
import { tempDir } from './helpers/temp-dir.ts';

interface Counter {
  count: number;
  items: string[];
}
const empty = (): Counter => ({ count: 0, items: [] });
const onDisk = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as Counter;

describe('Store', () => {
  it('creates the file on first open and has the change on disk when update resolves', async () => {
    const path = join(await tempDir(), 'nested', 'data.json');
    const store = await Store.open(path, empty);
    expect(await onDisk(path)).toEqual({ count: 0, items: [] });
    await store.update((data) => {
      data.count = 1;
    });
    expect((await onDisk(path)).count).toBe(1);
  });

  it('loses no update when many run at once', async () => {
    const path = join(await tempDir(), 'data.json');
    const store = await Store.open(path, empty);
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store.update((data) => {
          const seen = data.count;
          data.count = seen + 1;
          data.items.push(`item-${i}`);
        }),
      ),
    );
    const saved = await onDisk(path);
    expect(saved.count).toBe(200);
    expect(new Set(saved.items).size).toBe(200);
  });

  it('returns the change function result', async () => {
    const store = await Store.open(join(await tempDir(), 'data.json'), empty);
    expect(await store.update((data) => (data.count += 5))).toBe(5);
  });

  it('keeps data across a reopen', async () => {
    const path = join(await tempDir(), 'data.json');
    const first = await Store.open(path, empty);
    await first.update((data) => void data.items.push('kept'));
    const second = await Store.open(path, () => ({ count: 99, items: [] }));
    expect(second.data.items).toEqual(['kept']);
  });

  it('refuses a corrupt file with a clear message and leaves it untouched', async () => {
    const path = join(await tempDir(), 'data.json');
    await writeFile(path, '{"count": 1, "items": [');
    await expect(Store.open(path, empty)).rejects.toThrow(StoreFileError);
    await expect(Store.open(path, empty)).rejects.toThrow(/not valid JSON.*left untouched/);
    expect(await readFile(path, 'utf8')).toBe('{"count": 1, "items": [');
  });

  it('refuses a file the check rejects', async () => {
    const path = join(await tempDir(), 'data.json');
    await writeFile(path, '{"count": "x"}');
    const check = (data: Counter) => {
      if (typeof data.count !== 'number') throw new Error('count is not a number');
    };
    await expect(Store.open(path, empty, check)).rejects.toThrow(/cannot be used: count is not a number/);
  });

  it('rolls a change back and rejects it when the disk refuses the write', async () => {
    const dir = await tempDir();
    const path = join(dir, 'data.json');
    const store = await Store.open(path, empty);
    await store.update((data) => void (data.count = 1));
    // A folder where the temporary file must go makes the next write fail.
    await mkdir(join(dir, '.data.json.tmp'));
    await expect(store.update((data) => void (data.count = 2))).rejects.toThrow(StoreWriteError);
    expect(store.data.count).toBe(1);
    expect((await onDisk(path)).count).toBe(1);
  });
});
