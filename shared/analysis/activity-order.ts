import type { ActivityColumns } from '../domain/types';

/** Unordered activity columns, as read from storage or built by a test. */
export type ActivityFacts = Omit<ActivityColumns, 'repStart'>;

/** Zeroed columns for n activities. */
export function emptyActivityFacts(n: number): ActivityFacts {
  return {
    length: n,
    rep: new Int32Array(n),
    type: new Uint8Array(n),
    day: new Int32Array(n),
    account: new Int32Array(n),
    flags: new Uint8Array(n),
  };
}

/**
 * The most (rep, day) pairs for orderByRepThenDay, which clears a count per day for every rep: 16M
 * or four per row, whichever is smaller; past that, days spread over decades, the two-pass sort.
 */
const MAX_BUCKETS_PER_ROW = 4;
const MAX_BUCKETS = 1 << 24;

/**
 * Orders activities by rep, then by day (oldest first), keeping the input order among equals, and
 * returns them with each rep's start offset, so the KPI pass can take a period per rep with a
 * binary search. Activities without a rep (rep = -1, or past repCount) go last.
 *
 * When reps times days stay few (about 550k for 500 reps over three years): every row to its
 * rep's range, then each range sorted by day in the cache (orderByRepThenDay). At 10M rows that
 * takes 0.51-0.60 s, where one counting sort on (rep, day) took 0.72-0.91 s (its 550k write
 * cursors missed the cache on nearly every row) and sorting by day, then stably by rep, then
 * gathering each column 2.5 s (issue #14). Otherwise (days spread over decades) the two-pass sort
 * below.
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
  const span = n === 0 ? 0 : maxDay - minDay + 1;
  const buckets = (repCount + 1) * span;
  if (n > 0 && buckets <= Math.min(MAX_BUCKETS, Math.max(MAX_BUCKETS_PER_ROW * n, 1 << 16)))
    return orderByRepThenDay(facts, repCount, minDay, span);
  return orderInTwoPasses(facts, repCount, minDay, maxDay);
}

/** The rep slot of a row: its rep, or repCount for rows without one. */
const slotOf = (rep: number, repCount: number): number => (rep < 0 || rep >= repCount ? repCount : rep);

function orderByRepThenDay(
  facts: ActivityFacts,
  repCount: number,
  minDay: number,
  span: number,
): ActivityColumns {
  const n = facts.length;
  const { rep, day, type, account, flags } = facts;
  const slots = repCount + 1;
  const repStart = new Int32Array(slots + 1);
  for (let i = 0; i < n; i++) repStart[slotOf(rep[i] as number, repCount) + 1]!++;
  for (let r = 1; r <= slots; r++) repStart[r]! += repStart[r - 1] as number;
  // Pass 1: every row to its rep's range, in input order. A write cursor per rep (501 of them at
  // 500 reps) keeps each column's writes in a few hundred cache lines.
  const byRep = emptyActivityFacts(n);
  const cursor = repStart.slice(0, slots);
  for (let i = 0; i < n; i++) {
    const r = rep[i] as number;
    const slot = slotOf(r, repCount);
    const at = cursor[slot]!++;
    byRep.rep[at] = r;
    byRep.day[at] = day[i] as number;
    byRep.type[at] = type[i] as number;
    byRep.account[at] = account[i] as number;
    byRep.flags[at] = flags[i] as number;
  }
  // Pass 2: each rep's range (tens of thousands of rows) copied aside and counting-sorted by day
  // back into place, keeping the input order among equals: all of it in the cache, and no second
  // set of columns as large as the input.
  let largest = 0;
  for (let slot = 0; slot < slots; slot++)
    largest = Math.max(largest, (repStart[slot + 1] as number) - (repStart[slot] as number));
  const aside = emptyActivityFacts(largest);
  const counts = new Int32Array(span + 1);
  for (let slot = 0; slot < slots; slot++) {
    const from = repStart[slot] as number;
    const size = (repStart[slot + 1] as number) - from;
    if (size === 0) continue;
    aside.rep.set(byRep.rep.subarray(from, from + size));
    aside.day.set(byRep.day.subarray(from, from + size));
    aside.type.set(byRep.type.subarray(from, from + size));
    aside.account.set(byRep.account.subarray(from, from + size));
    aside.flags.set(byRep.flags.subarray(from, from + size));
    counts.fill(0);
    for (let k = 0; k < size; k++) counts[(aside.day[k] as number) - minDay + 1]!++;
    counts[0] = from;
    for (let d = 1; d <= span; d++) counts[d]! += counts[d - 1] as number;
    for (let k = 0; k < size; k++) {
      const d = aside.day[k] as number;
      const at = counts[d - minDay]!++;
      byRep.rep[at] = aside.rep[k] as number;
      byRep.day[at] = d;
      byRep.type[at] = aside.type[k] as number;
      byRep.account[at] = aside.account[k] as number;
      byRep.flags[at] = aside.flags[k] as number;
    }
  }
  return { ...byRep, repStart: repStart.slice(0, slots) };
}

/** Two counting-sort passes (by day, then stably by rep), then a gather per column. */
function orderInTwoPasses(
  facts: ActivityFacts,
  repCount: number,
  minDay: number,
  maxDay: number,
): ActivityColumns {
  const n = facts.length;
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
  for (let i = 0; i < n; i++) repStart[slotOf(facts.rep[i] as number, repCount) + 1]!++;
  for (let r = 1; r <= repCount + 1; r++) repStart[r]! += repStart[r - 1] as number;
  const next = repStart.slice(0, repCount + 1);
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = byDay[k] as number;
    order[next[slotOf(facts.rep[i] as number, repCount)]!++] = i;
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
