import type {
  CoverageView,
  MatrixCell,
  RankingRow,
  RankingView,
  TierShares,
  TrendView,
} from '../../shared/api/contract';
import { analyzePeriod, rankPeriod } from '../../shared/analysis/analyze';
import { comparableRankings } from '../../shared/ranking/ranking';
import type { AnalysisSettings } from '../../shared/analysis/settings';
import type { Band, WorkingSet } from '../../shared/domain/types';
import type { Notice } from '../../shared/i18n/notice';
import { COVERAGE_SLOTS, NO_ACCOUNT_SLOT } from '../../shared/kpi/compute-kpis';
import { KPI_DEFINITIONS, type DataNeed, type KpiId } from '../../shared/kpi/kpi-definitions';
import { periodsEndingWith, type Period } from '../../shared/period/period';
import { median } from '../../shared/stats/statistics';
import type { DataRange } from '../../shared/analysis/data-range';

const BANDS3 = ['top', 'middle', 'bottom'] as const;

const emptyValues = (): Record<KpiId, number | null> =>
  Object.fromEntries(KPI_DEFINITIONS.map((d) => [d.id, null])) as Record<KpiId, number | null>;

function shares(counts: Float64Array): TierShares {
  let total = 0;
  for (let k = 0; k < COVERAGE_SLOTS; k++) total += counts[k] as number;
  const share = (k: number): number => (total > 0 ? (counts[k] as number) / total : 0);
  return { A: share(0), B: share(1), C: share(2), D: share(3), none: share(NO_ACCOUNT_SLOT) };
}

