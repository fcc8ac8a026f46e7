/**
 * Which accounts each rep worked with, and from which activity on: for target-segment
 * penetration without account owners, where a rep's accounts are those they worked with up to
 * the period end. Computed once per working set and cached, so that a period's pass counts a
 * rep's accounts without walking the rep's whole activity history again.
 */
import type { WorkingSet } from '../domain/types';
import type { WorkingSetFacts } from './working-set-facts';

/** Never: a deal whose account the rep never worked with (beyond every activity position). */
export const NEVER_TOUCHED = 2_147_483_647;

export interface WorkedAccounts {
  /**
   * Bit i (word i >>> 5, bit i & 31) is set when activity i (in the working set's rep-then-day
   * order) is its rep's first activity naming that account.
   */
  firstTouch: Int32Array;
  /** Per 32-bit word of firstTouch: how many first touches come before it. */
  rankBefore: Int32Array;
  /**
   * The account of every first touch, in activity order: rep r's accounts worked with at
   * activity positions before i are accounts[firstTouchesBefore(w, repStart[r]) ..
   * firstTouchesBefore(w, i)), each once.
   */
  accounts: Int32Array;
  /**
   * Per deal, in the rep-grouped order of WorkingSetFacts: the position of the deal rep's first
   * activity naming the deal's account, or NEVER_TOUCHED.
   */
  dealFirstTouch: Int32Array;
  /**
   * Per rep, a bit per account (accountWords 32-bit words per rep): the accounts the rep ever
   * worked with. Null when that would take more memory than the activities' account column (many
   * reps and accounts, few activities each): only the shortcut of targetsWorkedBefore needs it.
   */
  everWorked: Int32Array | null;
  accountWords: number;
}

