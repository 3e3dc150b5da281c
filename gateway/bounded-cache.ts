/**
 * A map for keys that come from requests (User-Agent strings and the like), so it must not grow with
 * what an attacker sends: it holds the `size` newest entries and those of the generation before that
 * were used since, at most `2 × size`. When the newest generation is full it becomes the older one and
 * the older one is dropped whole: no bookkeeping on a hit, unlike a strict LRU's reordering.
 */
export class BoundedCache<K, V> {
  #young = new Map<K, V>();
  #old = new Map<K, V>();

  constructor(readonly size: number) {}

  get(key: K): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    // Still in use: carried into the newest generation, so it outlives the next turn.
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.#young.size >= this.size) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }

  /** Entries held now (both generations; a key carried up counts twice): at most `2 × size`. */
  get held(): number {
    return this.#young.size + this.#old.size;
  }
}
