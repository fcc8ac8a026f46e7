/**
 * Facts about a whole working set that no period changes (each account's first won deal, each
 * rep's first day, the data's first and last days, the deal columns grouped by rep), computed
 * once per working set and cached, so every period's pass starts from them.
 */
import * as domain from '../domain/types';
import type { WorkingSet } from '../domain/types';
import { dayNumber } from '../period/period';
import { countsToStarts } from './pass-layout';

const { DEAL_OPEN, DEAL_WON, NO_DAY } = domain;

/** A day after every real day: "never" in the per-rep and per-account first-day arrays. */
export const MAX_DAY = 2_147_483_647;

export interface WorkingSetFacts {
  /** Per account: the index of its first won deal (earliest close, then lowest index), or -1. */
  firstWonDeal: Int32Array;
  /** Per account: the close day of that deal, or MAX_DAY. */
  firstWonDay: Int32Array;
  /**
   * Per rep: the hire date's day number, else the first day they appear in any record (MAX_DAY
   * when never). Float64, so an unreadable hire date stays NaN as it was when parsed per pass.
   */
  hireDay: Float64Array;
  activityMin: number;
  activityMax: number;
  dataMin: number;
  dataMax: number;
  /** Some account names its owner: penetration then uses owners. */
  hasOwners: boolean;
  /** Deals grouped by rep: rep r's deals are the positions dealStart[r] .. dealStart[r + 1] - 1. */
  dealStart: Int32Array;
  /**
   * The deal columns the per-rep loops read, copied in that grouped order (by rep, then deal
   * index), so each rep's deals are read sequentially instead of through an index array.
   */
  repDealAccount: Int32Array;
  repDealStatus: Uint8Array;
  repDealCreated: Int32Array;
  repDealClosed: Int32Array;
}

const cache = new WeakMap<WorkingSet, WorkingSetFacts>();

export function workingSetFacts(ws: WorkingSet): WorkingSetFacts {
  const cached = cache.get(ws);
  if (cached) return cached;
  const nReps = ws.reps.length;
  const firstWonDeal = new Int32Array(ws.accountCount).fill(-1);
  const firstSeen = new Int32Array(nReps).fill(MAX_DAY);
  let dataMin = MAX_DAY;
  let dataMax = NO_DAY;
  const d = ws.deals;
  for (let i = 0; i < d.length; i++) {
    const created = d.createdDay[i] as number;
    const closed = d.closeDay[i] as number;
    // An open deal's close date is a plan, not data: it must not extend the data's last day.
    const closedData = d.status[i] === DEAL_OPEN ? NO_DAY : closed;
    if (created !== NO_DAY) {
      if (created < dataMin) dataMin = created;
      if (created > dataMax) dataMax = created;
    }
    if (closedData !== NO_DAY) {
      if (closedData < dataMin) dataMin = closedData;
      if (closedData > dataMax) dataMax = closedData;
    }
    const r = d.rep[i] as number;
    const seen = created !== NO_DAY ? created : closed;
    if (r >= 0 && seen !== NO_DAY && seen < (firstSeen[r] as number)) firstSeen[r] = seen;
    const account = d.account[i] as number;
    if (account < 0 || d.status[i] !== DEAL_WON || closed === NO_DAY) continue;
    const prev = firstWonDeal[account] as number;
    if (prev === -1 || closed < (d.closeDay[prev] as number)) firstWonDeal[account] = i;
  }
  const a = ws.activities;
  let activityMin = MAX_DAY;
  let activityMax = NO_DAY;
  for (let r = 0; r < nReps; r++) {
    const lo = a.repStart[r] as number;
    const hi = a.repStart[r + 1] as number;
    if (hi <= lo) continue;
    const first = a.day[lo] as number;
    if (first < (firstSeen[r] as number)) firstSeen[r] = first;
  }
  for (let i = 0; i < a.length; i++) {
    const day = a.day[i] as number;
    if (day === NO_DAY) continue;
    if (day < activityMin) activityMin = day;
    if (day > activityMax) activityMax = day;
  }
  if (activityMin < dataMin) dataMin = activityMin;
  if (activityMax > dataMax) dataMax = activityMax;
  const firstWonDay = new Int32Array(ws.accountCount).fill(MAX_DAY);
  for (let acc = 0; acc < ws.accountCount; acc++) {
    const deal = firstWonDeal[acc] as number;
    if (deal >= 0) firstWonDay[acc] = d.closeDay[deal] as number;
  }
  const hireDay = new Float64Array(nReps);
  for (const [r, rep] of ws.reps.entries())
    hireDay[r] = rep.hireDate ? dayNumber(rep.hireDate) : (firstSeen[r] as number);
  let hasOwners = false;
  for (let i = 0; i < ws.accounts.length && !hasOwners; i++)
    hasOwners = (ws.accounts.owner[i] as number) >= 0;
  const dealStart = new Int32Array(nReps + 1);
  for (let i = 0; i < d.length; i++) {
    const r = d.rep[i] as number;
    if (r >= 0 && r < nReps) dealStart[r + 1]!++;
  }
  countsToStarts(dealStart);
  const grouped = dealStart[nReps] as number;
  const repDealAccount = new Int32Array(grouped);
  const repDealStatus = new Uint8Array(grouped);
  const repDealCreated = new Int32Array(grouped);
  const repDealClosed = new Int32Array(grouped);
  const fill = dealStart.slice(0, nReps);
  for (let i = 0; i < d.length; i++) {
    const r = d.rep[i] as number;
    if (r < 0 || r >= nReps) continue;
    const k = fill[r]!++;
    repDealAccount[k] = d.account[i] as number;
    repDealStatus[k] = d.status[i] as number;
    repDealCreated[k] = d.createdDay[i] as number;
    repDealClosed[k] = d.closeDay[i] as number;
  }
  const out: WorkingSetFacts = {
    firstWonDeal,
    firstWonDay,
    hireDay,
    activityMin,
    activityMax,
    dataMin,
    dataMax,
    hasOwners,
    dealStart,
    repDealAccount,
    repDealStatus,
    repDealCreated,
    repDealClosed,
  };
  cache.set(ws, out);
  return out;
}
