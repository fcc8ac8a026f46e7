/**
 * An open-addressing hash table keyed by 64-bit fingerprints given as two 32-bit words, holding
 * one number and one 64-bit tag per key. A million keys take about 48 MB, against several times
 * that for a Map of strings, which is what lets an import remember every record key it has seen.
 */
export class U64Table {
  private capacity: number;
  private used: Uint8Array;
  private keys: Uint32Array;
  /** Per slot: the caller's number (a row id, a count). */
  value: Float64Array;
  /** Per slot: the caller's 64-bit tag (a row hash), low word first. */
  tag: Uint32Array;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.capacity = capacity;
    this.used = new Uint8Array(capacity);
    this.keys = new Uint32Array(capacity * 2);
    this.value = new Float64Array(capacity);
    this.tag = new Uint32Array(capacity * 2);
  }

  private slotOf(lo: number, hi: number): number {
    const mask = this.capacity - 1;
    // The key is already a hash: its low word spreads well; mixing in the high word guards
    // against callers whose keys share low words.
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    while (this.used[slot] === 1) {
      if (this.keys[2 * slot] === lo && this.keys[2 * slot + 1] === hi) return slot;
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** The slot holding the key, or -1. */
  find(lo: number, hi: number): number {
    const slot = this.slotOf(lo >>> 0, hi >>> 0);
    return this.used[slot] === 1 ? slot : -1;
  }

  /** The slot for the key, added (value 0, tag 0) when absent. */
  upsert(lo: number, hi: number): number {
    lo >>>= 0;
    hi >>>= 0;
    let slot = this.slotOf(lo, hi);
    if (this.used[slot] === 1) return slot;
    if ((this.size + 1) * 2 > this.capacity) {
      this.grow();
      slot = this.slotOf(lo, hi);
    }
    this.used[slot] = 1;
    this.keys[2 * slot] = lo;
    this.keys[2 * slot + 1] = hi;
    this.value[slot] = 0;
    this.tag[2 * slot] = 0;
    this.tag[2 * slot + 1] = 0;
    this.size++;
    return slot;
  }

  private grow(): void {
    const { used, keys, value, tag, capacity } = this;
    this.capacity = capacity * 2;
    this.used = new Uint8Array(this.capacity);
    this.keys = new Uint32Array(this.capacity * 2);
    this.value = new Float64Array(this.capacity);
    this.tag = new Uint32Array(this.capacity * 2);
    for (let s = 0; s < capacity; s++) {
      if (used[s] !== 1) continue;
      const lo = keys[2 * s] as number;
      const hi = keys[2 * s + 1] as number;
      const slot = this.slotOf(lo, hi);
      this.used[slot] = 1;
      this.keys[2 * slot] = lo;
      this.keys[2 * slot + 1] = hi;
      this.value[slot] = value[s] as number;
      this.tag[2 * slot] = tag[2 * s] as number;
      this.tag[2 * slot + 1] = tag[2 * s + 1] as number;
    }
  }
}
