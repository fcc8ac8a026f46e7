/**
 * A stable 64-bit fingerprint of a string: two MurmurHash3 (x86, 32-bit) lanes with fixed seeds,
 * run over the string's UTF-16 code units two at a time. Not cryptographic; fast enough to run on
 * every row of a million-row import, and wide enough that two different rows sharing one is
 * about 1 in 30 million for a million rows.
 *
 * Part of the workspace format: row hashes are stored, so changing this function (seeds, code
 * unit order, finaliser) needs a migration that rehashes stored rows.
 */

/** Typed-array views share the machine's byte order; every platform Electron ships on is little-endian. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const SEED_LO = 0x5bd1e995;
const SEED_HI = 0x1b873593 ^ 0x27d4eb2f;
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixLane(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalise(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Writes the fingerprint into `out` as two unsigned 32-bit words, low word at `out[2 * index]`,
 * high word at `out[2 * index + 1]`: on a little-endian machine the same buffer read as a
 * BigInt64Array holds the signed 64-bit value SQLite stores.
 */
export function hash64Into(text: string, out: Uint32Array, index: number): void {
  let lo = SEED_LO;
  let hi = SEED_HI;
  const n = text.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const k = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    lo = mixLane(lo, k);
    // The high lane sees the block rotated so the two lanes do not collide together.
    hi = mixLane(hi, (k << 16) | (k >>> 16));
  }
  if (i < n) {
    const k = text.charCodeAt(i);
    lo = mixLane(lo, k);
    hi = mixLane(hi, k << 16);
  }
  out[2 * index] = finalise(lo, n);
  out[2 * index + 1] = finalise(hi ^ 0x9e3779b9, n);
}

const scratch = new Uint32Array(2);
const scratch64 = new BigInt64Array(scratch.buffer);

/** The fingerprint as the signed 64-bit integer SQLite stores. */
export function hash64(text: string): bigint {
  hash64Into(text, scratch, 0);
  return LITTLE_ENDIAN
    ? (scratch64[0] as bigint)
    : BigInt.asIntN(64, (BigInt(scratch[1] as number) << 32n) | BigInt(scratch[0] as number));
}

/**
 * Combines `count` fingerprints (hash64Into layout, low word first) into one, order-sensitive:
 * a row's fingerprint from its fields' fingerprints, which an import caches per distinct value.
 */
export function combine64Into(parts: Uint32Array, count: number, out: Uint32Array, index: number): void {
  let lo = SEED_LO;
  let hi = SEED_HI;
  for (let i = 0; i < count; i++) {
    lo = mixLane(lo, parts[2 * i] as number);
    hi = mixLane(hi, parts[2 * i + 1] as number);
  }
  out[2 * index] = finalise(lo, count);
  out[2 * index + 1] = finalise(hi ^ 0x9e3779b9, count);
}

/**
 * hash64Into of `prefix` followed by bytes[start, end) read as Latin-1 code units: the same
 * fingerprint as hash64Into(prefix + text) when those bytes are the UTF-8 (hence ASCII) text,
 * without making the string. Callers check the bytes are ASCII.
 */
export function hash64LatinInto(
  prefix: string,
  bytes: Uint8Array,
  start: number,
  end: number,
  out: Uint32Array,
  index: number,
): void {
  const p = prefix.length;
  const n = p + (end - start);
  let lo = SEED_LO;
  let hi = SEED_HI;
  // The prefix's whole pairs, then (for an odd prefix) its last unit with the first byte, then
  // the bytes in pairs: the same blocks as hash64Into, without asking per unit where it lies.
  let i = 0;
  for (; i + 1 < p; i += 2) {
    const k = prefix.charCodeAt(i) | (prefix.charCodeAt(i + 1) << 16);
    lo = mixLane(lo, k);
    hi = mixLane(hi, (k << 16) | (k >>> 16));
  }
  let j = start;
  let tail = -1;
  if (i < p) {
    if (j < end) {
      const k = prefix.charCodeAt(i) | ((bytes[j++] as number) << 16);
      lo = mixLane(lo, k);
      hi = mixLane(hi, (k << 16) | (k >>> 16));
    } else tail = prefix.charCodeAt(i);
  }
  for (; j + 1 < end; j += 2) {
    const k = (bytes[j] as number) | ((bytes[j + 1] as number) << 16);
    lo = mixLane(lo, k);
    hi = mixLane(hi, (k << 16) | (k >>> 16));
  }
  if (j < end) tail = bytes[j] as number;
  if (tail !== -1) {
    lo = mixLane(lo, tail);
    hi = mixLane(hi, tail << 16);
  }
  out[2 * index] = finalise(lo, n);
  out[2 * index + 1] = finalise(hi ^ 0x9e3779b9, n);
}
