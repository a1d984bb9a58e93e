/**
 * The duplicate-key check of an import: the first line of every natural key seen in the
 * file. A quarter of interactions has ≈ 550k composite keys (date, agent_code, channel);
 * holding each as a joined string in a Map cost ≈ 1 µs a row (building, flattening and
 * hashing the string, then keeping 550k strings alive through every GC). Here a composite
 * key's parts are first replaced by small numbers (each distinct date, agent code and
 * channel is numbered once), the numbers are packed into one integer, and the integers go
 * into an open-addressing hash table on typed arrays (no object per key for the GC to
 * trace, no Map rehashing). A single-part key (evaluation_id, response_id…) stays a string
 * in a Map.
 */
export class KeyIndex {
  private readonly byString = new Map<string, number>();
  private readonly byNumber = new PackedKeyTable();
  private partIds: Map<string, number>[] = [];

  /**
   * Returns the line where `key` (one string, or the parts of a composite key) was first
   * seen, or undefined — and remembers `line` — when this is the first time. Parts are
   * compared exactly, as strings.
   */
  firstLine(key: string | readonly string[], line: number): number | undefined {
    if (typeof key === "string") return remember(this.byString, key, line);
    const parts = key;
    const packed = this.pack(parts);
    if (packed === undefined) return remember(this.byString, `\u0000${parts.join("\u0000")}`, line);
    return this.byNumber.firstLine(packed, line);
  }

  /**
   * Packs up to three parts, each numbered below 2^17, into one integer below 2^51
   * (exact in a double); otherwise undefined and the caller falls back to a joined string.
   * A part keeps its number for the whole file, so a given key always takes the same route.
   */
  private pack(parts: readonly string[]): number | undefined {
    if (parts.length > 3) return undefined;
    let packed = 0;
    for (let i = 0; i < parts.length; i++) {
      let ids = this.partIds[i];
      if (!ids) this.partIds[i] = ids = new Map();
      const part = parts[i]!;
      let id = ids.get(part);
      if (id === undefined) {
        id = ids.size;
        ids.set(part, id);
      }
      if (id >= PART_LIMIT) return undefined;
      packed = packed * PART_LIMIT + id;
    }
    return packed;
  }
}

const PART_LIMIT = 2 ** 17;

function remember<K>(map: Map<K, number>, key: K, line: number): number | undefined {
  const first = map.get(key);
  if (first !== undefined) return first;
  map.set(key, line);
  return undefined;
}

/** Integer keys below 2^51 → first line; linear probing, kept at most half full. */
class PackedKeyTable {
  /** key + 1 (0 = empty slot). */
  private keys = new Float64Array(1 << 16);
  private lines = new Int32Array(1 << 16);
  private size = 0;

  firstLine(packed: number, line: number): number | undefined {
    const stored = packed + 1;
    const mask = this.keys.length - 1;
    let slot = hashSlot(packed, mask);
    for (;;) {
      const at = this.keys[slot]!;
      if (at === 0) break;
      if (at === stored) return this.lines[slot]!;
      slot = (slot + 1) & mask;
    }
    this.keys[slot] = stored;
    this.lines[slot] = line;
    if (++this.size * 2 > this.keys.length) this.grow();
    return undefined;
  }

  private grow() {
    const oldKeys = this.keys;
    const oldLines = this.lines;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.lines = new Int32Array(oldKeys.length * 2);
    const mask = this.keys.length - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const stored = oldKeys[i]!;
      if (stored === 0) continue;
      let slot = hashSlot(stored - 1, mask);
      while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = stored;
      this.lines[slot] = oldLines[i]!;
    }
  }
}

/** Mixes the low and high 32 bits of an integer below 2^53 into a slot index. */
function hashSlot(n: number, mask: number): number {
  const low = n >>> 0;
  const high = Math.floor(n / 4294967296) >>> 0;
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & mask;
}