/** How many bits of a 32-bit word are set. */
export function bitCount(word: number): number {
  let x = (word - ((word >>> 1) & 0x55555555)) | 0;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** How many first touches come before activity position i (0..length). */
export function firstTouchesBefore(w: WorkedAccounts, i: number): number {
  const word = i >>> 5;
  const bit = i & 31;
  // The bits below `bit`, shifted to the top: a mask would be up to 2^31 - 1, past V8's small
  // integers, and the first such value deoptimised the pass.
  const below = bit === 0 ? 0 : bitCount((w.firstTouch[word] as number) << (32 - bit));
  return (w.rankBefore[word] as number) + below;
}

/**
 * Builds the worked accounts from the activity accounts in rep-then-day order (rep r's at
 * repStart[r] .. repStart[r + 1] - 1; rows after repStart[nReps] have no rep and are left out)
 * and the deal accounts grouped by rep (rep r's at dealStart[r] .. dealStart[r + 1] - 1).
 * Activities without an account (-1) are no account worked with.
 */
export function buildWorkedAccounts(
  activityAccounts: Int32Array,
  repStart: Int32Array,
  nAccounts: number,
  dealStart: Int32Array,
  dealAccounts: Int32Array,
): WorkedAccounts {
  const nReps = repStart.length - 1;
  const withRep = nReps >= 0 ? (repStart[nReps] as number) : 0;
  const words = (withRep >>> 5) + 1;
  const firstTouch = new Int32Array(words);
  const dealFirstTouch = new Int32Array(dealAccounts.length).fill(NEVER_TOUCHED);
  const accountWords = (nAccounts >>> 5) + 1;
  // The per-rep bits only when they take no more memory than the activities' account column.
  const everWorked = nReps * accountWords <= withRep ? new Int32Array(nReps * accountWords) : null;
  // At most one entry per activity; trimmed below. One pass fills everything.
  const listed = new Int32Array(withRep);
  // Per account: the rep (+ 1) last seen with it, and where that rep first named it.
  const seenBy = new Int32Array(nAccounts);
  const firstAt = new Int32Array(nAccounts);
  let count = 0;
  for (let r = 0; r < nReps; r++) {
    const mark = r + 1;
    const hi = repStart[r + 1] as number;
    const at = r * accountWords;
    for (let i = repStart[r] as number; i < hi; i++) {
      const acc = activityAccounts[i] as number;
      if (acc < 0 || seenBy[acc] === mark) continue;
      seenBy[acc] = mark;
      firstAt[acc] = i;
      firstTouch[i >>> 5]! |= 1 << (i & 31);
      listed[count++] = acc;
      if (everWorked !== null) everWorked[at + (acc >>> 5)]! |= 1 << (acc & 31);
    }
    const dhi = dealStart[r + 1] as number;
    for (let k = dealStart[r] as number; k < dhi; k++) {
      const acc = dealAccounts[k] as number;
      if (acc >= 0 && seenBy[acc] === mark) dealFirstTouch[k] = firstAt[acc] as number;
    }
  }
  const rankBefore = new Int32Array(words);
  for (let k = 1; k < words; k++)
    rankBefore[k] = (rankBefore[k - 1] as number) + bitCount(firstTouch[k - 1] as number);
  const accounts = listed.slice(0, count);
  return { firstTouch, rankBefore, accounts, dealFirstTouch, everWorked, accountWords };
}

/** The target flags (one byte per account, 0 or 1) as bits, in everWorked's layout. */
export function targetBits(isTarget: Uint8Array, accountWords: number): Int32Array {
  const bits = new Int32Array(accountWords);
  for (let acc = 0; acc < isTarget.length; acc++)
    if (isTarget[acc] === 1) bits[acc >>> 5]! |= 1 << (acc & 31);
  return bits;
}

/**
 * How many target accounts rep r worked with at activity positions before `end` (repStart[r] <=
 * end <= repStart[r + 1]): its accounts first named there, each once, whose target flag is set.
 * Those are a prefix of the rep's accounts list; when the rest of the list is the shorter part,
 * the rest is counted and taken from all the rep's targets (everWorked against targets, 32 accounts
 * a step), so a period near the end of the data does not walk the whole history.
 */
export function targetsWorkedBefore(
  w: WorkedAccounts,
  r: number,
  lo: number,
  end: number,
  hi: number,
  isTarget: Uint8Array,
  targets: Int32Array | null,
): number {
  const first = firstTouchesBefore(w, lo);
  const cut = firstTouchesBefore(w, end);
  const last = firstTouchesBefore(w, hi);
  const everWorked = w.everWorked;
  // The loops are in helpers both ways share, so whichever way a period takes first, the other
  // finds them optimised: a loop first run in the middle of a pass deoptimised it.
  if (everWorked === null || targets === null || cut - first <= last - cut)
    return sumTargets(w.accounts, first, cut, isTarget);
  const words = w.accountWords;
  return targetsAmong(everWorked, r * words, words, targets) - sumTargets(w.accounts, cut, last, isTarget);
}

/** How many of accounts[lo .. hi) are targets. */
function sumTargets(accounts: Int32Array, lo: number, hi: number, isTarget: Uint8Array): number {
  let n = 0;
  for (let k = lo; k < hi; k++) n += isTarget[accounts[k] as number] as number;
  return n;
}

/** How many accounts are set both in bits[at .. at + words) and in targets. */
function targetsAmong(bits: Int32Array, at: number, words: number, targets: Int32Array): number {
  let n = 0;
  for (let k = 0; k < words; k++) n += bitCount((bits[at + k] as number) & (targets[k] as number));
  return n;
}

const cache = new WeakMap<WorkingSet, WorkedAccounts>();

/** The working set's worked accounts, built on first use (only penetration without owners needs them). */
export function workedAccounts(ws: WorkingSet, facts: WorkingSetFacts): WorkedAccounts {
  let worked = cache.get(ws);
  if (!worked) {
    worked = buildWorkedAccounts(
      ws.activities.account,
      ws.activities.repStart,
      ws.accountCount,
      facts.dealStart,
      facts.repDealAccount,
    );
    cache.set(ws, worked);
  }
  return worked;
}