/** KPIs, ranks, bands, tiers, funnel and forecast for one period, shaped for the screen, the CLI and reports alike. */
export function buildRankingView(
  ws: WorkingSet,
  period: Period,
  dataRange: DataRange | null,
  settings: AnalysisSettings,
): RankingView {
  const analysis = analyzePeriod(ws, period, settings, { withPrevious: true });
  const { kpis, ranking, tiers } = analysis;

  const rows: RankingRow[] = ranking.reps.map((r, i) => {
    const rep = ws.reps[i]!;
    const rk = kpis.reps[i]!;
    const forecast = analysis.forecast.byRep[i]!;
    const accuracy = analysis.forecastAccuracy.available ? analysis.forecastAccuracy.byRep[i]! : null;
    return {
      repId: rep.id,
      rep: rep.name,
      team: rep.team,
      region: rep.region,
      role: rep.role,
      peerGroup: analysis.peerKeys[i] ?? null,
      band: r.band,
      resultsBand: r.resultsBand,
      activityBand: r.activityBand,
      composite: r.composite,
      resultsScore: r.resultsScore,
      activityScore: r.activityScore,
      values: rk.values,
      percentiles: r.percentiles,
      activeDays: rk.activeDays,
      closedDeals: rk.closedDeals,
      unrankedReason: r.unrankedReason,
      unrankedDetail: r.unrankedReason ? (analysis.unrankedDetail[i] ?? null) : null,
      previousBand: analysis.previousBands?.[i] ?? null,
      cutoffTie: r.cutoffTie,
      previousValues: analysis.previousValues?.[i] ?? emptyValues(),
      coverage: { activities: shares(rk.activityByTier), revenue: shares(rk.revenueByTier) },
      funnel: analysis.funnels.byRep[i]!,
      forecast: { deals: forecast.deals, amount: forecast.amount, weighted: forecast.weighted, accuracy },
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

  // The 3x3 matrix and coverage by band, from the ranked reps.
  const matrix: MatrixCell[] = [];
  for (const results of BANDS3) for (const activity of BANDS3) matrix.push({ results, activity, repIds: [] });
  const bandCoverage = BANDS3.map(() => ({
    reps: 0,
    activities: new Float64Array(COVERAGE_SLOTS),
    revenue: new Float64Array(COVERAGE_SLOTS),
  }));
  const all = { activities: new Float64Array(COVERAGE_SLOTS), revenue: new Float64Array(COVERAGE_SLOTS) };
  ranking.reps.forEach((r, i) => {
    const rk = kpis.reps[i]!;
    for (let k = 0; k < COVERAGE_SLOTS; k++) {
      all.activities[k]! += rk.activityByTier[k] as number;
      all.revenue[k]! += rk.revenueByTier[k] as number;
    }
    if (r.band === 'unranked') return;
    const cov = bandCoverage[BANDS3.indexOf(r.band)]!;
    cov.reps++;
    for (let k = 0; k < COVERAGE_SLOTS; k++) {
      cov.activities[k]! += rk.activityByTier[k] as number;
      cov.revenue[k]! += rk.revenueByTier[k] as number;
    }
    if (r.resultsBand === 'unranked' || r.activityBand === 'unranked') return;
    const cell = BANDS3.indexOf(r.resultsBand) * 3 + BANDS3.indexOf(r.activityBand);
    matrix[cell]!.repIds.push(ws.reps[i]!.id);
  });
  const coverage: CoverageView = {
    byBand: BANDS3.map((band, b) => ({
      band,
      reps: bandCoverage[b]!.reps,
      activities: shares(bandCoverage[b]!.activities),
      revenue: shares(bandCoverage[b]!.revenue),
    })),
    all: { activities: shares(all.activities), revenue: shares(all.revenue) },
  };

  const kpiMissing: Partial<Record<KpiId, DataNeed[]>> = {};
  for (const def of KPI_DEFINITIONS) {
    if (kpis.kpiAvailable[def.id]) continue;
    kpiMissing[def.id] = def.needs.filter((need) => !kpis.dataAvailable[need]);
  }

  const warnings: Notice[] = [];
  if (ws.currencies.length > 1)
    warnings.push({ code: 'mixed_currencies', params: { currencies: ws.currencies.join(', ') } });
  const smallGroups = ranking.groups.filter((g) => g.smallGroup);
  if (settings.peerGroup === 'company' || ranking.groups.length === 1) {
    if (ranking.smallGroup) warnings.push({ code: 'small_group', params: { count: ranking.rankedCount } });
  } else if (smallGroups.length > 0) {
    warnings.push({
      code: 'small_peer_groups',
      params: { count: smallGroups.length, groups: ranking.groups.filter((g) => g.ranked > 0).length },
    });
  }
  // A period that cannot be ranked, or a comparison that cannot be made, is said, not hidden.
  if (ranking.support.reason === 'no_results') warnings.push({ code: 'period_not_ranked' });
  if (ranking.support.ranked && analysis.comparison && !analysis.comparison.available) {
    const code =
      analysis.comparison.reason === 'different_kpis'
        ? 'no_comparison_different_kpis'
        : 'no_comparison_previous_not_ranked';
    warnings.push({ code, params: { period: analysis.previous.id } });
  }
  if (dataRange && dataRange.max < period.end && dataRange.max >= period.start) {
    warnings.push({ code: 'partial_period', params: { date: dataRange.max } });
  }
  // "New" and "existing" customers are told apart by sales before the period: when the data
  // starts inside it, every customer reads as new. Said, so the figure is not taken at face value.
  if (
    dataRange &&
    dataRange.min >= period.start &&
    dataRange.min <= period.end &&
    kpis.dataAvailable.closed_deals
  ) {
    warnings.push({ code: 'no_customer_history', params: { date: dataRange.min } });
  }
  if (!tiers.available && kpis.dataAvailable.closed_deals) {
    warnings.push({ code: 'tiers_unavailable', params: { method: settings.tiers.method } });
  }
  if (kpis.kpiAvailable.quota_attainment) {
    const attainment = kpis.reps.map((r) => r.values.quota_attainment).filter((v): v is number => v !== null);
    const mid = median(attainment);
    // Off by a factor of about a thousand either way: the quota file's unit differs from the deals'.
    if (mid !== null && mid > 0 && (mid > 50 || mid < 0.02)) {
      warnings.push({ code: 'quota_scale_suspect', params: { median: `${Math.round(mid * 1000) / 10}%` } });
    }
    const quotaCur = ws.quotaCurrencies;
    if (quotaCur.length > 0 && ws.currencies.length > 0 && quotaCur.join() !== ws.currencies.join()) {
      warnings.push({
        code: 'quota_currency_mismatch',
        params: { quota: quotaCur.join(', '), deals: ws.currencies.join(', ') },
      });
    }
  }

  const forecast = analysis.forecast.total;
  const accuracy = analysis.forecastAccuracy;
  return {
    period,
    previousPeriod: analysis.previous,
    partial: kpis.partial,
    settings,
    rows,
    kpiAvailable: kpis.kpiAvailable,
    kpiMissing,
    usedKpis: ranking.usedKpis,
    support: ranking.support,
    comparison: analysis.comparison ?? { available: false, reason: 'previous_not_ranked' },
    tieBreakers: ranking.tieBreakers,
    bandCounts: ranking.bandCounts,
    rankedCount: ranking.rankedCount,
    smallGroup: ranking.smallGroup,
    peerGroups: ranking.groups.map((g) => ({ ...g })),
    matrix,
    tiers: {
      method: settings.tiers.method,
      available: tiers.available,
      accounts: tiers.accounts,
      basisShare: tiers.basisShare,
      target: [...settings.tiers.target],
    },
    coverage,
    funnel: analysis.funnels.team,
    forecast: {
      period: analysis.next,
      ...forecast,
      accuracy: accuracy.available
        ? {
            period,
            asOf: period.start,
            periodComplete: !kpis.partial && (dataRange === null || dataRange.max >= period.end),
            ...accuracy.total,
          }
        : null,
      accuracyUnavailable: accuracy.available ? null : accuracy.reason,
    },
    currency: ws.currencies.length === 1 ? (ws.currencies[0] as string) : null,
    warnings,
  };
}

const BAND_RANK: Record<Band, number> = { top: 3, middle: 2, bottom: 1, unranked: 0 };

/** Bands and team figures over the last N periods of the period's kind, oldest first. */
export function buildTrendView(ws: WorkingSet, period: Period, settings: AnalysisSettings): TrendView {
  const periods = periodsEndingWith(period, settings.trendPeriods);
  const runs = periods.map((p) => rankPeriod(ws, p, settings));
  const medianOf = (k: number, id: KpiId): number | null =>
    runs[k]!.kpis.kpiAvailable[id]
      ? median(
          runs[k]!.kpis.reps.flatMap((r, i) =>
            runs[k]!.ranking.reps[i]!.band !== 'unranked' && r.values[id] !== null ? [r.values[id]] : [],
          ),
        )
      : null;
  const sumOf = (k: number, id: KpiId): number | null =>
    runs[k]!.kpis.kpiAvailable[id]
      ? runs[k]!.kpis.reps.reduce((sum, r) => sum + (r.values[id] ?? 0), 0)
      : null;
  const last = runs.length - 1;
  const comparison =
    last >= 1
      ? comparableRankings(runs[last]!.ranking, runs[last - 1]!.ranking)
      : { available: false, reason: 'previous_not_ranked' as const };
  const reps = ws.reps
    .map((rep, i) => {
      const bands = runs.map((run) => run.ranking.reps[i]!.band);
      const now = bands[last]!;
      const before = bands[last - 1] ?? 'unranked';
      const movement: TrendView['reps'][number]['movement'] =
        now === 'unranked' || before === 'unranked' || !comparison.available
          ? null
          : BAND_RANK[now] > BAND_RANK[before]
            ? 'up'
            : BAND_RANK[now] < BAND_RANK[before]
              ? 'down'
              : 'same';
      return {
        repId: rep.id,
        rep: rep.name,
        team: rep.team,
        bands,
        composites: runs.map((run) => run.ranking.reps[i]!.composite),
        movement,
      };
    })
    // Reps never ranked in the window add nothing to a stability table.
    .filter((r) => r.bands.some((b) => b !== 'unranked'));
  return {
    periods,
    reps,
    support: runs.map((run) => run.ranking.support),
    comparison,
    team: {
      wonRevenue: runs.map((_, k) => sumOf(k, 'won_revenue')),
      dealsWon: runs.map((_, k) => sumOf(k, 'deals_won')),
      medianWinRate: runs.map((_, k) => medianOf(k, 'win_rate')),
      medianCallsPerDay: runs.map((_, k) => medianOf(k, 'calls_per_day')),
      medianQualityContactsPerWeek: runs.map((_, k) => medianOf(k, 'quality_contacts_per_week')),
      rankedReps: runs.map((run) => run.ranking.rankedCount),
    },
  };
}
