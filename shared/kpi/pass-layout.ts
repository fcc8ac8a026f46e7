/**
 * The scratch memory the KPI pass's loops share: the per-account record (STRIDE fields per
 * account, stamped with the rep being counted), the per-rep statistics row (STATS numbers per
 * rep), the growable per-rep buffers, and the helpers that build them. One layout in one place,
 * because every module of the pass reads and writes the same arrays at these offsets.
 */
import { TIERS, type Tier } from '../domain/types';

/*
 * A module of the pass that reads these offsets in a loop takes local copies of them
 * (`const { STRIDE, F_SLOT } = layout`): under tsx (CLI, browser host) an imported binding read
 * in a hot loop is a getter call.
 */

/** Per-account fields of the KPI pass's scratch array. Stamps hold rep + 1 of the rep being counted. */
export const STRIDE = 8;
export const F_STAMP = 0;
export const F_TOUCHES = 1;
export const F_LAST = 2;
export const F_OPEN = 3;
export const F_WON = 4;
export const F_OWN = 5;
export const F_SLOT = 6;
export const F_TARGET = 7;

/**
 * Per-rep figures of the activity part, STATS numbers per rep in one array. The medians are NaN
 * when there is nothing to take the median of (null in the KPIs): a Float64Array keeps them
 * unboxed, where number | null would not.
 */
export const STATS = 13;
export const S_ACTIVITIES = 0;
export const S_CALLS = 1;
export const S_MEETINGS = 2;
export const S_VISITS = 3;
export const S_EMAILS = 4;
export const S_QUALITY = 5;
export const S_SERVED = 6;
export const S_EXISTING = 7;
export const S_SUBSTANTIVE = 8;
export const S_TARGETS = 9;
export const S_TARGETS_WON = 10;
export const S_FOLLOW_UP = 11;
export const S_CYCLE = 12;

/** Growable scratch shared by the per-rep functions of one pass (one shape, never re-allocated per rep). */
export class RepScratch {
  gaps = new Float64Array(1024);
  gapCount = 0;
  cycles = new Float64Array(64);
  cycleCount = 0;
  /** Accounts stamped for the current rep; each at most once per rep, so nAccounts is enough. */
  readonly touched: Int32Array;
  touchedCount = 0;
  constructor(nAccounts: number) {
    this.touched = new Int32Array(nAccounts);
  }
}

export interface AccountScratch {
  /** STRIDE fields per account (F_*), with each account's tier slot and target flag set. */
  acct: Int32Array;
  /** The target flag again, one byte per account, for loops that skip non-targets unread. */
  isTarget: Uint8Array;
  /** Tiers are given and at least one account is in the target segment. */
  hasTiers: boolean;
}

/**
 * The per-account scratch of one pass. Everything the loops keep per account sits in one
 * Int32Array, STRIDE fields per account, so a random account costs one cache line rather than
 * one per field; the activity loop reads an account's coverage slot (tier A..D) and target flag
 * a million times. Without tiers every account is in the last tier's slot and none is a target.
 */
export function accountScratch(
  nAccounts: number,
  tiers: Uint8Array | null,
  targetTiers: readonly Tier[],
): AccountScratch {
  const target = new Uint8Array(TIERS.length);
  for (const t of targetTiers) target[TIERS.indexOf(t)] = 1;
  const acct = new Int32Array(nAccounts * STRIDE);
  const isTarget = new Uint8Array(nAccounts);
  const lastTier = TIERS.length - 1;
  for (let i = 0; i < nAccounts; i++) acct[i * STRIDE + F_SLOT] = lastTier;
  let targetAccounts = 0;
  if (tiers) {
    for (let i = 0; i < nAccounts; i++) {
      const tier = tiers[i] as number;
      acct[i * STRIDE + F_SLOT] = tier;
      if (target[tier]) {
        acct[i * STRIDE + F_TARGET] = 1;
        isTarget[i] = 1;
        targetAccounts++;
      }
    }
  }
  return { acct, isTarget, hasTiers: tiers !== null && targetAccounts > 0 };
}

/**
 * Turns counts per group, held at starts[g + 1], into start offsets in place: group g is then
 * starts[g] .. starts[g + 1] - 1 (counting-sort grouping of deals by rep, accounts by owner).
 */
export function countsToStarts(starts: Int32Array): void {
  for (let g = 1; g < starts.length; g++) starts[g]! += starts[g - 1] as number;
}
