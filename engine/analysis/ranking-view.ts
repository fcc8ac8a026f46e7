import type { RankingRow, RankingView } from '../../shared/api/contract';
import type { WorkingSet } from '../../shared/domain/types';
import type { Notice } from '../../shared/i18n/notice';
import { computeKpis } from '../../shared/kpi/compute-kpis';
import { DEFAULT_WEIGHTS, type RankingWeights } from '../../shared/kpi/kpi-definitions';
import type { Period } from '../../shared/period/period';
import { DEFAULT_RANKING_OPTIONS, rankReps } from '../../shared/ranking/ranking';

export interface DataRange {
  min: string;
  max: string;
}

/** KPIs, ranks and bands for one period, shaped for the screen, the CLI and reports alike. */
export function buildRankingView(
  ws: WorkingSet,
  period: Period,
  dataRange: DataRange | null,
  weights: RankingWeights = DEFAULT_WEIGHTS,
): RankingView {
  const kpis = computeKpis(ws, period);
  const outcome = rankReps(ws, kpis, { ...DEFAULT_RANKING_OPTIONS, weights });
  const rows: RankingRow[] = outcome.reps.map((r) => {
    const rep = ws.reps[r.repIndex]!;
    return {
      repId: rep.id,
      rep: rep.name,
      team: rep.team,
      region: rep.region,
      band: r.band,
      resultsBand: r.resultsBand,
      activityBand: r.activityBand,
      composite: r.composite,
      resultsScore: r.resultsScore,
      activityScore: r.activityScore,
      values: kpis.reps[r.repIndex]!.values,
      unrankedReason: r.unrankedReason,
    };
  });
  // Best first; unranked at the end, by name, so the order is stable and readable.
  rows.sort((a, b) => {
    if (a.composite === null || b.composite === null) {
      if (a.composite !== null) return -1;
      if (b.composite !== null) return 1;
      return a.rep.localeCompare(b.rep);
    }
    return b.composite - a.composite || a.rep.localeCompare(b.rep);
  });
  const warnings: Notice[] = [];
  if (ws.currencies.length > 1)
    warnings.push({ code: 'mixed_currencies', params: { currencies: ws.currencies.join(', ') } });
  if (outcome.smallGroup && outcome.rankedCount > 0)
    warnings.push({ code: 'small_group', params: { count: outcome.rankedCount } });
  if (dataRange && dataRange.max < period.end && dataRange.max >= period.start) {
    warnings.push({ code: 'partial_period', params: { date: dataRange.max } });
  }
  return {
    period,
    rows,
    kpiAvailable: kpis.kpiAvailable,
    usedKpis: outcome.usedKpis,
    bandCounts: outcome.bandCounts,
    rankedCount: outcome.rankedCount,
    smallGroup: outcome.smallGroup,
    currency: ws.currencies.length === 1 ? (ws.currencies[0] as string) : null,
    warnings,
  };
}
