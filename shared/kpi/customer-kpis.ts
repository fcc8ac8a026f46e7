/**
 * The customer figures, rep by rep, over the accounts the activity walk stamped: customers served
 * (new and existing), substantive relationships, and target-segment penetration, the share of
 * the rep's target accounts won, where the rep's accounts are those they own when the accounts
 * file names owners, else those they worked with up to the period end.
 */
import * as domain from '../domain/types';
import type { AccountColumns } from '../domain/types';
import * as layout from './pass-layout';
import { countsToStarts, type RepScratch } from './pass-layout';

// Local copies: an imported binding read in a hot loop is a getter call (see pass-layout.ts).
const { NO_DAY } = domain;
const { STRIDE, F_STAMP, F_TOUCHES, F_WON, F_OWN, F_TARGET } = layout;
const { S_SERVED, S_EXISTING, S_SUBSTANTIVE, S_TARGETS, S_TARGETS_WON } = layout;

/** Accounts the rep won a deal with in the period but did not touch join the touched accounts. */
export function addWonAccounts(
  accounts: Int32Array,
  lo: number,
  hi: number,
  mark: number,
  acct: Int32Array,
  sc: RepScratch,
): void {
  const touched = sc.touched;
  let touchedCount = sc.touchedCount;
  for (let k = lo; k < hi; k++) {
    const acc = accounts[k] as number;
    if (acc < 0 || acct[acc * STRIDE + F_WON] !== mark || acct[acc * STRIDE + F_STAMP] === mark) continue;
    acct[acc * STRIDE + F_STAMP] = mark;
    acct[acc * STRIDE + F_TOUCHES] = 0;
    touched[touchedCount++] = acc;
  }
  sc.touchedCount = touchedCount;
}

/**
 * Customers served (new and existing) and substantive relationships over the touched accounts;
 * with byWork, the touched target accounts are the rep's (F_OWN) for penetration.
 */
export function countServed(
  sc: RepScratch,
  acct: Int32Array,
  firstWonDay: Int32Array,
  mark: number,
  from: number,
  touchesNeeded: number,
  byWork: boolean,
  stats: Float64Array,
  base: number,
): void {
  const touched = sc.touched;
  const n = sc.touchedCount;
  let served = 0;
  let servedExisting = 0;
  let substantive = 0;
  let repTargets = 0;
  let repTargetsWon = 0;
  for (let k = 0; k < n; k++) {
    const acc = touched[k] as number;
    const at = acc * STRIDE;
    const wonIt = acct[at + F_WON] === mark;
    served++;
    if ((firstWonDay[acc] as number) < from) servedExisting++;
    if (wonIt || (acct[at + F_TOUCHES] as number) >= touchesNeeded) substantive++;
    if (byWork && acct[at + F_TARGET] === 1) {
      acct[at + F_OWN] = mark;
      repTargets++;
      if (wonIt) repTargetsWon++;
    }
  }
  stats[base + S_SERVED] = served;
  stats[base + S_EXISTING] = servedExisting;
  stats[base + S_SUBSTANTIVE] = substantive;
  stats[base + S_TARGETS] = repTargets;
  stats[base + S_TARGETS_WON] = repTargetsWon;
}

/** The target accounts grouped by owner: owner r's are accounts[start[r] .. start[r + 1]). */
export interface OwnedTargets {
  start: Int32Array;
  accounts: Int32Array;
}

/** Which target accounts each rep owns, from the accounts file's owners. */
export function ownedTargets(accounts: AccountColumns, nReps: number, acct: Int32Array): OwnedTargets {
  const owner = accounts.owner;
  const start = new Int32Array(nReps + 1);
  for (let acc = 0; acc < accounts.length; acc++) {
    const o = owner[acc] as number;
    if (o >= 0 && acct[acc * STRIDE + F_TARGET] === 1) start[o + 1]!++;
  }
  countsToStarts(start);
  const owned = new Int32Array(start[nReps] as number);
  const fill = start.slice(0, nReps);
  for (let acc = 0; acc < accounts.length; acc++) {
    const o = owner[acc] as number;
    if (o >= 0 && acct[acc * STRIDE + F_TARGET] === 1) owned[fill[o]!++] = acc;
  }
  return { start, accounts: owned };
}

/** The target accounts the rep owns (positions lo..hi of the owned list), and those won. */
export function countOwnedTargets(
  owned: Int32Array,
  lo: number,
  hi: number,
  acct: Int32Array,
  mark: number,
  stats: Float64Array,
  base: number,
): void {
  let repTargets = stats[base + S_TARGETS] as number;
  let repTargetsWon = stats[base + S_TARGETS_WON] as number;
  for (let k = lo; k < hi; k++) {
    repTargets++;
    if (acct[(owned[k] as number) * STRIDE + F_WON] === mark) repTargetsWon++;
  }
  stats[base + S_TARGETS] = repTargets;
  stats[base + S_TARGETS_WON] = repTargetsWon;
}

/**
 * Without owners: a target account the rep worked with counts once as theirs (F_OWN). The target
 * flag is read from the compact per-account array first: most accounts are not targets, and then
 * their 32-byte scratch record (a likely cache miss) is never read.
 */
function visitTarget(
  acc: number,
  isTarget: Uint8Array,
  acct: Int32Array,
  mark: number,
  stats: Float64Array,
  base: number,
): void {
  if (acc < 0 || isTarget[acc] !== 1) return;
  const at = acc * STRIDE;
  if (acct[at + F_OWN] === mark) return;
  acct[at + F_OWN] = mark;
  stats[base + S_TARGETS]!++;
  if (acct[at + F_WON] === mark) stats[base + S_TARGETS_WON]!++;
}

/** Without owners: the accounts of the rep's activities before the period, and of deals begun by its end. */
export function visitWorkedTargets(
  activityAccounts: Int32Array,
  lo: number,
  start: number,
  dealAccounts: Int32Array,
  dealCreated: Int32Array,
  dealClosed: Int32Array,
  dlo: number,
  dhi: number,
  to: number,
  isTarget: Uint8Array,
  acct: Int32Array,
  mark: number,
  stats: Float64Array,
  base: number,
): void {
  for (let i = lo; i < start; i++)
    visitTarget(activityAccounts[i] as number, isTarget, acct, mark, stats, base);
  for (let k = dlo; k < dhi; k++) {
    const createdDay = dealCreated[k] as number;
    const began = createdDay !== NO_DAY ? createdDay : (dealClosed[k] as number);
    if (began !== NO_DAY && began <= to)
      visitTarget(dealAccounts[k] as number, isTarget, acct, mark, stats, base);
  }
}
