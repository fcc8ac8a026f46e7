/**
 * Values cached by the bytes of a cell. A file's cells repeat (a few hundred owners, dates,
 * types, outcomes), and looking them up by their bytes spares making a string for every cell:
 * on a million rows, hashing fresh strings for a Map cost more than parsing the file.
 */
export class ByteCache<T> {
  private slots = new Int32Array(1024);
  private hashes = new Uint32Array(256);
  private offsets = new Int32Array(256);
  private lengths = new Int32Array(256);
  private arena = new Uint8Array(16 * 1024);
  private arenaView = new DataView(this.arena.buffer);
  private arenaUsed = 0;
  /**
   * The bytes last looked up and a DataView over them (the reader's parse buffer, the same for
   * many look-ups): cells are compared and hashed four bytes per read, which took a tenth off
   * the reader's time on a million rows against a byte per read.
   */
  private viewed: Uint8Array | null = null;
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  private readonly values: T[] = [];
  /** The entry the last successful look-up found, -1 before any. */
  private last = -1;

  constructor(
    /** Entries kept; once full, new values are not cached (looked up as text instead). */
    private readonly cap: number,
  ) {}

  get size(): number {
    return this.values.length;
  }

  private viewOf(bytes: Uint8Array): DataView {
    if (bytes !== this.viewed) {
      this.viewed = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return this.view;
  }

  private hash(bytes: Uint8Array, start: number, end: number): number {
    // MurmurHash3's mixing four bytes at a time: a byte-at-a-time hash spent more time in its
    // chain of multiplies than the rest of the look-up.
    let h = (end - start) ^ 0x9747b28c;
    let i = start;
    const view = this.viewOf(bytes);
    for (; i + 4 <= end; i += 4) {
      let k = view.getInt32(i, true);
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      h ^= Math.imul(k, 0x1b873593);
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
    let k = 0;
    for (let shift = 0; i < end; i++, shift += 8) k |= (bytes[i] as number) << shift;
    h ^= Math.imul((Math.imul(k, 0xcc9e2d51) << 15) | (Math.imul(k, 0xcc9e2d51) >>> 17), 0x1b873593);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  }

  private same(entry: number, bytes: Uint8Array, start: number, end: number): boolean {
    const length = end - start;
    if (this.lengths[entry] !== length) return false;
    const at = this.offsets[entry] as number;
    const arena = this.arenaView;
    const view = this.viewOf(bytes);
    let i = 0;
    for (; i + 4 <= length; i += 4)
      if (arena.getInt32(at + i, true) !== view.getInt32(start + i, true)) return false;
    const a = this.arena;
    for (; i < length; i++) if (a[at + i] !== bytes[start + i]) return false;
    return true;
  }

  /** The value cached for these bytes, or undefined. */
  get(bytes: Uint8Array, start: number, end: number): T | undefined {
    // Exports come sorted (by date, by owner...), so a cell often repeats the one above it:
    // comparing with the last value found skips the hash.
    const last = this.last;
    if (last >= 0 && this.same(last, bytes, start, end)) return this.values[last];
    const h = this.hash(bytes, start, end);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = (this.slots[slot] as number) - 1;
      if (entry < 0) return undefined;
      if (this.hashes[entry] === h && this.same(entry, bytes, start, end)) {
        this.last = entry;
        return this.values[entry];
      }
    }
  }

  /** Caches a value for bytes not yet cached (call after get missed), unless the cache is full. */
  set(bytes: Uint8Array, start: number, end: number, value: T): void {
    const entry = this.values.length;
    if (entry >= this.cap) return;
    if ((entry + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    if (entry === this.hashes.length) {
      const size = entry * 2;
      const hashes = new Uint32Array(size);
      hashes.set(this.hashes);
      const offsets = new Int32Array(size);
      offsets.set(this.offsets);
      const lengths = new Int32Array(size);
      lengths.set(this.lengths);
      this.hashes = hashes;
      this.offsets = offsets;
      this.lengths = lengths;
    }
    const length = end - start;
    if (this.arenaUsed + length > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + length));
      arena.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = arena;
      this.arenaView = new DataView(arena.buffer);
    }
    this.arena.set(bytes.subarray(start, end), this.arenaUsed);
    const h = this.hash(bytes, start, end);
    this.hashes[entry] = h;
    this.offsets[entry] = this.arenaUsed;
    this.lengths[entry] = length;
    this.arenaUsed += length;
    this.values.push(value);
    const mask = this.slots.length - 1;
    let slot = h & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let entry = 0; entry < this.values.length; entry++) {
      let slot = (this.hashes[entry] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }
}
