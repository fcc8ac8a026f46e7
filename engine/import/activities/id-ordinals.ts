/** Linear probing stays short up to this fill; past it the table grows by half. */
const MAX_LOAD = 0.7;

/**
 * The CRM ids a file has shown so far, for telling a repeated id from a new one: id fingerprint
 * -> the record its first row made (the index of that row among the file's new rows, from which
 * the importing thread knows its row id).
 *
 * Built for the cache: a slot is two words (the fingerprint's low word and the record), so a
 * million ids take 11 MB of slots, small enough to stay mostly in the processor's cache, where a
 * general table of full keys and payloads (40 MB) missed on nearly every row. The fingerprint's
 * high word lives in an array by record, read only when the low words match.
 */
export class IdOrdinals {
  private capacity: number;
  /** Per slot: fingerprint low word, record + 1 (0 = empty). */
  private slots: Uint32Array;
  private size = 0;
  /** Per record: fingerprint high word. */
  private keyHi: Uint32Array;
  /** Where the last find that missed stopped: the slot its id would take. */
  private emptySlot = 0;
  /** What touch read, kept so that its reads are not optimised away. */
  touched = 0;

  constructor(expected: number) {
    this.capacity = Math.max(1024, Math.ceil(expected / MAX_LOAD));
    this.slots = new Uint32Array(2 * this.capacity);
    this.keyHi = new Uint32Array(Math.max(1024, expected));
  }

  private slotOf(lo: number): number {
    return Math.floor((lo / 4294967296) * this.capacity);
  }

  /**
   * Reads the slot each of these ids starts at (`count` fingerprints, hash64Into layout), so the
   * look-ups that follow find them in the cache: independent reads in a tight loop overlap their
   * cache misses, where each look-up, made in turn with its row's other work, waits for its own.
   */
  touch(keys: Uint32Array, count: number): void {
    const slots = this.slots;
    let sum = 0;
    for (let i = 0; i < count; i++)
      sum += slots[2 * this.slotOf((keys[2 * i] as number) >>> 0) + 1] as number;
    this.touched = sum;
  }

  /** The record of this id's first row, or -1 when the file has not shown the id. */
  find(lo: number, hi: number): number {
    lo >>>= 0;
    const slots = this.slots;
    let slot = this.slotOf(lo);
    for (;;) {
      const tagged = slots[2 * slot + 1] as number;
      if (tagged === 0) {
        this.emptySlot = slot;
        return -1;
      }
      if (slots[2 * slot] === lo && this.keyHi[tagged - 1] === hi >>> 0) return tagged - 1;
      slot = slot + 1 === this.capacity ? 0 : slot + 1;
    }
  }

  /**
   * A row with this id: returns the record of the id's first row, or -1 when the id is new and
   * this row makes record `record` (records are numbered in increasing order, gaps allowed).
   */
  see(lo: number, hi: number, record: number): number {
    const first = this.find(lo, hi);
    if (first !== -1) return first;
    lo >>>= 0;
    let slot = this.emptySlot;
    if (record >= this.keyHi.length) this.growRows(record + 1);
    this.keyHi[record] = hi;
    if (this.size + 1 > this.capacity * MAX_LOAD) {
      this.grow();
      slot = this.slotOf(lo);
      while (this.slots[2 * slot + 1] !== 0) slot = slot + 1 === this.capacity ? 0 : slot + 1;
    }
    this.slots[2 * slot] = lo;
    this.slots[2 * slot + 1] = record + 1;
    this.size++;
    return -1;
  }

  /** The memory held, in bytes. */
  get byteLength(): number {
    return this.slots.byteLength + this.keyHi.byteLength;
  }

  private growRows(needed: number): void {
    const size = Math.max(needed, Math.ceil(this.keyHi.length * 1.5));
    const keyHi = new Uint32Array(size);
    keyHi.set(this.keyHi);
    this.keyHi = keyHi;
  }

  private grow(): void {
    const old = this.slots;
    const oldCapacity = this.capacity;
    this.capacity = Math.ceil(oldCapacity * 1.5);
    this.slots = new Uint32Array(2 * this.capacity);
    for (let s = 0; s < oldCapacity; s++) {
      const tagged = old[2 * s + 1] as number;
      if (tagged === 0) continue;
      const lo = old[2 * s] as number;
      let slot = this.slotOf(lo);
      while (this.slots[2 * slot + 1] !== 0) slot = slot + 1 === this.capacity ? 0 : slot + 1;
      this.slots[2 * slot] = lo;
      this.slots[2 * slot + 1] = tagged;
    }
  }
}
