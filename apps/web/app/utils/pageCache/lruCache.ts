/**
 * A bounded least-recently-used map: at most `maxEntries` entries and `maxBytes` in total
 * (each entry's size is given when it is stored). Storing past either bound evicts the
 * least recently used entries first; an entry larger than `maxBytes` is not stored at all.
 */
export class LruCache<V> {
  readonly #entries = new Map<string, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(readonly limits: { maxEntries: number; maxBytes: number }) {}

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): V | undefined {
    const hit = this.#entries.get(key);
    if (!hit) return undefined;
    // Map keeps insertion order: re-inserting makes this the most recently used.
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V, bytes: number): boolean {
    this.delete(key);
    if (bytes > this.limits.maxBytes || this.limits.maxEntries < 1) return false;
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [oldestKey] of this.#entries) {
      if (this.#entries.size <= this.limits.maxEntries && this.#bytes <= this.limits.maxBytes) break;
      this.delete(oldestKey);
    }
    return true;
  }

  delete(key: string): void {
    const existing = this.#entries.get(key);
    if (!existing) return;
    this.#entries.delete(key);
    this.#bytes -= existing.bytes;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }
}
