import * as domain from '../domain/types';
import { TIERS, type Tier, type WorkingSet } from '../domain/types';
import { firstDayAtOrAfter } from '../analysis/activity-order';
import {
  dayNumber,
  holidayDays,
  nextPeriod,
  previousPeriod,
  workingDaysBetween,
  type Period,
} from '../period/period';
import { KPI_DEFINITIONS, type DataNeed, type KpiId } from './kpi-definitions';

export type KpiValues = Record<KpiId, number | null>;

/** Per tier A..D, then index 4 for records without an account. */
export const NO_ACCOUNT_SLOT = 4;
export const COVERAGE_SLOTS = 5;

export interface RepKpis {
  repIndex: number;
  values: KpiValues;
  closedDeals: number;
  /** Deals created in the period, whatever their status: evidence the rep was selling. */
  dealsCreated: number;
  activityCount: number;
  /** Working days the rep was active in the period: the denominator of per-day and per-week rates. */
  activeDays: number | null;
  /** Activities per tier (A..D, no account), for coverage alignment. */
  activityByTier: Float64Array;
  /** Won revenue per tier (A..D, no account). */
  revenueByTier: Float64Array;
}

export interface PeriodKpis {
  period: Period;
  /** Per data need: does the workspace hold it for this period? */
  dataAvailable: Record<DataNeed, boolean>;
  /** Per KPI: false when the data it needs is missing, so it is shown as unavailable, never 0. */
  kpiAvailable: Record<KpiId, boolean>;
  /** The last day with any record (activity, deal created or closed); NO_DAY for an empty workspace. */
  dataEndDay: number;
  /** The data ends inside the period. */
  partial: boolean;
  reps: RepKpis[];
}

export interface KpiOptions {
  /** Non-working days, ISO. */
  holidays?: readonly string[];
  /** A substantive relationship: at least this many touches in the period (default 3). */
  substantiveTouches?: number;
  /** Per account 0..3 (A..D), from shared/customers/tiers; null when tiers are unavailable. */
  tiers?: Uint8Array | null;
  /** The target segment (default A and B). */
  targetTiers?: readonly Tier[];
  /** Quotas are multiplied by this (quota files often state thousands). */
  quotaScale?: number;
}

// Local copies: under tsx (CLI, browser host) an imported binding read in a hot loop is a getter call.
const { ACTIVITY_CONNECTED, DEAL_LOST, DEAL_OPEN, DEAL_WON, NO_DAY } = domain;
const ACTIVITY_TYPES = domain.ACTIVITY_TYPES;
const CALL = ACTIVITY_TYPES.indexOf('call');
const MEETING = ACTIVITY_TYPES.indexOf('meeting');
const VISIT = ACTIVITY_TYPES.indexOf('visit');
const EMAIL = ACTIVITY_TYPES.indexOf('email');
const MAX_DAY = 2_147_483_647;

/** Per-account fields of the KPI pass's scratch array. Stamps hold rep + 1 of the rep being counted. */
const STRIDE = 8;
const F_STAMP = 0;
const F_TOUCHES = 1;
const F_LAST = 2;
const F_OPEN = 3;
const F_WON = 4;
const F_OWN = 5;
const F_SLOT = 6;
const F_TARGET = 7;

/** Facts about the whole working set that no period changes; computed once per working set. */
interface Prepared {
  /** Per account: the index of its first won deal (earliest close, then lowest index), or -1. */
  firstWonDeal: Int32Array;
  /** Per account: the close day of that deal, or MAX_DAY. */
  firstWonDay: Int32Array;
  /** Per rep: the first day they appear in any record; MAX_DAY when never. */
  firstSeen: Int32Array;
  activityMin: number;
  activityMax: number;
  dataMin: number;
  dataMax: number;
  /** Some account names its owner: penetration then uses owners. */
  hasOwners: boolean;
  /** Deal indices grouped by rep: rep r's deals are dealOrder[dealStart[r] .. dealStart[r + 1]). */
  dealOrder: Int32Array;
  dealStart: Int32Array;
}

const prepared = new WeakMap<WorkingSet, Prepared>();

