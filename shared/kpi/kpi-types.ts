/**
 * The KPI pass's public shapes: what computeKpis returns for a period and for each rep, and its
 * options. Kept apart from the code so every module of the pass, and its callers (through
 * compute-kpis.ts), share one declaration.
 */
import type { Tier } from '../domain/types';
import type { Period } from '../period/period';
import type { DataNeed, KpiId } from './kpi-definitions';

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
