import { DEAL_OPEN, FUNNEL_STAGES, NO_DAY, type FunnelStage, type WorkingSet } from '../domain/types';
import type { ForecastView } from './types';

/**
 * The weighted pipeline (field notes §4): each open opportunity carries an amount, an expected
 * date and a win probability; the forecast is what the pipeline should bring in a period.
 */

/**
 * Win probability of a deal whose export gave none, by the stage it sits at. A deal without a
 * stage is treated like one at the top of the funnel: nothing says it got further.
 */
export const DEFAULT_STAGE_PROBABILITY: Record<FunnelStage | 'none', number> = {
  target_market: 0.1,
  prospect: 0.25,
  target_customer: 0.6,
  signed: 0.9,
  none: 0.1,
};

export interface ForecastTotals {
  deals: number;
  amount: number;
  weighted: number;
}

const STAGES = FUNNEL_STAGES.length;
/** byStage slot of the deals whose stage names no funnel stage. */
const NONE = STAGES;

// Local copies: some module loaders (tsx) turn every use of an imported binding into a getter
// call, which the per-deal loops below would pay on every deal.
const STATUS_OPEN = DEAL_OPEN;
const MISSING_DAY = NO_DAY;

const stageOf = (slot: number): FunnelStage | null => (slot === NONE ? null : (FUNNEL_STAGES[slot] ?? null));
/** DEFAULT_STAGE_PROBABILITY by byStage slot, looked up once rather than per deal. */
const DEFAULT_BY_SLOT = Float64Array.from(
  { length: STAGES + 1 },
  (_, slot) => DEFAULT_STAGE_PROBABILITY[stageOf(slot) ?? 'none'],
);

/**
 * Open deals with an amount and an expected close day in [fromDay, toDay], each weighted by its
 * own probability (clamped to 0..1) or else its stage's default. A stage entry that mixes in
 * exported probabilities reports the amount-weighted mean probability (weighted / amount; the
 * default when that amount is 0). Overdue: every open deal expected to close before dataEndDay
 * and on or after overdueFromDay (the viewed period's start: a deal expected years earlier is
 * stale pipeline, not this period's overdue), counted even without an amount.
 */
export function computeForecast(
  ws: WorkingSet,
  fromDay: number,
  toDay: number,
  dataEndDay: number,
  overdueFromDay: number = Number.NEGATIVE_INFINITY,
): {
  total: Omit<ForecastView, 'period' | 'accuracy' | 'accuracyUnavailable'>;
  byRep: ForecastTotals[];
} {
  const nReps = ws.reps.length;
  const byRep: ForecastTotals[] = Array.from({ length: nReps }, () => ({ deals: 0, amount: 0, weighted: 0 }));
  const stageDeals = new Float64Array(STAGES + 1);
  const stageAmount = new Float64Array(STAGES + 1);
  const stageWeighted = new Float64Array(STAGES + 1);
  const stageExported = new Uint8Array(STAGES + 1);
  const overdue = { deals: 0, amount: 0 };
  let usesExportedProbability = false;
  const d = ws.deals;
  for (let i = 0; i < d.length; i++) {
    if (d.status[i] !== STATUS_OPEN) continue;
    const expected = d.expectedCloseDay[i] as number;
    if (expected === MISSING_DAY) continue;
    const amount = d.amount[i] as number;
    const hasAmount = !Number.isNaN(amount);
    if (dataEndDay !== MISSING_DAY && expected < dataEndDay && expected >= overdueFromDay) {
      overdue.deals++;
      if (hasAmount) overdue.amount += amount;
    }
    if (!hasAmount || expected < fromDay || expected > toDay) continue;
    const recorded = d.funnel[i] as number;
    const slot = recorded < STAGES ? recorded : NONE;
    const own = d.probability[i] as number;
    const exported = !Number.isNaN(own);
    const probability = exported ? Math.min(1, Math.max(0, own)) : (DEFAULT_BY_SLOT[slot] as number);
    const weighted = amount * probability;
    stageDeals[slot]!++;
    stageAmount[slot]! += amount;
    stageWeighted[slot]! += weighted;
    if (exported) {
      stageExported[slot] = 1;
      usesExportedProbability = true;
    }
    const rep = d.rep[i] as number;
    const totals = rep >= 0 ? byRep[rep] : undefined;
    if (totals !== undefined) {
      totals.deals++;
      totals.amount += amount;
      totals.weighted += weighted;
    }
  }
  const byStage: ForecastView['byStage'] = [];
  let deals = 0;
  let amount = 0;
  let weighted = 0;
  for (let slot = 0; slot <= STAGES; slot++) {
    const n = stageDeals[slot] as number;
    if (n === 0) continue;
    const a = stageAmount[slot] as number;
    const w = stageWeighted[slot] as number;
    deals += n;
    amount += a;
    weighted += w;
    byStage.push({
      stage: stageOf(slot),
      deals: n,
      amount: a,
      weighted: w,
      probability: stageExported[slot] && a !== 0 ? w / a : (DEFAULT_BY_SLOT[slot] as number),
    });
  }
  return { total: { deals, amount, weighted, byStage, overdue, usesExportedProbability }, byRep };
}
