/** Linear probing stays short up to this fill; past it the table grows by half. */
const MAX_LOAD = 0.7;
/** Words before the payload: key low, key high, occupied flag. */
const HEADER = 3;

/**
 * An open-addressing hash table keyed by 64-bit fingerprints given as two 32-bit words, holding
 * a few 32-bit payload words per key. A slot's key and payload sit side by side, so a look-up
 * touches one cache line: with separate arrays per field, the four cache misses per row of a
 * million-row import also evicted SQLite's pages and slowed its inserts by half. The capacity is
 * not rounded to a power of two (slots come from a multiply, not a mask), so a table sized for a
 * million keys with two payload words takes 29 MB, not 42.
 */
export class U64Table {
  private capacity: number;
  private readonly stride: number;
  private words: Uint32Array;
  size = 0;

  constructor(expected = 1024, payloadWords = 3) {
    this.stride = HEADER + payloadWords;
    this.capacity = Math.max(1024, Math.ceil(expected / MAX_LOAD));
    this.words = new Uint32Array(this.capacity * this.stride);
  }

  /** The slot a look-up of this key (unsigned words) starts at. */
  private static home(capacity: number, lo: number, hi: number): number {
    // The key is already a hash; mixing in the high word guards against callers whose keys
    // share low words. The mixed word, read as a fraction of 2^32, picks the slot.
    const mixed = (lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0;
    return Math.floor((mixed / 4294967296) * capacity);
  }

  private slotOf(words: Uint32Array, capacity: number, lo: number, hi: number): number {
    let slot = U64Table.home(capacity, lo, hi);
    const stride = this.stride;
    for (;;) {
      const at = slot * stride;
      if (words[at + 2] === 0) return slot;
      if (words[at] === lo && words[at + 1] === hi) return slot;
      slot = slot + 1 === capacity ? 0 : slot + 1;
    }
  }

  /**
   * Reads the slot a look-up of this key starts at and returns its first word: read in a tight
   * loop ahead of the look-ups, so their cache misses overlap (ActivityStore.matchAll).
   */
  touch(lo: number, hi: number): number {
    return this.words[U64Table.home(this.capacity, lo >>> 0, hi >>> 0) * this.stride] as number;
  }

  /** The slot holding the key, or -1. */
  find(lo: number, hi: number): number {
    const slot = this.slotOf(this.words, this.capacity, lo >>> 0, hi >>> 0);
    return this.words[slot * this.stride + 2] === 1 ? slot : -1;
  }

  /** The slot for the key, added with zero payload when absent. */
  upsert(lo: number, hi: number): number {
    lo >>>= 0;
    hi >>>= 0;
    let slot = this.slotOf(this.words, this.capacity, lo, hi);
    if (this.words[slot * this.stride + 2] === 1) return slot;
    if (this.size + 1 > this.capacity * MAX_LOAD) {
      this.grow();
      slot = this.slotOf(this.words, this.capacity, lo, hi);
    }
    const at = slot * this.stride;
    this.words[at] = lo;
    this.words[at + 1] = hi;
    this.words[at + 2] = 1;
    this.size++;
    return slot;
  }

  /** The memory the table holds, in bytes. */
  get byteLength(): number {
    return this.words.byteLength;
  }

  /** Payload word k of a slot. */
  get(slot: number, k: number): number {
    return this.words[slot * this.stride + HEADER + k] as number;
  }

  set(slot: number, k: number, value: number): void {
    this.words[slot * this.stride + HEADER + k] = value;
  }

  /** The occupied slots, in slot order (to walk the keys without allocating per key). */
  occupiedSlots(): Int32Array {
    const out = new Int32Array(this.size);
    let n = 0;
    for (let s = 0; s < this.capacity; s++) if (this.words[s * this.stride + 2] === 1) out[n++] = s;
    return out;
  }

  /** The key words of a slot. */
  keyLo(slot: number): number {
    return this.words[slot * this.stride] as number;
  }

  keyHi(slot: number): number {
    return this.words[slot * this.stride + 1] as number;
  }

  private grow(): void {
    const old = this.words;
    const oldCapacity = this.capacity;
    const stride = this.stride;
    this.capacity = Math.ceil(oldCapacity * 1.5);
    this.words = new Uint32Array(this.capacity * stride);
    for (let s = 0; s < oldCapacity; s++) {
      const from = s * stride;
      if (old[from + 2] !== 1) continue;
      const to =
        this.slotOf(this.words, this.capacity, old[from] as number, old[from + 1] as number) * stride;
      for (let k = 0; k < stride; k++) this.words[to + k] = old[from + k] as number;
    }
  }
}
