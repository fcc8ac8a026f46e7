import type { ImportSummary, RankingView } from '../shared/api/contract';
import { translateNotice } from '../shared/i18n/translate';
import { DATA_NEEDS, KPI_DEFINITIONS } from '../shared/kpi/kpi-definitions';
import { RANKING_RULE } from '../shared/ranking/ranking-rule';
import { PLAIN_CSV, toCsv } from '../engine/export/csv';

const round = (v: number | null, digits: number): number | null =>
  v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;

/** rankings.csv: one row per rep, ranked first (best first), then the unranked with the reason. */
export function rankingsCsv(view: RankingView): string {
  const kpiIds = KPI_DEFINITIONS.map((k) => k.id);
  const header = [
    'rep',
    'team',
    'region',
    'role',
    'peer_group',
    'band',
    'results_band',
    'activity_band',
    'composite_score',
    'results_score',
    'activity_score',
    'active_days',
    'previous_band',
    ...kpiIds,
    'unranked_reason',
  ];
  const rows = view.rows.map((r) => [
    r.rep,
    r.team,
    r.region,
    r.role,
    r.peerGroup,
    r.band,
    r.resultsBand,
    r.activityBand,
    round(r.composite, 4),
    round(r.resultsScore, 4),
    round(r.activityScore, 4),
    r.activeDays,
    r.previousBand,
    ...kpiIds.map((id) => round(r.values[id], 6)),
    r.unrankedReason,
  ]);
  return toCsv(header, rows, PLAIN_CSV);
}

export function summaryJson(view: RankingView, files: ImportSummary[]): string {
  const weights = view.settings.weights;
  const summary = {
    period: view.period,
    previous_period: view.previousPeriod,
    partial_period: view.partial,
    reps: view.rows.length,
    ranked: view.rankedCount,
    band_counts: view.bandCounts,
    small_group: view.smallGroup,
    peer_group: view.settings.peerGroup,
    peer_groups: view.peerGroups,
    currency: view.currency,
    kpis: KPI_DEFINITIONS.map((k) => ({
      id: k.id,
      group: k.group,
      name_en: k.name_en,
      name_zh: k.name_zh,
      unit: k.unit,
      direction: k.direction,
      formula: k.formula_en,
      formula_zh: k.formula_zh,
      needs: k.needs.map((n) => DATA_NEEDS[n].en),
      available: view.kpiAvailable[k.id],
      missing: (view.kpiMissing[k.id] ?? []).map((n) => DATA_NEEDS[n].en),
      used_in_composite: view.usedKpis.includes(k.id),
      weight: weights.kpis[k.id] ?? 0,
    })),
    group_weights: weights.groups,
    settings: view.settings,
    ranking_rule: RANKING_RULE,
    matrix: view.matrix.map((c) => ({
      results_band: c.results,
      activity_band: c.activity,
      reps: c.repIds.length,
      rep_ids: c.repIds,
    })),
    tiers: view.tiers,
    coverage: view.coverage,
    funnel: view.funnel,
    forecast: view.forecast,
    warnings: view.warnings.map((w) => ({ ...w, message: translateNotice('en', w) })),
    files: files.map((f) => ({
      file: f.fileName,
      kind: f.kind,
      preset: f.preset,
      batch_id: f.batchId,
      counts: f.counts,
      warnings: f.warnings.map((w) => ({ ...w, message: translateNotice('en', w) })),
    })),
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}
