import { DEAL_LOST, DEAL_OPEN, DEAL_WON, FUNNEL_STAGES, NO_DAY, type WorkingSet } from '../domain/types';
import type { FunnelView } from './types';

/**
 * The funnel (field notes §4) of the deals created in a period: how far each got, where the open
 * ones sit, and which of those have not moved for longer than a deal usually takes to win.
 *
 * Stalled (docs/kpis.md, "Funnel"): an open deal is stalled when its last move is more than the
 * stall limit before the end of the data. A move is what the data records of a deal's progress:
 * its creation, a row of its deal history (a stage, amount or date as it stood on a day), an
 * activity on its account. Age alone is not a stall: a deal of a cohort a year old has been open a
 * year, whatever is happening to it, so without a move recorded after creation "stalled" would
 * only repeat "open" for any past period. Where none of a funnel's open deals has a recorded
 * move (no deal history, no activity on their accounts), stalled is not known and is null.
 */

/** A deal open longer than this is stalled even where deals are usually won within days. */
export const MIN_STALL_DAYS = 30;

// Local copies: some module loaders (tsx) turn every use of an imported binding into a getter
// call, which the per-deal loops below would pay on every deal.
const STATUS_LOST = DEAL_LOST;
const STATUS_OPEN = DEAL_OPEN;
const STATUS_WON = DEAL_WON;
const MISSING_DAY = NO_DAY;

const STAGES = FUNNEL_STAGES.length;
const LAST_STAGE = STAGES - 1;

// Counters of one funnel, laid out flat so a rep costs a slice of one typed array.
const REACHED = 0;
const OPEN = REACHED + STAGES;
const STALLED = OPEN + STAGES;
const WON_COUNT = STALLED + STAGES;
const LOST_COUNT = WON_COUNT + 1;
const UNSTAGED = LOST_COUNT + 1;
/** Open deals with a move recorded after their creation (a history row, an activity on the account). */
const TRACKED = UNSTAGED + 1;
const FIELDS = TRACKED + 1;

const stallDaysCache = new WeakMap<WorkingSet, number>();

/**
 * Stall limit: the median sales cycle (close − created, in days, rounded; halves up) of every won
 * deal in the workspace that has both days, at least MIN_STALL_DAYS. It describes how this
 * business sells, not the period, so it is the same for every period, the team and each rep.
 * Cycles below 0 (closed before created) are data errors and left out.
 */
export function stallDaysOf(ws: WorkingSet): number {
  // It depends on the working set alone (every won deal), which an import replaces: computed once.
  const cached = stallDaysCache.get(ws);
  if (cached !== undefined) return cached;
  const days = computeStallDays(ws);
  stallDaysCache.set(ws, days);
  return days;
}

function computeStallDays(ws: WorkingSet): number {
  const d = ws.deals;
  const cycles = new Float64Array(d.length);
  let n = 0;
  for (let i = 0; i < d.length; i++) {
    if (d.status[i] !== STATUS_WON) continue;
    const created = d.createdDay[i] as number;
    const closed = d.closeDay[i] as number;
    if (created === MISSING_DAY || closed === MISSING_DAY || closed < created) continue;
    cycles[n++] = closed - created;
  }
  if (n === 0) return MIN_STALL_DAYS;
  const values = cycles.subarray(0, n);
  const mid = n >> 1;
  const upper = select(values, mid);
  // After selecting, everything left of `mid` is <= it, so the lower middle is their maximum.
  let median = upper;
  if (n % 2 === 0) {
    let lower = values[0] as number;
    for (let i = 1; i < mid; i++) if ((values[i] as number) > lower) lower = values[i] as number;
    median = (lower + upper) / 2;
  }
  return Math.max(MIN_STALL_DAYS, Math.round(median));
}

/**
 * The k-th smallest value (0-based), partially reordering `a` (quickselect, median-of-three pivot):
 * linear on average where a full sort would cost n log n.
 */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const midIndex = (lo + hi) >>> 1;
    const x = a[lo] as number;
    const y = a[midIndex] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
}

/**
 * The last recorded move of each deal on or before `asOf` (see the top of this file): its
 * created day, its latest deal-history row, the latest activity on its account; NO_DAY when it
 * has none of them. `tracked` is 1 for a deal with a move after its creation.
 */
interface DealMoves {
  asOf: number;
  last: Int32Array;
  tracked: Uint8Array;
}

const movesCache = new WeakMap<WorkingSet, DealMoves>();

export function dealMovesOf(ws: WorkingSet, asOf: number): DealMoves {
  const cached = movesCache.get(ws);
  if (cached && cached.asOf === asOf) return cached;
  const d = ws.deals;
  const accountLast = new Int32Array(Math.max(ws.accountCount, 0)).fill(MISSING_DAY);
  const a = ws.activities;
  for (let i = 0; i < a.length; i++) {
    const account = a.account[i] as number;
    const day = a.day[i] as number;
    if (account >= 0 && account < accountLast.length && day <= asOf && day > (accountLast[account] as number))
      accountLast[account] = day;
  }
  const last = new Int32Array(d.length).fill(MISSING_DAY);
  const tracked = new Uint8Array(d.length);
  const s = ws.snapshots;
  for (let i = 0; i < s.length; i++) {
    const deal = s.deal[i] as number;
    const day = s.day[i] as number;
    if (day <= asOf && day > (last[deal] as number)) last[deal] = day;
  }
  for (let i = 0; i < d.length; i++) {
    const created = d.createdDay[i] as number;
    const account = d.account[i] as number;
    let move = last[i] as number;
    const activity =
      account >= 0 && account < accountLast.length ? (accountLast[account] as number) : MISSING_DAY;
    if (activity > move) move = activity;
    tracked[i] = move !== MISSING_DAY && (created === MISSING_DAY || move > created) ? 1 : 0;
    if (created !== MISSING_DAY && created > move) move = created;
    last[i] = move;
  }
  const moves = { asOf, last, tracked };
  movesCache.set(ws, moves);
  return moves;
}

