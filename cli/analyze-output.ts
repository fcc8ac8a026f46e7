import type { ImportSummary, RankingView } from '../shared/api/contract';
import { translateNotice } from '../shared/i18n/translate';
import { KPI_DEFINITIONS } from '../shared/kpi/kpi-definitions';
import { DEFAULT_WEIGHTS, type RankingWeights } from '../shared/kpi/kpi-definitions';
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
    'band',
    'results_band',
    'activity_band',
    'composite_score',
    'results_score',
    'activity_score',
    ...kpiIds,
    'unranked_reason',
  ];
  const rows = view.rows.map((r) => [
    r.rep,
    r.team,
    r.region,
    r.band,
    r.resultsBand,
    r.activityBand,
    round(r.composite, 4),
    round(r.resultsScore, 4),
    round(r.activityScore, 4),
    ...kpiIds.map((id) => round(r.values[id], 6)),
    r.unrankedReason,
  ]);
  return toCsv(header, rows, PLAIN_CSV);
}

export function summaryJson(
  view: RankingView,
  files: ImportSummary[],
  weights: RankingWeights = DEFAULT_WEIGHTS,
): string {
  const summary = {
    period: view.period,
    reps: view.rows.length,
    ranked: view.rankedCount,
    band_counts: view.bandCounts,
    small_group: view.smallGroup,
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
      available: view.kpiAvailable[k.id],
      used_in_composite: view.usedKpis.includes(k.id),
      weight: weights.kpis[k.id] ?? 0,
    })),
    group_weights: weights.groups,
    ranking_rule: RANKING_RULE,
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
