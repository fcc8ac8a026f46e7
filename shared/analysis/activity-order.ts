import type { ActivityColumns } from '../domain/types';

/** Unordered activity columns, as read from storage or built by a test. */
export type ActivityFacts = Omit<ActivityColumns, 'repStart'>;

/**
 * Orders activities by rep, then by day (oldest first), keeping the input order among equals, and
 * returns them with each rep's start offset. Two counting-sort passes (by day, then stably by
 * rep): linear in the rows, so a million activities order in a few tens of milliseconds, and
 * the KPI pass can then take a period per rep with a binary search.
 * Activities without a rep (rep = -1) go last.
 */
export function orderActivities(facts: ActivityFacts, repCount: number): ActivityColumns {
  const n = facts.length;
  let minDay = 2_147_483_647;
  let maxDay = -2_147_483_648;
  for (let i = 0; i < n; i++) {
    const d = facts.day[i] as number;
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
  }
  // Pass 1: by day. A day range wider than the rows (odd outliers) falls back to a comparison sort.
  let byDay: Int32Array;
  const span = n === 0 ? 0 : maxDay - minDay + 1;
  if (n === 0) byDay = new Int32Array(0);
  else if (span <= Math.max(4 * n, 1 << 16)) {
    const counts = new Int32Array(span + 1);
    for (let i = 0; i < n; i++) counts[(facts.day[i] as number) - minDay + 1]!++;
    for (let k = 1; k <= span; k++) counts[k]! += counts[k - 1] as number;
    byDay = new Int32Array(n);
    for (let i = 0; i < n; i++) byDay[counts[(facts.day[i] as number) - minDay]!++] = i;
  } else {
    byDay = Int32Array.from({ length: n }, (_, i) => i);
    byDay.sort((a, b) => (facts.day[a] as number) - (facts.day[b] as number) || a - b);
  }
  // Pass 2: stably by rep; slot repCount holds the rows without a rep.
  const repStart = new Int32Array(repCount + 2);
  for (let i = 0; i < n; i++) {
    const r = facts.rep[i] as number;
    repStart[(r < 0 || r >= repCount ? repCount : r) + 1]!++;
  }
  for (let r = 1; r <= repCount + 1; r++) repStart[r]! += repStart[r - 1] as number;
  const next = repStart.slice(0, repCount + 1);
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = byDay[k] as number;
    const r = facts.rep[i] as number;
    order[next[r < 0 || r >= repCount ? repCount : r]!++] = i;
  }
  const pick = <T extends Int32Array | Uint8Array>(src: T, out: T): T => {
    for (let k = 0; k < n; k++) out[k] = src[order[k] as number] as number;
    return out;
  };
  return {
    length: n,
    rep: pick(facts.rep, new Int32Array(n)),
    type: pick(facts.type, new Uint8Array(n)),
    day: pick(facts.day, new Int32Array(n)),
    account: pick(facts.account, new Int32Array(n)),
    flags: pick(facts.flags, new Uint8Array(n)),
    repStart: repStart.slice(0, repCount + 1),
  };
}

/** First index in [lo, hi) of `day` whose value is >= target (days are ascending there). */
export function firstDayAtOrAfter(day: Int32Array, lo: number, hi: number, target: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((day[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