function toView(c: Float64Array, base: number, stallDays: number): FunnelView {
  const at = (field: number): number => c[base + field] as number;
  const reached: FunnelView['reached'] = [at(REACHED), at(REACHED + 1), at(REACHED + 2), at(REACHED + 3)];
  const rate = (s: number): number | null => (reached[s] === 0 ? null : reached[s + 1]! / reached[s]!);
  const open: FunnelView['open'] = [at(OPEN), at(OPEN + 1), at(OPEN + 2), at(OPEN + 3)];
  const anyOpen = open.some((n) => n > 0);
  return {
    reached,
    conversion: [rate(0), rate(1), rate(2)],
    open,
    // Open deals none of which has a move after creation: whether they are stalled is unknown.
    stalled:
      anyOpen && at(TRACKED) === 0 ? null : [at(STALLED), at(STALLED + 1), at(STALLED + 2), at(STALLED + 3)],
    stallDays,
    won: at(WON_COUNT),
    lost: at(LOST_COUNT),
    unstaged: at(UNSTAGED),
  };
}

/**
 * Funnels of the deals created in [fromDay, toDay] (deals without a created day are in no
 * cohort): a won deal reached every stage; an open or lost one the stage it was recorded at, or
 * only the first when its stage names none (then it also counts as unstaged). The team funnel
 * holds every deal, also those without a rep; `byRep` is indexed like ws.reps. One pass.
 */
export function computeFunnels(
  ws: WorkingSet,
  fromDay: number,
  toDay: number,
  dataEndDay: number,
): { team: FunnelView; byRep: FunnelView[] } {
  const stallDays = stallDaysOf(ws);
  const moves = dataEndDay === MISSING_DAY ? null : dealMovesOf(ws, dataEndDay);
  const nReps = ws.reps.length;
  const team = nReps * FIELDS;
  const c = new Float64Array((nReps + 1) * FIELDS);
  const d = ws.deals;
  for (let i = 0; i < d.length; i++) {
    const created = d.createdDay[i] as number;
    if (created === MISSING_DAY || created < fromDay || created > toDay) continue;
    const status = d.status[i] as number;
    const recorded = d.funnel[i] as number;
    // Any code outside the funnel (NO_FUNNEL) names no stage.
    const staged = recorded <= LAST_STAGE;
    const stage = staged ? recorded : 0;
    const furthest = status === STATUS_WON ? LAST_STAGE : stage;
    const rep = d.rep[i] as number;
    const repBase = rep >= 0 && rep < nReps ? rep * FIELDS : -1;
    const stalled =
      status === STATUS_OPEN && moves !== null && dataEndDay - (moves.last[i] as number) > stallDays ? 1 : 0;
    const tracked = status === STATUS_OPEN && moves !== null ? (moves.tracked[i] as number) : 0;
    for (let pass = 0; pass < 2; pass++) {
      const base = pass === 0 ? team : repBase;
      if (base < 0) break;
      for (let s = 0; s <= furthest; s++) c[base + REACHED + s]!++;
      if (status === STATUS_WON) {
        c[base + WON_COUNT]!++;
        continue;
      }
      if (!staged) c[base + UNSTAGED]!++;
      if (status === STATUS_LOST) c[base + LOST_COUNT]!++;
      else if (status === STATUS_OPEN) {
        c[base + OPEN + stage]!++;
        c[base + STALLED + stage]! += stalled;
        c[base + TRACKED]! += tracked;
      }
    }
  }
  const byRep: FunnelView[] = [];
  for (let r = 0; r < nReps; r++) byRep.push(toView(c, r * FIELDS, stallDays));
  return { team: toView(c, team, stallDays), byRep };
}

/**
 * Which funnel steps (stage s -> s + 1, FUNNEL_STAGES order) the deals created in [fromDay, toDay]
 * can measure (docs/coaching.md, "Practices"). A step needs deals not won that stopped at stage s
 * (for the first stage, also deals recorded at no stage), and, except for the last step whose
 * next stage is the win itself, deals not won recorded past s. Deals that only say won or lost
 * stop nowhere in between: every conversion would restate the win rate, so none is measured.
 */
export function measurableFunnelSteps(ws: WorkingSet, fromDay: number, toDay: number): boolean[] {
  const stoppedAt = new Array<number>(STAGES).fill(0);
  const d = ws.deals;
  for (let i = 0; i < d.length; i++) {
    const created = d.createdDay[i] as number;
    if (created === MISSING_DAY || created < fromDay || created > toDay) continue;
    if ((d.status[i] as number) === STATUS_WON) continue;
    const recorded = d.funnel[i] as number;
    stoppedAt[recorded <= LAST_STAGE ? recorded : 0]!++;
  }
  const steps: boolean[] = [];
  for (let s = 0; s < LAST_STAGE; s++) {
    let past = 0;
    for (let t = s + 1; t < LAST_STAGE; t++) past += stoppedAt[t]!;
    const last = s === LAST_STAGE - 1;
    steps.push(stoppedAt[s]! > 0 && (last || past > 0));
  }
  return steps;
}
