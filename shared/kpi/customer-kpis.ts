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
const { DEAL_WON, NO_DAY } = domain;
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
 * with byWork (penetration without owners), also the target accounts won, every one of which is
 * touched. The targets themselves are then countWorkedTargets's, and with owners countOwnedTargets's.
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
  let repTargetsWon = 0;
  for (let k = 0; k < n; k++) {
    const acc = touched[k] as number;
    const at = acc * STRIDE;
    served++;
    // Added as 0 or 1 rather than branched on: whether an account was won before, or touched
    // often enough, follows no pattern, and the mispredicted branches cost more than the loads.
    servedExisting += +((firstWonDay[acc] as number) < from);
    if (acct[at + F_WON] === mark) {
      substantive++;
      if (byWork && acct[at + F_TARGET] === 1) repTargetsWon++;
    } else substantive += +((acct[at + F_TOUCHES] as number) >= touchesNeeded);
  }
  stats[base + S_SERVED] = served;
  stats[base + S_EXISTING] = servedExisting;
  stats[base + S_SUBSTANTIVE] = substantive;
  stats[base + S_TARGETS] = 0;
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
 * Without owners: the target accounts the rep worked with up to the period end, their
 * penetration denominator (countServed counts the won ones). Those are the accounts of the rep's
 * activities up to the period's last (positions before `end`), counted by the caller from the
 * working set's worked accounts (workedTargets), so a period no longer walks the rep's whole
 * activity history; then the accounts the rep won in the period and those of the rep's deals
 * begun by its end, each counted only when the rep's activities before `end` have not named it
 * already (dealFirstTouch), and once (F_OWN).
 */
export function countWorkedTargets(
  workedTargets: number,
  end: number,
  isTarget: Uint8Array,
  dealAccounts: Int32Array,
  dealStatus: Uint8Array,
  dealCreated: Int32Array,
  dealClosed: Int32Array,
  dealFirstTouch: Int32Array,
  dlo: number,
  dhi: number,
  from: number,
  to: number,
  acct: Int32Array,
  mark: number,
  stats: Float64Array,
  base: number,
): void {
  let targets = workedTargets;
  for (let k = dlo; k < dhi; k++) {
    const acc = dealAccounts[k] as number;
    if (acc < 0 || isTarget[acc] !== 1 || (dealFirstTouch[k] as number) < end) continue;
    const createdDay = dealCreated[k] as number;
    const closed = dealClosed[k] as number;
    const began = createdDay !== NO_DAY ? createdDay : closed;
    const wonInPeriod = dealStatus[k] === DEAL_WON && closed !== NO_DAY && closed >= from && closed <= to;
    if (!wonInPeriod && (began === NO_DAY || began > to)) continue;
    const at = acc * STRIDE;
    if (acct[at + F_OWN] === mark) continue;
    acct[at + F_OWN] = mark;
    targets++;
  }
  stats[base + S_TARGETS] = targets;
}
