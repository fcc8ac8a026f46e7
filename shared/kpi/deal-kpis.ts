/**
 * The result and pipeline figures from deals. One pass over every deal sums, per rep, won and
 * lost deals and amounts, deals created, new customers, target-segment revenue, the previous
 * period's revenue and the pipeline open at the period end, and notes which deal data the period
 * has at all (the HAS_* bits, which decide the KPIs shown as unavailable). Then, rep by rep, a
 * walk over the rep's own deals marks the accounts won and with a deal open (for customers served
 * and follow-ups) and collects the sales cycles.
 */
import * as domain from '../domain/types';
import * as layout from './pass-layout';
import type { RepScratch } from './pass-layout';
import * as shapes from './kpi-types';

// Local copies: an imported binding read in a hot loop is a getter call (see pass-layout.ts).
const { DEAL_LOST, DEAL_OPEN, DEAL_WON, NO_DAY } = domain;
const { STRIDE, F_OPEN, F_SLOT, F_TARGET, F_WON } = layout;
const { COVERAGE_SLOTS, NO_ACCOUNT_SLOT } = shapes;

// Deal-pass availability, as bits of one number: a record of booleans would be an object
// written in every iteration of the loop over all deals.
export const HAS_CLOSED = 1;
export const HAS_AMOUNTS = 2;
export const HAS_DEAL_ACCOUNTS = 4;
export const HAS_CREATED = 8;
export const HAS_PREVIOUS = 16;
export const HAS_OPEN = 32;

/** Per-rep sums of the deal pass. */
export class DealTotals {
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
export function dealPass(
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

/**
 * The rep's deals (positions lo..hi of the rep-grouped columns): marks accounts with a deal open
 * at the period end (F_OPEN) and won in it (F_WON), and collects the sales cycles of deals won.
 */
export function markRepDeals(
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
