import type { FunnelStage } from '../domain/types';
import type { Period } from '../period/period';

/**
 * The funnel and forecast views (docs/kpis.md, "Funnel and forecast"), declared with the code that
 * computes them; shared/api/contract.ts re-exports them for the hosts.
 */

/** The funnel of a set of deals: how many reached each stage, in FUNNEL_STAGES order. */
export interface FunnelView {
  /** Deals created in the period that reached each stage (a deal at a later stage passed the earlier ones). */
  reached: [number, number, number, number];
  /** reached[s + 1] / reached[s]; null when reached[s] is 0. */
  conversion: [number | null, number | null, number | null];
  /** Deals still open at the end of the data, sitting at each stage. */
  open: [number, number, number, number];
  /**
   * Of those, the ones whose last recorded move (creation, a deal-history row, an activity on the
   * account) is more than the stall limit before the end of the data (shared/funnel/funnel.ts);
   * null when none of the open deals has a move recorded after its creation, so a stall cannot
   * be told from age.
   */
  stalled: [number, number, number, number] | null;
  /** Stall limit in days: the median sales cycle of won deals, at least 30. */
  stallDays: number;
  won: number;
  lost: number;
  /** Deals created in the period whose stage names no funnel stage (counted at the first stage). */
  unstaged: number;
}

export interface ForecastView {
  /** The period the open pipeline is expected to close in: the one after the viewed period. */
  period: Period;
  deals: number;
  amount: number;
  weighted: number;
  byStage: {
    stage: FunnelStage | null;
    deals: number;
    amount: number;
    weighted: number;
    probability: number;
  }[];
  /** Open deals whose expected close date is already past at the end of the data. */
  overdue: { deals: number; amount: number };
  /** True when some deals carried their own probability (others use the stage default). */
  usesExportedProbability: boolean;
  /**
   * The viewed period's forecast as it stood on its first day (from the deal history) against
   * what was won in it; null when the history does not reach back that far (see accuracyUnavailable).
   */
  accuracy: ForecastAccuracyView | null;
  /** Why accuracy is null: no deal history at all, or none recorded on or before the period's start. */
  accuracyUnavailable: AccuracyUnavailable | null;
}

/** Forecast accuracy of one period, team-wide (docs/kpis.md, "Funnel and forecast"). */
export interface ForecastAccuracyView extends AccuracyFigures {
  /** The viewed period. */
  period: Period;
  /** The day the forecast is taken as of: the period's first day, ISO. */
  asOf: string;
  /** False while the data ends inside the period: the actual is still growing. */
  periodComplete: boolean;
}

export interface AccuracyFigures {
  /** Weighted pipeline expected in P, as it stood on P's first day. */
  forecast: number;
  /** Won revenue in P. */
  actual: number;
  /** actual / forecast; null when the forecast is 0. */
  ratio: number | null;
  /** 1 − |actual − forecast| / max(forecast, actual), 0..1; null when both are 0. */
  accuracy: number | null;
  /** Deals the forecast covered (open snapshots expected in P). */
  deals: number;
  /** Deals closed won in P. */
  wonDeals: number;
  /** Of those, deals the forecast covered. */
  wonInForecast: number;
}

/** Why accuracy cannot be computed for a period; never shown as 0. */
export type AccuracyUnavailable = 'no_history' | 'no_history_before_period';

export type ForecastAccuracy =
  | { available: true; total: AccuracyFigures; byRep: AccuracyFigures[] }
  | { available: false; reason: AccuracyUnavailable };
