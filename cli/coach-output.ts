import { PRACTICE_BY_ID, type PracticeId } from '../shared/coaching/practice-definitions';
import type { RepCoachingView, TeamPracticesView } from '../shared/coaching/types';
import { PLAIN_CSV, toCsv } from '../engine/export/csv';
import { sig6 } from '../shared/format/significant';

/**
 * The coaching outputs of the CLI: practices.csv of `analyze` (the team view) and of `coach`
 * (one rep's gaps), and `coach`'s plan.json. Both are read by scripts as well as by people, so
 * numbers are plain (no locale, no thousands separators) with 6 significant digits: enough for
 * any practice's unit, and short enough to read. The texts stay as the templates wrote them.
 */

export { sig6 } from '../shared/format/significant';

const name = (id: PracticeId): { en: string; zh: string } => {
  const def = PRACTICE_BY_ID.get(id);
  return { en: def?.name_en ?? id, zh: def?.name_zh ?? id };
};

/** The columns the issue fixes, in order; the extras come after them. */
export const TEAM_PRACTICES_COLUMNS = [
  'practice',
  'top_median',
  'middle_median',
  'bottom_median',
  'ratio_top_rest',
  'effect_size',
  'n_top',
  'n_rest',
  'distinguishing',
  'p_value',
  'q_value',
  'separation',
  'results_correlation',
  'name_en',
  'name_zh',
] as const;

/** `analyze`'s practices.csv: one row per practice, most separating first (the team view's order). */
export function teamPracticesCsv(view: TeamPracticesView): string {
  const rows = view.practices.map((p) => [
    p.practice,
    sig6(p.topMedian),
    sig6(p.middleMedian),
    sig6(p.bottomMedian),
    sig6(p.ratioTopRest),
    sig6(p.effectSize),
    p.nTop,
    p.nRest,
    p.distinguishing,
    sig6(p.pValue),
    sig6(p.qValue),
    p.separation,
    sig6(p.resultsCorrelation),
    name(p.practice).en,
    name(p.practice).zh,
  ]);
  return toCsv(TEAM_PRACTICES_COLUMNS, rows, PLAIN_CSV);
}

export const REP_PRACTICES_COLUMNS = [
  'practice',
  'name_en',
  'name_zh',
  'unit',
  'direction',
  'rep_value',
  'top_median',
  'gap',
  'gap_pct',
  'percentile',
  'effect_size',
  'separation',
] as const;

/** `coach`'s practices.csv: the rep against the top performers' benchmark, per practice. */
export function repPracticesCsv(view: RepCoachingView): string {
  const rows = view.gaps.map((g) => {
    const def = PRACTICE_BY_ID.get(g.practice);
    return [
      g.practice,
      name(g.practice).en,
      name(g.practice).zh,
      def?.unit ?? null,
      def?.direction ?? null,
      sig6(g.value),
      sig6(g.benchmark),
      sig6(g.gap),
      sig6(g.gapPct),
      sig6(g.percentile),
      sig6(g.effectSize),
      g.separation,
    ];
  });
  return toCsv(REP_PRACTICES_COLUMNS, rows, PLAIN_CSV);
}

/**
 * camelCase keys to snake_case, numbers to 6 significant digits, all the way down: plan.json's
 * work-back and improvement plan keep the engine's shapes under the file's naming.
 */
function snake(value: unknown): unknown {
  if (typeof value === 'number') return sig6(value);
  if (Array.isArray(value)) return value.map(snake);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snake(v)]),
    );
  }
  return value;
}

/** `coach`'s plan.json: the SMART+C goals, the work-back, the improvement plan and the left-out goals. */
export function planJson(view: RepCoachingView): string {
  const plan = view.plan;
  const json = {
    rep: view.rep.name,
    rep_id: view.rep.repId,
    team: view.rep.team,
    period: plan.period.id,
    next_period: plan.next.id,
    band: plan.band,
    results_band: view.rep.resultsBand,
    activity_band: view.rep.activityBand,
    composite_score: sig6(view.rep.composite),
    unranked_reason: view.rep.unrankedReason,
    top_by: view.topBy,
    goals: plan.goals.map((g) => ({
      practice: g.practice,
      name_en: name(g.practice).en,
      name_zh: name(g.practice).zh,
      unit: PRACTICE_BY_ID.get(g.practice)?.unit ?? null,
      direction: PRACTICE_BY_ID.get(g.practice)?.direction ?? null,
      rank: g.rank,
      current: sig6(g.current),
      target: sig6(g.target),
      benchmark: sig6(g.benchmark),
      deadline: g.deadline,
      period: g.period.id,
      text_en: g.text.en,
      text_zh: g.text.zh,
      priority: sig6(g.priority),
      separation: g.separation,
      close_share: sig6(g.achievable.closeShare),
      previous: sig6(g.achievable.previous),
      capped: g.achievable.capped,
      scaled_for_time: g.achievable.scaledForTime,
      results_correlation: sig6(g.relevant.resultsCorrelation),
      minutes_per_week: sig6(g.minutesPerWeek),
    })),
    short_reason: plan.shortReason,
    time: snake(plan.time),
    work_back: snake(plan.workBack),
    improvement_plan: snake(plan.improvementPlan),
    conflicts: plan.conflicts.map((c) => ({ practice: c.practice, with: c.with, reason: c.reason })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