function prepare(ws: WorkingSet): Prepared {
  const cached = prepared.get(ws);
  if (cached) return cached;
  const firstWonDeal = new Int32Array(ws.accountCount).fill(-1);
  const firstSeen = new Int32Array(ws.reps.length).fill(MAX_DAY);
  let dataMin = MAX_DAY;
  let dataMax = NO_DAY;
  const d = ws.deals;
  for (let i = 0; i < d.length; i++) {
    const created = d.createdDay[i] as number;
    const closed = d.closeDay[i] as number;
    // An open deal's close date is a plan, not data: it must not extend the data's last day.
    for (const day of [created, d.status[i] === DEAL_OPEN ? NO_DAY : closed]) {
      if (day === NO_DAY) continue;
      if (day < dataMin) dataMin = day;
      if (day > dataMax) dataMax = day;
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
  for (let r = 0; r < ws.reps.length; r++) {
    const lo = a.repStart[r] as number;
    const hi = a.repStart[r + 1] as number;
    if (hi > lo && (a.day[lo] as number) < (firstSeen[r] as number)) firstSeen[r] = a.day[lo] as number;
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
  let hasOwners = false;
  for (let i = 0; i < ws.accounts.length && !hasOwners; i++)
    hasOwners = (ws.accounts.owner[i] as number) >= 0;
  const dealStart = new Int32Array(ws.reps.length + 1);
  for (let i = 0; i < d.length; i++) {
    const r = d.rep[i] as number;
    if (r >= 0 && r < ws.reps.length) dealStart[r + 1]!++;
  }
  for (let r = 1; r <= ws.reps.length; r++) dealStart[r]! += dealStart[r - 1] as number;
  const dealOrder = new Int32Array(dealStart[ws.reps.length] as number);
  const fill = dealStart.slice(0, ws.reps.length);
  for (let i = 0; i < d.length; i++) {
    const r = d.rep[i] as number;
    if (r >= 0 && r < ws.reps.length) dealOrder[fill[r]!++] = i;
  }
  const out = {
    dealOrder,
    dealStart,
    firstWonDeal,
    firstWonDay,
    firstSeen,
    activityMin,
    activityMax,
    dataMin,
    dataMax,
    hasOwners,
  };
  prepared.set(ws, out);
  return out;
}

function median(values: Float64Array, length: number): number | null {
  if (length === 0) return null;
  const sorted = values.subarray(0, length).sort();
  const mid = length >> 1;
  return length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Quota per rep over [from, to], each row prorated by the days it shares with the window. */
export function quotaPerRep(ws: WorkingSet, from: number, to: number, scale: number): Float64Array {
  const out = new Float64Array(ws.reps.length);
  const q = ws.quotas;
  if (to < from) return out;
  for (let i = 0; i < q.length; i++) {
    const r = q.rep[i] as number;
    const start = q.startDay[i] as number;
    const end = q.endDay[i] as number;
    if (r < 0 || end < start) continue;
    const overlap = Math.min(end, to) - Math.max(start, from) + 1;
    if (overlap <= 0) continue;
    out[r]! += ((q.amount[i] as number) * scale * overlap) / (end - start + 1);
  }
  return out;
}

function quotasOverlap(ws: WorkingSet, from: number, to: number): boolean {
  const q = ws.quotas;
  for (let i = 0; i < q.length; i++) {
    if ((q.startDay[i] as number) <= to && (q.endDay[i] as number) >= from && (q.rep[i] as number) >= 0)
      return true;
  }
  return false;
}

/**
 * Computes every KPI for every rep over one period: one pass over the deals, one over each rep's
 * activities in the period (found by binary search: they are ordered by rep and day), with
 * per-account stamps instead of sets, so 1,000,000 activities take tens of milliseconds.
 * Pure: the working set is read, never changed. The rules are in kpi-definitions.ts.
 */
export function computeKpis(ws: WorkingSet, period: Period, options: KpiOptions = {}): PeriodKpis {
  const prep = prepare(ws);
  const nReps = ws.reps.length;
  const nAccounts = ws.accountCount;
  const from = dayNumber(period.start);
  const to = dayNumber(period.end);
  const dataEnd = prep.dataMax;
  const partial = dataEnd !== NO_DAY && dataEnd >= from && dataEnd < to;
  // A running period is compared with the same number of days of the previous one.
  const prev = previousPeriod(period);
  const prevFrom = dayNumber(prev.start);
  const prevTo = partial ? prevFrom + (dataEnd - from) : dayNumber(prev.end);
  const touchesNeeded = options.substantiveTouches ?? 3;
  const tiers = options.tiers ?? null;
  const target = new Uint8Array(TIERS.length);
  for (const t of options.targetTiers ?? ['A', 'B']) target[TIERS.indexOf(t)] = 1;
  // Per account: its coverage slot (tier A..D) and whether it is in the target segment, as flat
  // arrays: the activity loop reads them a million times.
  // Everything the loops keep per account sits in one Int32Array, 8 fields per account, so a
  // random account costs one cache line rather than one per field (see the F_* offsets).
  const acct = new Int32Array(nAccounts * STRIDE);
  for (let i = 0; i < nAccounts; i++) acct[i * STRIDE + F_SLOT] = TIERS.length - 1;
  let targetAccounts = 0;
  if (tiers) {
    for (let i = 0; i < nAccounts; i++) {
      const tier = tiers[i] as number;
      acct[i * STRIDE + F_SLOT] = tier;
      if (target[tier]) {
        acct[i * STRIDE + F_TARGET] = 1;
        targetAccounts++;
      }
    }
  }
  const tierSlot = (account: number): number =>
    account < 0 ? NO_ACCOUNT_SLOT : (acct[account * STRIDE + F_SLOT] as number);
  const isTarget = (account: number): boolean => account >= 0 && acct[account * STRIDE + F_TARGET] === 1;

  // ---- Deals ------------------------------------------------------------------------------
  const wonRevenue = new Float64Array(nReps);
  const prevRevenue = new Float64Array(nReps);
  const wonWithAmount = new Int32Array(nReps);
  const lostAmount = new Float64Array(nReps);
  const won = new Int32Array(nReps);
  const lost = new Int32Array(nReps);
  const created = new Int32Array(nReps);
  const newCustomers = new Int32Array(nReps);
  const targetRevenue = new Float64Array(nReps);
  const openPipeline = new Float64Array(nReps);
  const revenueByTier = Array.from({ length: nReps }, () => new Float64Array(COVERAGE_SLOTS));
  const available = {
    closed: false,
    amounts: false,
    dealAccounts: false,
    created: false,
    previous: false,
    open: false,
  };

  const d = ws.deals;
  for (let i = 0; i < d.length; i++) {
    const r = d.rep[i] as number;
    const createdDay = d.createdDay[i] as number;
    const closed = d.closeDay[i] as number;
    const status = d.status[i] as number;
    const amount = d.amount[i] as number;
    const account = d.account[i] as number;
    if (createdDay !== NO_DAY && createdDay >= from && createdDay <= to) {
      available.created = true;
      if (r >= 0) created[r]!++;
    }
    // Open at the period end: created by then, and not closed by then (or never).
    if (
      createdDay !== NO_DAY &&
      createdDay <= to &&
      (status === DEAL_OPEN || (closed !== NO_DAY && closed > to))
    ) {
      available.open = true;
      if (r >= 0 && !Number.isNaN(amount)) openPipeline[r]! += amount;
    }
    if (closed === NO_DAY || status === DEAL_OPEN) continue;
    if (status === DEAL_WON && closed >= prevFrom && closed <= prevTo) {
      available.previous ||= !Number.isNaN(amount) && amount !== 0;
      if (r >= 0 && !Number.isNaN(amount)) prevRevenue[r]! += amount;
    }
    if (closed < from || closed > to) continue;
    available.closed = true;
    if (!Number.isNaN(amount)) available.amounts = true;
    if (r < 0) continue;
    if (status === DEAL_WON) {
      won[r]!++;
      if (account >= 0) {
        available.dealAccounts = true;
        if (prep.firstWonDeal[account] === i) newCustomers[r]!++;
      }
      if (!Number.isNaN(amount)) {
        wonRevenue[r]! += amount;
        wonWithAmount[r]!++;
        revenueByTier[r]![tierSlot(account)]! += amount;
        if (isTarget(account)) targetRevenue[r]! += amount;
      }
    } else if (status === DEAL_LOST) {
      lost[r]!++;
      if (!Number.isNaN(amount)) lostAmount[r]! += amount;
    }
  }

  // ---- Quotas -------------------------------------------------------------------------------
  const scale = options.quotaScale ?? 1;
  const hasQuotas = quotasOverlap(ws, from, to);
  // While the period runs, the quota to date: what a director compares won revenue with.
  const quotaEnd = partial ? dataEnd : to;
  const quota = hasQuotas ? quotaPerRep(ws, from, quotaEnd, scale) : new Float64Array(nReps);
  const fullQuota = hasQuotas ? quotaPerRep(ws, from, to, scale) : quota;
  const next = nextPeriod(period);
  const nextQuota =
    hasQuotas && !partial ? quotaPerRep(ws, dayNumber(next.start), dayNumber(next.end), scale) : null;

  // ---- Activities -----------------------------------------------------------------------------
  const a = ws.activities;
  const holidays = holidayDays(options.holidays ?? []);
  const rateFrom = Math.max(from, prep.activityMin);
  const rateTo = Math.min(to, prep.activityMax);
  // Per-account scratch, stamped with the rep being counted (rep + 1) so nothing is ever cleared.
  const touched: number[] = [];
  let gaps = new Float64Array(1024);
  let cycles = new Float64Array(64);
  const activityByTier = Array.from({ length: nReps }, () => new Float64Array(COVERAGE_SLOTS));
  // Owners first: which target accounts each rep owns (when the accounts file names owners).
  const ownedTarget: number[][] = Array.from({ length: nReps }, () => []);
  if (prep.hasOwners && tiers) {
    for (let acc = 0; acc < ws.accounts.length; acc++) {
      const owner = ws.accounts.owner[acc] as number;
      if (owner >= 0 && isTarget(acc)) ownedTarget[owner]!.push(acc);
    }
  }

  let activitiesInPeriod = 0;
  let activitiesWithAccount = 0;
  const scratch: RepScratch[] = [];
  const firstWonDay = prep.firstWonDay;
  for (let r = 0; r < nReps; r++) {
    const mark = r + 1;
    const lo = a.repStart[r] as number;
    const hi = a.repStart[r + 1] as number;
    const start = firstDayAtOrAfter(a.day, lo, hi, from);
    const end = firstDayAtOrAfter(a.day, start, hi, to + 1);
    // The rep's deals: accounts with a deal open at the period end, accounts won in it, and the
    // sales cycles of the deals won in it.
    const dlo = prep.dealStart[r] as number;
    const dhi = prep.dealStart[r + 1] as number;
    let cycleCount = 0;
    for (let k = dlo; k < dhi; k++) {
      const i = prep.dealOrder[k] as number;
      const account = d.account[i] as number;
      const status = d.status[i] as number;
      const createdDay = d.createdDay[i] as number;
      const closed = d.closeDay[i] as number;
      if (status === DEAL_WON && closed !== NO_DAY && closed >= from && closed <= to) {
        if (account >= 0) acct[account * STRIDE + F_WON] = mark;
        if (createdDay !== NO_DAY && closed >= createdDay) {
          if (cycleCount === cycles.length) {
            const bigger = new Float64Array(cycles.length * 2);
            bigger.set(cycles);
            cycles = bigger;
          }
          cycles[cycleCount++] = closed - createdDay;
        }
      }
      if (
        account >= 0 &&
        createdDay !== NO_DAY &&
        createdDay <= to &&
        (status === DEAL_OPEN || (closed !== NO_DAY && closed > to))
      )
        acct[account * STRIDE + F_OPEN] = mark;
    }
    let calls = 0;
    let meetings = 0;
    let visits = 0;
    let emails = 0;
    let quality = 0;
    let gapCount = 0;
    touched.length = 0;
    const byTier = activityByTier[r]!;
    for (let i = start; i < end; i++) {
      const type = a.type[i] as number;
      const account = a.account[i] as number;
      if (account < 0) {
        byTier[NO_ACCOUNT_SLOT]!++;
        if (type === CALL) calls++;
        else if (type === MEETING) meetings++;
        else if (type === VISIT) visits++;
        else if (type === EMAIL) emails++;
        continue;
      }
      byTier[acct[account * STRIDE + F_SLOT] as number]!++;
      activitiesWithAccount++;
      if (acct[account * STRIDE + F_STAMP] !== mark) {
        acct[account * STRIDE + F_STAMP] = mark;
        acct[account * STRIDE + F_TOUCHES] = 0;
        acct[account * STRIDE + F_LAST] = NO_DAY;
        touched.push(account);
      }
      // Quality: a meeting, a visit or a connected call with a target-segment account.
      if (type === CALL) {
        calls++;
        if (acct[account * STRIDE + F_TARGET] === 1 && ((a.flags[i] as number) & ACTIVITY_CONNECTED) !== 0)
          quality++;
      } else if (type === MEETING) {
        meetings++;
        if (acct[account * STRIDE + F_TARGET] === 1) quality++;
      } else if (type === VISIT) {
        visits++;
        if (acct[account * STRIDE + F_TARGET] === 1) quality++;
      } else if (type === EMAIL) emails++;
      else continue;
      acct[account * STRIDE + F_TOUCHES]!++;
      const day = a.day[i] as number;
      if (acct[account * STRIDE + F_OPEN] === mark) {
        const last = acct[account * STRIDE + F_LAST] as number;
        if (last !== NO_DAY) {
          if (gapCount === gaps.length) {
            const bigger = new Float64Array(gaps.length * 2);
            bigger.set(gaps);
            gaps = bigger;
          }
          gaps[gapCount++] = day - last;
        }
        acct[account * STRIDE + F_LAST] = day;
      }
    }
    activitiesInPeriod += end - start;

    // Customers served and substantive relationships: touched accounts plus accounts won.
    let served = 0;
    let servedExisting = 0;
    let substantive = 0;
    for (let k = dlo; k < dhi; k++) {
      const acc = d.account[prep.dealOrder[k] as number] as number;
      if (acc < 0 || acct[acc * STRIDE + F_WON] !== mark || acct[acc * STRIDE + F_STAMP] === mark) continue;
      acct[acc * STRIDE + F_STAMP] = mark;
      acct[acc * STRIDE + F_TOUCHES] = 0;
      touched.push(acc);
    }
    // Penetration: the rep's target accounts, and those of them won in the period. Without
    // owners, the rep's accounts are those they worked with up to the period end: the accounts
    // touched in the period (counted in the loop below), those before it, and their deals'.
    const byWork = tiers !== null && targetAccounts > 0 && !prep.hasOwners;
    let repTargets = 0;
    let repTargetsWon = 0;
    for (let k = 0; k < touched.length; k++) {
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
    if (tiers !== null && targetAccounts > 0 && prep.hasOwners) {
      for (const acc of ownedTarget[r]!) {
        repTargets++;
        if (acct[acc * STRIDE + F_WON] === mark) repTargetsWon++;
      }
    } else if (byWork) {
      const visit = (acc: number): void => {
        const at = acc * STRIDE;
        if (acc < 0 || acct[at + F_OWN] === mark || acct[at + F_TARGET] !== 1) return;
        acct[at + F_OWN] = mark;
        repTargets++;
        if (acct[at + F_WON] === mark) repTargetsWon++;
      };
      for (let i = lo; i < start; i++) visit(a.account[i] as number);
      for (let k = dlo; k < dhi; k++) {
        const i = prep.dealOrder[k] as number;
        const createdDay = d.createdDay[i] as number;
        const began = createdDay !== NO_DAY ? createdDay : (d.closeDay[i] as number);
        if (began !== NO_DAY && began <= to) visit(d.account[i] as number);
      }
    }

    scratch.push({
      activityCount: end - start,
      calls,
      meetings,
      visits,
      emails,
      quality,
      served,
      servedExisting,
      substantive,
      repTargets,
      repTargetsWon,
      followUp: median(gaps, gapCount),
      cycle: median(cycles, cycleCount),
    });
  }
  // Activities of rows without a rep still show the data exists.
  let noRepInPeriod = 0;
  for (let i = a.repStart[nReps] as number; i < a.length; i++) {
    const day = a.day[i] as number;
    if (day >= from && day <= to) noRepInPeriod++;
  }

  const dataAvailable: Record<DataNeed, boolean> = {
    closed_deals: available.closed,
    deal_amounts: available.amounts,
    deal_accounts: available.dealAccounts,
    created_dates: available.created,
    quotas: hasQuotas,
    tiers: tiers !== null && targetAccounts > 0,
    previous_period: available.previous,
    activities: activitiesInPeriod + noRepInPeriod > 0,
    activity_accounts: activitiesWithAccount > 0,
    open_deals: available.open,
  };
  const kpiAvailable = Object.fromEntries(
    KPI_DEFINITIONS.map((k) => [k.id, k.needs.every((need) => dataAvailable[need])]),
  ) as Record<KpiId, boolean>;

  const reps: RepKpis[] = [];
  for (let r = 0; r < nReps; r++) {
    const s = scratch[r]!;
    const rep = ws.reps[r]!;
    const closedDeals = (won[r] as number) + (lost[r] as number);
    // Active days: from the later of the period start, the first activity in the data and the
    // rep's hire date (or first record), to the earlier of the period end and the last activity.
    const hire = rep.hireDate ? dayNumber(rep.hireDate) : (prep.firstSeen[r] as number);
    const hasActivityRange = dataAvailable.activities;
    const windowFrom = hasActivityRange ? rateFrom : Math.max(from, prep.dataMin);
    const windowTo = hasActivityRange ? rateTo : Math.min(to, dataEnd);
    const startDay = hire !== MAX_DAY && hire > windowFrom ? hire : windowFrom;
    // A rep whose records in the window all fall on non-working days (a deal closed on a
    // Saturday, the data's last day) was still active: one day, never zero, so they are not
    // refused as "too few active days" next to a colleague who closed the day before.
    const working = windowTo >= startDay ? workingDaysBetween(startDay, windowTo, holidays) : 0;
    const hasRecord = closedDeals > 0 || s.activityCount > 0 || (created[r] as number) > 0;
    const activeDays = working === 0 && hasRecord && windowTo >= startDay ? 1 : working;
    const weeks = activeDays / 5;
    const av = (id: KpiId, value: number | null): number | null => (kpiAvailable[id] ? value : null);
    const perDay = (id: KpiId, count: number): number | null =>
      av(id, activeDays > 0 ? count / activeDays : null);
    const perWeek = (id: KpiId, count: number): number | null => av(id, weeks > 0 ? count / weeks : null);
    const closedValue = (wonRevenue[r] as number) + (lostAmount[r] as number);
    const remaining = partial ? (fullQuota[r] as number) - (wonRevenue[r] as number) : (nextQuota?.[r] ?? 0);
    const values: KpiValues = {
      won_revenue: av('won_revenue', wonRevenue[r] as number),
      deals_won: av('deals_won', won[r] as number),
      deals_lost: av('deals_lost', lost[r] as number),
      win_rate: av('win_rate', closedDeals > 0 ? (won[r] as number) / closedDeals : null),
      win_rate_value: av('win_rate_value', closedValue > 0 ? (wonRevenue[r] as number) / closedValue : null),
      avg_deal_size: av(
        'avg_deal_size',
        (wonWithAmount[r] as number) > 0 ? (wonRevenue[r] as number) / (wonWithAmount[r] as number) : null,
      ),
      quota_attainment: av(
        'quota_attainment',
        (quota[r] as number) > 0 ? (wonRevenue[r] as number) / (quota[r] as number) : null,
      ),
      new_customers_won: av('new_customers_won', newCustomers[r] as number),
      target_segment_revenue: av('target_segment_revenue', targetRevenue[r] as number),
      target_segment_penetration: av(
        'target_segment_penetration',
        s.repTargets > 0 ? s.repTargetsWon / s.repTargets : null,
      ),
      revenue_growth: av(
        'revenue_growth',
        (prevRevenue[r] as number) > 0
          ? ((wonRevenue[r] as number) - (prevRevenue[r] as number)) / (prevRevenue[r] as number)
          : null,
      ),
      sales_cycle_days: av('sales_cycle_days', s.cycle),
      activities: av('activities', s.activityCount),
      calls: av('calls', s.calls),
      meetings: av('meetings', s.meetings),
      visits: av('visits', s.visits),
      emails: av('emails', s.emails),
      activities_per_day: perDay('activities_per_day', s.activityCount),
      calls_per_day: perDay('calls_per_day', s.calls),
      meetings_per_week: perWeek('meetings_per_week', s.meetings + s.visits),
      emails_per_day: perDay('emails_per_day', s.emails),
      quality_contacts_per_week: perWeek('quality_contacts_per_week', s.quality),
      substantive_relationships: av('substantive_relationships', s.substantive),
      customers_served: av('customers_served', s.served),
      customers_served_existing: av('customers_served_existing', s.servedExisting),
      customers_served_new: av('customers_served_new', s.served - s.servedExisting),
      prospects_created: av('prospects_created', created[r] as number),
      prospects_per_week: perWeek('prospects_per_week', created[r] as number),
      follow_up_days: av('follow_up_days', s.followUp),
      pipeline_coverage: av(
        'pipeline_coverage',
        remaining > 0 ? (openPipeline[r] as number) / remaining : null,
      ),
    };
    reps.push({
      repIndex: r,
      values,
      closedDeals,
      dealsCreated: created[r] as number,
      activityCount: s.activityCount,
      activeDays,
      activityByTier: activityByTier[r]!,
      revenueByTier: revenueByTier[r]!,
    });
  }
  return { period, dataAvailable, kpiAvailable, dataEndDay: dataEnd, partial, reps };
}

interface RepScratch {
  activityCount: number;
  calls: number;
  meetings: number;
  visits: number;
  emails: number;
  quality: number;
  served: number;
  servedExisting: number;
  substantive: number;
  repTargets: number;
  repTargetsWon: number;
  followUp: number | null;
  cycle: number | null;
}
