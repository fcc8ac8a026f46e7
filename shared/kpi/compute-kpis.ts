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
import { medianOfPrefix } from '../stats/statistics';

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

const prepared = new WeakMap<WorkingSet, Prepared>();

function prepare(ws: WorkingSet): Prepared {
  const cached = prepared.get(ws);
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
  const hireDay = new Float64Array(nReps);
  for (let r = 0; r < nReps; r++) {
    const hireDate = ws.reps[r]!.hireDate;
    hireDay[r] = hireDate ? dayNumber(hireDate) : (firstSeen[r] as number);
  }
  let hasOwners = false;
  for (let i = 0; i < ws.accounts.length && !hasOwners; i++)
    hasOwners = (ws.accounts.owner[i] as number) >= 0;
  const dealStart = new Int32Array(nReps + 1);
  for (let i = 0; i < d.length; i++) {
    const r = d.rep[i] as number;
    if (r >= 0 && r < nReps) dealStart[r + 1]!++;
  }
  for (let r = 1; r <= nReps; r++) dealStart[r]! += dealStart[r - 1] as number;
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
  const out: Prepared = {
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
  prepared.set(ws, out);
  return out;
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

// Deal-pass availability, as bits of one number: a record of booleans would be an object
// written in every iteration of the loop over all deals.
const HAS_CLOSED = 1;
const HAS_AMOUNTS = 2;
const HAS_DEAL_ACCOUNTS = 4;
const HAS_CREATED = 8;
const HAS_PREVIOUS = 16;
const HAS_OPEN = 32;

/**
 * Per-rep figures of the activity part, STATS numbers per rep in one array. The medians are NaN
 * when there is nothing to take the median of (null in the KPIs): a Float64Array keeps them
 * unboxed, where number | null would not.
 */
const STATS = 13;
const S_ACTIVITIES = 0;
const S_CALLS = 1;
const S_MEETINGS = 2;
const S_VISITS = 3;
const S_EMAILS = 4;
const S_QUALITY = 5;
const S_SERVED = 6;
const S_EXISTING = 7;
const S_SUBSTANTIVE = 8;
const S_TARGETS = 9;
const S_TARGETS_WON = 10;
const S_FOLLOW_UP = 11;
const S_CYCLE = 12;

/*
 * Why the pass is many small functions with typed-array arguments: V8 optimises a function
 * after a few calls, and a function called once per rep is called hundreds of times per pass,
 * so the per-rep loops run optimised from the first period on. As one large function the pass
 * ran unoptimised, loop by loop, for its first calls of every new kind of period and deoptimised
 * again and again (insufficient type feedback in branches not yet taken): a new quarter cost
 * 90-290 ms instead of 30-45 (docs/decisions.md, "Speed"). Columns are passed as arguments
 * (never read as `ws.activities.type` in a loop), each function sees one typed-array kind per
 * argument, and no closure or object of changing shape is made per rep.
 */

/** Per-rep sums of the deal pass. */
class DealTotals {
  readonly wonRevenue: Float64Array;
  readonly prevRevenue: Float64Array;
  readonly wonWithAmount: Int32Array;
  readonly lostAmount: Float64Array;
  readonly won: Int32Array;
  readonly lost: Int32Array;
  readonly created: Int32Array;
  readonly newCustomers: Int32Array;
  readonly targetRevenue: Float64Array;
  readonly openPipeline: Float64Array;
  /** Won revenue per rep and tier slot (A..D, no account): COVERAGE_SLOTS per rep. */
  readonly revenueByTier: Float64Array;
  constructor(nReps: number) {
    this.wonRevenue = new Float64Array(nReps);
    this.prevRevenue = new Float64Array(nReps);
    this.wonWithAmount = new Int32Array(nReps);
    this.lostAmount = new Float64Array(nReps);
    this.won = new Int32Array(nReps);
    this.lost = new Int32Array(nReps);
    this.created = new Int32Array(nReps);
    this.newCustomers = new Int32Array(nReps);
    this.targetRevenue = new Float64Array(nReps);
    this.openPipeline = new Float64Array(nReps);
    this.revenueByTier = new Float64Array(nReps * COVERAGE_SLOTS);
  }
}

/** One pass over every deal: the per-rep sums, and which deal data the period has (HAS_* bits). */
function dealPass(
  rep: Int32Array,
  createdDays: Int32Array,
  closeDays: Int32Array,
  statuses: Uint8Array,
  amounts: Float64Array,
  accounts: Int32Array,
  length: number,
  from: number,
  to: number,
  prevFrom: number,
  prevTo: number,
  firstWonDeal: Int32Array,
  acct: Int32Array,
  t: DealTotals,
): number {
  const wonRevenue = t.wonRevenue;
  const prevRevenue = t.prevRevenue;
  const wonWithAmount = t.wonWithAmount;
  const lostAmount = t.lostAmount;
  const won = t.won;
  const lost = t.lost;
  const created = t.created;
  const newCustomers = t.newCustomers;
  const targetRevenue = t.targetRevenue;
  const openPipeline = t.openPipeline;
  const revenueByTier = t.revenueByTier;
  let flags = 0;
  for (let i = 0; i < length; i++) {
    const r = rep[i] as number;
    const createdDay = createdDays[i] as number;
    const closed = closeDays[i] as number;
    const status = statuses[i] as number;
    const amount = amounts[i] as number;
    const account = accounts[i] as number;
    if (createdDay !== NO_DAY && createdDay >= from && createdDay <= to) {
      flags |= HAS_CREATED;
      if (r >= 0) created[r]!++;
    }
    // Open at the period end: created by then, and not closed by then (or never).
    if (
      createdDay !== NO_DAY &&
      createdDay <= to &&
      (status === DEAL_OPEN || (closed !== NO_DAY && closed > to))
    ) {
      flags |= HAS_OPEN;
      if (r >= 0 && !Number.isNaN(amount)) openPipeline[r]! += amount;
    }
    if (closed === NO_DAY || status === DEAL_OPEN) continue;
    if (status === DEAL_WON && closed >= prevFrom && closed <= prevTo) {
      if (!Number.isNaN(amount) && amount !== 0) flags |= HAS_PREVIOUS;
      if (r >= 0 && !Number.isNaN(amount)) prevRevenue[r]! += amount;
    }
    if (closed < from || closed > to) continue;
    flags |= HAS_CLOSED;
    if (!Number.isNaN(amount)) flags |= HAS_AMOUNTS;
    if (r < 0) continue;
    if (status === DEAL_WON) {
      won[r]!++;
      if (account >= 0) {
        flags |= HAS_DEAL_ACCOUNTS;
        if (firstWonDeal[account] === i) newCustomers[r]!++;
      }
      if (!Number.isNaN(amount)) {
        wonRevenue[r]! += amount;
        wonWithAmount[r]!++;
        const slot = account < 0 ? NO_ACCOUNT_SLOT : (acct[account * STRIDE + F_SLOT] as number);
        revenueByTier[r * COVERAGE_SLOTS + slot]! += amount;
        if (account >= 0 && acct[account * STRIDE + F_TARGET] === 1) targetRevenue[r]! += amount;
      }
    } else if (status === DEAL_LOST) {
      lost[r]!++;
      if (!Number.isNaN(amount)) lostAmount[r]! += amount;
    }
  }
  return flags;
}

/** Growable scratch shared by the per-rep functions of one pass (one shape, never re-allocated per rep). */
class RepScratch {
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

/**
 * The rep's deals (positions lo..hi of the rep-grouped columns): marks accounts with a deal open
 * at the period end (F_OPEN) and won in it (F_WON), and collects the sales cycles of deals won.
 */
function markRepDeals(
  accounts: Int32Array,
  statuses: Uint8Array,
  createdDays: Int32Array,
  closeDays: Int32Array,
  lo: number,
  hi: number,
  from: number,
  to: number,
  mark: number,
  acct: Int32Array,
  sc: RepScratch,
): void {
  let cycles = sc.cycles;
  let cycleCount = 0;
  for (let k = lo; k < hi; k++) {
    const account = accounts[k] as number;
    const status = statuses[k] as number;
    const createdDay = createdDays[k] as number;
    const closed = closeDays[k] as number;
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
  sc.cycles = cycles;
  sc.cycleCount = cycleCount;
}

/**
 * The rep's activities in the period (start..end): counts by type, quality contacts, touches per
 * account, activities per tier slot, and the follow-up gaps on accounts with an open deal.
 * Returns how many of them name an account.
 */
function countActivities(
  types: Uint8Array,
  accounts: Int32Array,
  days: Int32Array,
  flags: Uint8Array,
  start: number,
  end: number,
  mark: number,
  acct: Int32Array,
  byTier: Float64Array,
  tierBase: number,
  sc: RepScratch,
  stats: Float64Array,
  base: number,
): number {
  let calls = 0;
  let meetings = 0;
  let visits = 0;
  let emails = 0;
  let quality = 0;
  let withAccount = 0;
  let gaps = sc.gaps;
  let gapCount = 0;
  const touched = sc.touched;
  let touchedCount = 0;
  for (let i = start; i < end; i++) {
    const type = types[i] as number;
    const account = accounts[i] as number;
    if (account < 0) {
      byTier[tierBase + NO_ACCOUNT_SLOT]!++;
      if (type === CALL) calls++;
      else if (type === MEETING) meetings++;
      else if (type === VISIT) visits++;
      else if (type === EMAIL) emails++;
      continue;
    }
    const at = account * STRIDE;
    byTier[tierBase + (acct[at + F_SLOT] as number)]!++;
    withAccount++;
    if (acct[at + F_STAMP] !== mark) {
      acct[at + F_STAMP] = mark;
      acct[at + F_TOUCHES] = 0;
      acct[at + F_LAST] = NO_DAY;
      touched[touchedCount++] = account;
    }
    // Quality: a meeting, a visit or a connected call with a target-segment account.
    if (type === CALL) {
      calls++;
      if (acct[at + F_TARGET] === 1 && ((flags[i] as number) & ACTIVITY_CONNECTED) !== 0) quality++;
    } else if (type === MEETING) {
      meetings++;
      if (acct[at + F_TARGET] === 1) quality++;
    } else if (type === VISIT) {
      visits++;
      if (acct[at + F_TARGET] === 1) quality++;
    } else if (type === EMAIL) emails++;
    else continue;
    acct[at + F_TOUCHES]!++;
    if (acct[at + F_OPEN] === mark) {
      const day = days[i] as number;
      const last = acct[at + F_LAST] as number;
      if (last !== NO_DAY) {
        if (gapCount === gaps.length) {
          const bigger = new Float64Array(gaps.length * 2);
          bigger.set(gaps);
          gaps = bigger;
        }
        gaps[gapCount++] = day - last;
      }
      acct[at + F_LAST] = day;
    }
  }
  sc.gaps = gaps;
  sc.gapCount = gapCount;
  sc.touchedCount = touchedCount;
  stats[base + S_ACTIVITIES] = end - start;
  stats[base + S_CALLS] = calls;
  stats[base + S_MEETINGS] = meetings;
  stats[base + S_VISITS] = visits;
  stats[base + S_EMAILS] = emails;
  stats[base + S_QUALITY] = quality;
  return withAccount;
}

/** Accounts the rep won a deal with in the period but did not touch join the touched accounts. */
function addWonAccounts(
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
function countServed(
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

/** The target accounts the rep owns (positions lo..hi of the owned list), and those won. */
function countOwnedTargets(
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
function visitWorkedTargets(
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

/** Everything the per-rep KPI values are made of, for one pass (one shape for every pass). */
class RepInputs {
  constructor(
    readonly totals: DealTotals,
    readonly stats: Float64Array,
    readonly activityByTier: Float64Array,
    readonly quota: Float64Array,
    readonly fullQuota: Float64Array,
    readonly nextQuota: Float64Array | null,
    readonly partial: boolean,
    readonly kpiAvailable: Record<KpiId, boolean>,
    /** The period has activities: rates run over the days the activities cover. */
    readonly hasActivityRange: boolean,
    readonly rateFrom: number,
    readonly rateTo: number,
    readonly from: number,
    readonly to: number,
    readonly dataMin: number,
    readonly dataEnd: number,
    readonly holidays: Int32Array,
    readonly hireDay: Float64Array,
  ) {}
}

/** The value when its KPI is available, else null (shown as unavailable, never 0). */
function gate(available: boolean, value: number | null): number | null {
  return available ? value : null;
}

function ratio(count: number, per: number): number | null {
  return per > 0 ? count / per : null;
}

function nanToNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

function repKpis(p: RepInputs, r: number): RepKpis {
  const t = p.totals;
  const stats = p.stats;
  const base = r * STATS;
  const k = p.kpiAvailable;
  const wonRevenue = t.wonRevenue[r] as number;
  const won = t.won[r] as number;
  const lost = t.lost[r] as number;
  const created = t.created[r] as number;
  const wonWithAmount = t.wonWithAmount[r] as number;
  const quota = p.quota[r] as number;
  const prevRevenue = t.prevRevenue[r] as number;
  const activityCount = stats[base + S_ACTIVITIES] as number;
  const calls = stats[base + S_CALLS] as number;
  const meetings = stats[base + S_MEETINGS] as number;
  const visits = stats[base + S_VISITS] as number;
  const emails = stats[base + S_EMAILS] as number;
  const served = stats[base + S_SERVED] as number;
  const servedExisting = stats[base + S_EXISTING] as number;
  const repTargets = stats[base + S_TARGETS] as number;
  const repTargetsWon = stats[base + S_TARGETS_WON] as number;
  const closedDeals = won + lost;
  // Active days: from the later of the period start, the first activity in the data and the
  // rep's hire date (or first record), to the earlier of the period end and the last activity.
  const hire = p.hireDay[r] as number;
  const windowFrom = p.hasActivityRange ? p.rateFrom : Math.max(p.from, p.dataMin);
  const windowTo = p.hasActivityRange ? p.rateTo : Math.min(p.to, p.dataEnd);
  const startDay = hire !== MAX_DAY && hire > windowFrom ? hire : windowFrom;
  // A rep whose records in the window all fall on non-working days (a deal closed on a
  // Saturday, the data's last day) was still active: one day, never zero, so they are not
  // refused as "too few active days" next to a colleague who closed the day before.
  const working = windowTo >= startDay ? workingDaysBetween(startDay, windowTo, p.holidays) : 0;
  const hasRecord = closedDeals > 0 || activityCount > 0 || created > 0;
  const activeDays = working === 0 && hasRecord && windowTo >= startDay ? 1 : working;
  const weeks = activeDays / 5;
  const closedValue = wonRevenue + (t.lostAmount[r] as number);
  const remaining = p.partial
    ? (p.fullQuota[r] as number) - wonRevenue
    : p.nextQuota === null
      ? 0
      : (p.nextQuota[r] as number);
  const values: KpiValues = {
    won_revenue: gate(k.won_revenue, wonRevenue),
    deals_won: gate(k.deals_won, won),
    deals_lost: gate(k.deals_lost, lost),
    win_rate: gate(k.win_rate, closedDeals > 0 ? won / closedDeals : null),
    win_rate_value: gate(k.win_rate_value, closedValue > 0 ? wonRevenue / closedValue : null),
    avg_deal_size: gate(k.avg_deal_size, wonWithAmount > 0 ? wonRevenue / wonWithAmount : null),
    quota_attainment: gate(k.quota_attainment, quota > 0 ? wonRevenue / quota : null),
    new_customers_won: gate(k.new_customers_won, t.newCustomers[r] as number),
    target_segment_revenue: gate(k.target_segment_revenue, t.targetRevenue[r] as number),
    target_segment_penetration: gate(
      k.target_segment_penetration,
      repTargets > 0 ? repTargetsWon / repTargets : null,
    ),
    revenue_growth: gate(k.revenue_growth, prevRevenue > 0 ? (wonRevenue - prevRevenue) / prevRevenue : null),
    sales_cycle_days: gate(k.sales_cycle_days, nanToNull(stats[base + S_CYCLE] as number)),
    activities: gate(k.activities, activityCount),
    calls: gate(k.calls, calls),
    meetings: gate(k.meetings, meetings),
    visits: gate(k.visits, visits),
    emails: gate(k.emails, emails),
    activities_per_day: gate(k.activities_per_day, ratio(activityCount, activeDays)),
    calls_per_day: gate(k.calls_per_day, ratio(calls, activeDays)),
    meetings_per_week: gate(k.meetings_per_week, ratio(meetings + visits, weeks)),
    emails_per_day: gate(k.emails_per_day, ratio(emails, activeDays)),
    quality_contacts_per_week: gate(
      k.quality_contacts_per_week,
      ratio(stats[base + S_QUALITY] as number, weeks),
    ),
    substantive_relationships: gate(k.substantive_relationships, stats[base + S_SUBSTANTIVE] as number),
    customers_served: gate(k.customers_served, served),
    customers_served_existing: gate(k.customers_served_existing, servedExisting),
    customers_served_new: gate(k.customers_served_new, served - servedExisting),
    prospects_created: gate(k.prospects_created, created),
    prospects_per_week: gate(k.prospects_per_week, ratio(created, weeks)),
    follow_up_days: gate(k.follow_up_days, nanToNull(stats[base + S_FOLLOW_UP] as number)),
    pipeline_coverage: gate(
      k.pipeline_coverage,
      remaining > 0 ? (t.openPipeline[r] as number) / remaining : null,
    ),
  };
  const slots = r * COVERAGE_SLOTS;
  return {
    repIndex: r,
    values,
    closedDeals,
    dealsCreated: created,
    activityCount,
    activeDays,
    activityByTier: p.activityByTier.slice(slots, slots + COVERAGE_SLOTS),
    revenueByTier: t.revenueByTier.slice(slots, slots + COVERAGE_SLOTS),
  };
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
  // Everything the loops keep per account sits in one Int32Array, 8 fields per account, so a
  // random account costs one cache line rather than one per field (see the F_* offsets); the
  // activity loop reads an account's coverage slot (tier A..D) and target flag a million times.
  const acct = new Int32Array(nAccounts * STRIDE);
  // The target flag again, one byte per account, for loops that skip non-targets unread.
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

  // ---- Deals ------------------------------------------------------------------------------
  const d = ws.deals;
  const totals = new DealTotals(nReps);
  const dealFlags = dealPass(
    d.rep,
    d.createdDay,
    d.closeDay,
    d.status,
    d.amount,
    d.account,
    d.length,
    from,
    to,
    prevFrom,
    prevTo,
    prep.firstWonDeal,
    acct,
    totals,
  );

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
  const hasTiers = tiers !== null && targetAccounts > 0;
  // Owners first: which target accounts each rep owns (when the accounts file names owners),
  // grouped by owner: owner r's are owned[ownedStart[r] .. ownedStart[r + 1]).
  const byOwner = hasTiers && prep.hasOwners;
  const ownedStart = new Int32Array(nReps + 1);
  let owned = new Int32Array(0);
  if (byOwner) {
    const owner = ws.accounts.owner;
    for (let acc = 0; acc < ws.accounts.length; acc++) {
      const o = owner[acc] as number;
      if (o >= 0 && acct[acc * STRIDE + F_TARGET] === 1) ownedStart[o + 1]!++;
    }
    for (let r = 1; r <= nReps; r++) ownedStart[r]! += ownedStart[r - 1] as number;
    owned = new Int32Array(ownedStart[nReps] as number);
    const fill = ownedStart.slice(0, nReps);
    for (let acc = 0; acc < ws.accounts.length; acc++) {
      const o = owner[acc] as number;
      if (o >= 0 && acct[acc * STRIDE + F_TARGET] === 1) owned[fill[o]!++] = acc;
    }
  }
  // Penetration without owners: the rep's accounts are those they worked with up to the period
  // end: the accounts touched in the period, those before it, and their deals'.
  const byWork = hasTiers && !prep.hasOwners;

  // Per-account scratch is stamped with the rep being counted (rep + 1), so nothing is ever cleared.
  const sc = new RepScratch(nAccounts);
  const stats = new Float64Array(nReps * STATS);
  const activityByTier = new Float64Array(nReps * COVERAGE_SLOTS);
  const { type: aType, account: aAccount, day: aDay, flags: aFlags, repStart } = a;
  const { dealStart, repDealAccount, repDealStatus, repDealCreated, repDealClosed, firstWonDay } = prep;
  let activitiesInPeriod = 0;
  let activitiesWithAccount = 0;
  for (let r = 0; r < nReps; r++) {
    const mark = r + 1;
    const base = r * STATS;
    const lo = repStart[r] as number;
    const hi = repStart[r + 1] as number;
    const start = firstDayAtOrAfter(aDay, lo, hi, from);
    const end = firstDayAtOrAfter(aDay, start, hi, to + 1);
    const dlo = dealStart[r] as number;
    const dhi = dealStart[r + 1] as number;
    markRepDeals(
      repDealAccount,
      repDealStatus,
      repDealCreated,
      repDealClosed,
      dlo,
      dhi,
      from,
      to,
      mark,
      acct,
      sc,
    );
    activitiesWithAccount += countActivities(
      aType,
      aAccount,
      aDay,
      aFlags,
      start,
      end,
      mark,
      acct,
      activityByTier,
      r * COVERAGE_SLOTS,
      sc,
      stats,
      base,
    );
    activitiesInPeriod += end - start;
    // Customers served and substantive relationships: touched accounts plus accounts won.
    addWonAccounts(repDealAccount, dlo, dhi, mark, acct, sc);
    countServed(sc, acct, firstWonDay, mark, from, touchesNeeded, byWork, stats, base);
    if (byOwner)
      countOwnedTargets(owned, ownedStart[r] as number, ownedStart[r + 1] as number, acct, mark, stats, base);
    else if (byWork)
      visitWorkedTargets(
        aAccount,
        lo,
        start,
        repDealAccount,
        repDealCreated,
        repDealClosed,
        dlo,
        dhi,
        to,
        isTarget,
        acct,
        mark,
        stats,
        base,
      );
    stats[base + S_FOLLOW_UP] = medianOfPrefix(sc.gaps, sc.gapCount) ?? Number.NaN;
    stats[base + S_CYCLE] = medianOfPrefix(sc.cycles, sc.cycleCount) ?? Number.NaN;
  }
  // Activities of rows without a rep still show the data exists.
  let noRepInPeriod = 0;
  for (let i = repStart[nReps] as number; i < a.length; i++) {
    const day = aDay[i] as number;
    if (day >= from && day <= to) noRepInPeriod++;
  }

  const dataAvailable: Record<DataNeed, boolean> = {
    closed_deals: (dealFlags & HAS_CLOSED) !== 0,
    deal_amounts: (dealFlags & HAS_AMOUNTS) !== 0,
    deal_accounts: (dealFlags & HAS_DEAL_ACCOUNTS) !== 0,
    created_dates: (dealFlags & HAS_CREATED) !== 0,
    quotas: hasQuotas,
    tiers: hasTiers,
    previous_period: (dealFlags & HAS_PREVIOUS) !== 0,
    activities: activitiesInPeriod + noRepInPeriod > 0,
    activity_accounts: activitiesWithAccount > 0,
    open_deals: (dealFlags & HAS_OPEN) !== 0,
  };
  const kpiAvailable = Object.fromEntries(
    KPI_DEFINITIONS.map((k) => [k.id, k.needs.every((need) => dataAvailable[need])]),
  ) as Record<KpiId, boolean>;

  const inputs = new RepInputs(
    totals,
    stats,
    activityByTier,
    quota,
    fullQuota,
    nextQuota,
    partial,
    kpiAvailable,
    dataAvailable.activities,
    rateFrom,
    rateTo,
    from,
    to,
    prep.dataMin,
    dataEnd,
    holidays,
    prep.hireDay,
  );
  const reps: RepKpis[] = [];
  for (let r = 0; r < nReps; r++) reps.push(repKpis(inputs, r));
  return { period, dataAvailable, kpiAvailable, dataEndDay: dataEnd, partial, reps };
}
