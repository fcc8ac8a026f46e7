import { describe, expect, it } from 'vitest';
import {
  emptyActivityFacts,
  orderActivities,
  type ActivityFacts,
} from '../../shared/analysis/activity-order';
import { mulberry32 } from '../../shared/random/mulberry32';

/** Rows in random order: reps with ties on the same day, rows without a rep or past the roster. */
function facts(n: number, repCount: number, days: number, seed: number): ActivityFacts {
  const rand = mulberry32(seed);
  const f = emptyActivityFacts(n);
  for (let i = 0; i < n; i++) {
    const u = rand();
    f.rep[i] = u < 0.05 ? -1 : u < 0.08 ? repCount + Math.floor(rand() * 3) : Math.floor(rand() * repCount);
    f.day[i] = 19_000 + Math.floor(rand() * days);
    f.type[i] = Math.floor(rand() * 8);
    f.account[i] = Math.floor(rand() * 1_000) - 1;
    f.flags[i] = Math.floor(rand() * 4);
  }
  return f;
}

/** The rule, by comparison: rep slot (no rep last), then day, then input order. */
function reference(f: ActivityFacts, repCount: number) {
  const slot = (i: number) => {
    const r = f.rep[i] as number;
    return r < 0 || r >= repCount ? repCount : r;
  };
  const order = Array.from({ length: f.length }, (_, i) => i).sort(
    (a, b) => slot(a) - slot(b) || (f.day[a] as number) - (f.day[b] as number) || a - b,
  );
  const repStart = Array.from({ length: repCount + 1 }, (_, r) => order.findIndex((i) => slot(i) >= r));
  return {
    rep: order.map((i) => f.rep[i]),
    type: order.map((i) => f.type[i]),
    day: order.map((i) => f.day[i]),
    account: order.map((i) => f.account[i]),
    flags: order.map((i) => f.flags[i]),
    repStart: repStart.map((s) => (s === -1 ? f.length : s)),
  };
}

const plain = (o: ReturnType<typeof orderActivities>) => ({
  rep: [...o.rep],
  type: [...o.type],
  day: [...o.day],
  account: [...o.account],
  flags: [...o.flags],
  repStart: [...o.repStart],
});

describe('orderActivities', () => {
  // A few days (one pass on rep and day), decades with outliers (the two-pass sort), one rep and
  // none, tiny and empty inputs.
  it.each([
    ['three years, 40 reps', 5_000, 40, 1_096, 1],
    ['a few days, many ties', 3_000, 7, 3, 2],
    ['one rep', 500, 1, 30, 3],
    ['no reps on the roster', 200, 0, 30, 4],
    ['one row', 1, 3, 1, 5],
    ['no rows', 0, 3, 1, 6],
  ])('orders by rep, then day, then input order: %s', (_label, n, repCount, days, seed) => {
    const f = facts(n, repCount, days, seed);
    const ordered = orderActivities(f, repCount);
    expect(ordered.length).toBe(n);
    expect(plain(ordered)).toEqual(reference(f, repCount));
  });

  it('gives the same order with days spread over decades (the two-pass sort)', () => {
    const f = facts(2_000, 12, 1_096, 7);
    // A few far outliers: too many (rep, day) buckets for one pass.
    f.day[5] = 19_000 + 100_000;
    f.day[6] = 19_000 - 40_000;
    expect(plain(orderActivities(f, 12))).toEqual(reference(f, 12));
  });
});
