import { lookupKey, type CollectionSpec } from '../collections.ts';

type Row = Record<string, unknown>;

/** One collection in memory: records by key, plus a map per lookup so natural keys need no scan. */
export class MemoryTable {
  readonly rows = new Map<string, Row>();
  readonly #indexes = new Map<string, Map<string, Set<string>>>();

  constructor(readonly spec: CollectionSpec<never>) {
    for (const name of Object.keys(spec.lookups)) this.#indexes.set(name, new Map());
  }

  keyOf(record: Row): string {
    return String(record[this.spec.key]);
  }

  get(key: string): Row | undefined {
    return this.rows.get(key);
  }

  /** Keys of the records whose lookup fields equal `values`. */
  find(lookup: string, values: readonly unknown[]): Set<string> {
    return this.#indexes.get(lookup)?.get(values.map(String).join('\u0000')) ?? new Set();
  }

  /** Whether `record` has `values` in the lookup (for records not in the indexes yet). */
  matches(record: Row, lookup: string, values: readonly unknown[]): boolean {
    return lookupKey(record, this.spec.lookups[lookup]!) === values.map(String).join('\u0000');
  }

  /** Stores `record` (or removes the key when null); returns what was there. */
  set(key: string, record: Row | null): Row | null {
    const before = this.rows.get(key) ?? null;
    if (before) this.#unindex(key, before);
    if (record) {
      this.rows.set(key, record);
      this.#index(key, record);
    } else {
      this.rows.delete(key);
    }
    return before;
  }

  #index(key: string, record: Row): void {
    for (const [name, fields] of Object.entries(this.spec.lookups)) {
      const value = lookupKey(record, fields);
      if (value === undefined) continue;
      const index = this.#indexes.get(name)!;
      let keys = index.get(value);
      if (!keys) index.set(value, (keys = new Set()));
      keys.add(key);
    }
  }

  #unindex(key: string, record: Row): void {
    for (const [name, fields] of Object.entries(this.spec.lookups)) {
      const value = lookupKey(record, fields);
      if (value === undefined) continue;
      const index = this.#indexes.get(name)!;
      const keys = index.get(value);
      keys?.delete(key);
      if (keys?.size === 0) index.delete(value);
    }
  }
}
