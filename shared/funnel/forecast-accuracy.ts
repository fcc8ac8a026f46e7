import { DEAL_OPEN, DEAL_WON, FUNNEL_STAGES, NO_DAY, type WorkingSet } from '../domain/types';
import { DEFAULT_STAGE_PROBABILITY } from './forecast';
import type { AccuracyFigures, ForecastAccuracy } from './types';

/**
 * Forecast accuracy of a past period P, from the deal history (field notes §4: the forecast is
 * what the pipeline should bring in a period; accuracy asks how close it came).
 *
 * The forecast as it stood at the start of P: for each deal, its latest snapshot recorded on or
 * before P's first day; when that snapshot is open, has an amount and expects to close inside P,
 * it adds amount × probability (the snapshot's own, else the stage default of forecast.ts).
 * Actual: the won revenue of deals closed won in P (the deals table, every deal, with or without
 * history). Per rep by the deal's owner.
 */

export type { AccuracyFigures, AccuracyUnavailable, ForecastAccuracy } from './types';

const STAGES = FUNNEL_STAGES.length;
/** DEFAULT_STAGE_PROBABILITY by funnel code (NO_FUNNEL and anything out of range: 'none'). */
const DEFAULT_BY_CODE = Float64Array.from({ length: 256 }, (_, code) =>
  code < STAGES
    ? DEFAULT_STAGE_PROBABILITY[FUNNEL_STAGES[code] as (typeof FUNNEL_STAGES)[number]]
    : DEFAULT_STAGE_PROBABILITY.none,
);

const empty = (): AccuracyFigures => ({
  forecast: 0,
  actual: 0,
  ratio: null,
  accuracy: null,
  deals: 0,
  wonDeals: 0,
  wonInForecast: 0,
});

function finish(f: AccuracyFigures): AccuracyFigures {
  f.ratio = f.forecast > 0 ? f.actual / f.forecast : null;
  const most = Math.max(f.forecast, f.actual);
  f.accuracy = most > 0 ? 1 - Math.abs(f.actual - f.forecast) / most : null;
  return f;
}

/** Accuracy of the forecast for the period [fromDay, toDay] (day numbers, both inclusive). */
export function computeForecastAccuracy(ws: WorkingSet, fromDay: number, toDay: number): ForecastAccuracy {
  const s = ws.snapshots;
  if (s.length === 0) return { available: false, reason: 'no_history' };
  // Snapshots are ordered by day: those on or before P's first day are a prefix.
  if ((s.day[0] as number) > fromDay) return { available: false, reason: 'no_history_before_period' };
  const d = ws.deals;
  const latest = new Int32Array(d.length).fill(-1);
  for (let k = 0; k < s.length && (s.day[k] as number) <= fromDay; k++) latest[s.deal[k] as number] = k;

  const nReps = ws.reps.length;
  const total = empty();
  const byRep = Array.from({ length: nReps }, empty);
  const inForecast = new Uint8Array(d.length);
  for (let i = 0; i < d.length; i++) {
    const k = latest[i] as number;
    if (k < 0 || s.status[k] !== DEAL_OPEN) continue;
    const expected = s.expectedCloseDay[k] as number;
    const amount = s.amount[k] as number;
    if (expected === NO_DAY || expected < fromDay || expected > toDay || Number.isNaN(amount)) continue;
    const own = s.probability[k] as number;
    const probability = Number.isNaN(own)
      ? (DEFAULT_BY_CODE[s.funnel[k] as number] as number)
      : Math.min(1, Math.max(0, own));
    const weighted = amount * probability;
    inForecast[i] = 1;
    total.forecast += weighted;
    total.deals++;
    const rep = d.rep[i] as number;
    const r = rep >= 0 ? byRep[rep] : undefined;
    if (r !== undefined) {
      r.forecast += weighted;
      r.deals++;
    }
  }
  for (let i = 0; i < d.length; i++) {
    if (d.status[i] !== DEAL_WON) continue;
    const closed = d.closeDay[i] as number;
    if (closed === NO_DAY || closed < fromDay || closed > toDay) continue;
    const amount = d.amount[i] as number;
    const won = Number.isNaN(amount) ? 0 : amount;
    const covered = inForecast[i] as number;
    total.actual += won;
    total.wonDeals++;
    total.wonInForecast += covered;
    const rep = d.rep[i] as number;
    const r = rep >= 0 ? byRep[rep] : undefined;
    if (r !== undefined) {
      r.actual += won;
      r.wonDeals++;
      r.wonInForecast += covered;
    }
  }
  return { available: true, total: finish(total), byRep: byRep.map(finish) };
}
