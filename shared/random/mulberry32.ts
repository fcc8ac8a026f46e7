/**
 * mulberry32: a tiny seeded PRNG (state is one 32-bit integer). Deterministic, so generated data
 * and property tests are reproducible, and any failure can be replayed from its seed. Not for
 * anything that needs unpredictability.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
