import { analyzePeriod, type PeriodAnalysis } from '../analysis/analyze';
import type { AnalysisSettings } from '../analysis/settings';
import type { Band, UnrankedReason, WorkingSet } from '../domain/types';
import { DEAL_WON, TIERS } from '../domain/types';
import { quotaPerRep, type RepKpis } from '../kpi/compute-kpis';
import { KPI_BY_ID, type KpiId } from '../kpi/kpi-definitions';
import { dayNumber, fromDayNumber, holidayDays, workingDaysBetween, type Period } from '../period/period';
import { measurableFunnelSteps } from '../funnel/funnel';
import { goalText } from './goal-text';
import {
  PRACTICE_BY_ID,
  PRACTICE_DEFINITIONS,
  PRACTICE_IDS,
  VOLUME_PRACTICES,
  type PracticeDefinition,
  type PracticeId,
} from './practice-definitions';
import {
  benjaminiHochberg,
  cliffsDelta,
  mannWhitneyP,
  median,
  quantile,
  spearman,
} from '../stats/statistics';
import type {
  CoachingGoal,
  CoachingPlan,
  GoalCheck,
  ImprovementPlan,
  PracticeComparison,
  PracticeGap,
  PracticeValues,
  RepCoachingView,
  SavedGoal,
  Separation,
  TeamPractices,
  TeamPracticesView,
  TopBy,
  WorkBack,
  WorkBackRates,
} from './types';

/**
 * Issue #5's core: what the top performers do differently here, and what each rep should change.
 * Pure: the working set, the period and the settings go in; the engine, the CLI and the renderer
 * show what comes out. The rules are written down in docs/coaching.md.
 */

/** One period's coaching analysis: the ranking it stands on, every rep's practices, the team comparison. */
export interface CoachingAnalysis {
  period: Period;
  next: Period;
  topBy: TopBy;
  analysis: PeriodAnalysis;
  /** Per rep, in WorkingSet.reps order. */
  values: PracticeValues[];
  /** Per rep: the band by `topBy` ('unranked' when not ranked). */
  groups: Band[];
  team: TeamPractices;
  /** Per rep: the previous period's practice values (for "achievable given the rep's own trend"). */
  previousValues: PracticeValues[];
}

export interface CoachingOptions {
  topBy?: TopBy;
  /** Share of the gap to the benchmark a goal closes; default 0.5. */
  closeShare?: number;
  /** Added minutes a week the activity goals of one plan may ask for together; default 240. */
  budgetMinutesPerWeek?: number;
}

export const DEFAULT_CLOSE_SHARE = 0.5;
/** Four hours a week: a tenth of a working week is what a rep can add without dropping other work. */
export const DEFAULT_TIME_BUDGET = 240;
/** A goal asks for at most +25% in one period, unless the rep has done that well before. */
export const MAX_STEP = 0.25;
/** |Cliff's delta| from which a difference is called large (Romano et al.'s "medium" boundary). */
export const LARGE_EFFECT = 0.33;
/** The false discovery rate over the practices compared. */
export const FDR = 0.05;
/** Fewer top performers or others than this and nothing can be told apart. */
export const MIN_GROUP = 3;

const SEPARATION_ORDER: Record<Separation, number> = {
  distinguishing: 0,
  indicative: 1,
  no_difference: 2,
  too_few: 3,
};

function emptyValues(): PracticeValues {
  return Object.fromEntries(PRACTICE_IDS.map((id) => [id, null])) as PracticeValues;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

const CONVERSIONS = [
  'conversion_to_prospect',
  'conversion_to_target_customer',
  'conversion_to_signed',
] as const;

/** Funnel steps the period's deals can measure (measurableFunnelSteps). */
function funnelStepsOf(ws: WorkingSet, period: Period): boolean[] {
  return measurableFunnelSteps(ws, dayNumber(period.start), dayNumber(period.end));
}

/** Every practice of every rep, from one period's analysis. */
function practiceValuesOf(ws: WorkingSet, a: PeriodAnalysis, settings: AnalysisSettings): PracticeValues[] {
  const target = new Set(settings.tiers.target.map((t) => TIERS.indexOf(t)));
  const funnels = a.funnels;
  // A conversion is a practice only where the deals record the stages around it: with won / lost
  // alone it restates the win rate. Then it is unavailable, not 0 (docs/coaching.md).
  const steps = funnelStepsOf(ws, a.period);
  return a.kpis.reps.map((rk: RepKpis, r) => {
    const v = rk.values;
    const out = emptyValues();
    for (const def of PRACTICE_DEFINITIONS) if (def.kpi) out[def.id] = v[def.kpi];
    const weeks = rk.activeDays !== null ? rk.activeDays / 5 : 0;
    if (v.visits !== null) out.visits_per_week = weeks > 0 ? v.visits / weeks : null;
    if (v.calls !== null && v.meetings !== null && v.visits !== null && v.emails !== null) {
      out.face_to_face_share = ratio(v.meetings + v.visits, v.calls + v.meetings + v.visits + v.emails);
    }
    if (a.kpis.dataAvailable.tiers) {
      let onTarget = 0;
      let withAccount = 0;
      for (let k = 0; k < 4; k++) {
        const n = rk.activityByTier[k] as number;
        withAccount += n;
        if (target.has(k)) onTarget += n;
      }
      out.target_tier_activity_share = ratio(onTarget, withAccount);
    }
    const c = funnels.byRep[r]!.conversion;
    CONVERSIONS.forEach((id, s) => {
      if (steps[s]) out[id] = c[s] ?? null;
    });
    return out;
  });
}

/** Orients a raw difference so that positive means "better" in the practice's direction. */
const orient = (def: PracticeDefinition, x: number): number => (def.direction === 'lower' ? -x : x);

function bandOf(rank: PeriodAnalysis['ranking']['reps'][number], topBy: TopBy): Band {
  return topBy === 'results' ? rank.resultsBand : rank.band;
}

function compareTeam(
  period: Period,
  topBy: TopBy,
  values: PracticeValues[],
  groups: Band[],
  resultsScores: (number | null)[],
  usedKpis: readonly KpiId[],
): TeamPractices {
  const inDefinition = (def: PracticeDefinition): boolean =>
    def.kpi !== null &&
    usedKpis.includes(def.kpi) &&
    (topBy === 'composite' || KPI_BY_ID.get(def.kpi)?.group === 'results');
  const counts = { top: 0, middle: 0, bottom: 0 };
  for (const g of groups) if (g !== 'unranked') counts[g]++;
  const rows = PRACTICE_DEFINITIONS.map((def) => {
    const top: number[] = [];
    const middle: number[] = [];
    const bottom: number[] = [];
    const xs: (number | null)[] = [];
    const ys: (number | null)[] = [];
    values.forEach((v, r) => {
      const g = groups[r]!;
      if (g === 'unranked') return;
      const x = v[def.id];
      xs.push(x === null ? null : orient(def, x));
      ys.push(resultsScores[r] ?? null);
      if (x === null || !Number.isFinite(x)) return;
      (g === 'top' ? top : g === 'middle' ? middle : bottom).push(x);
    });
    const rest = [...middle, ...bottom];
    const raw = cliffsDelta(top, rest);
    return {
      def,
      top,
      rest,
      middle,
      bottom,
      effect: raw === null ? null : orient(def, raw),
      p: top.length >= MIN_GROUP && rest.length >= MIN_GROUP ? mannWhitneyP(top, rest) : null,
      rho: spearman(xs, ys),
    };
  });
  const q = benjaminiHochberg(rows.map((r) => r.p));
  const practices: PracticeComparison[] = rows.map((row, i) => {
    const topMedian = median(row.top);
    const restMedian = median(row.rest);
    const tooFew = row.top.length < MIN_GROUP || row.rest.length < MIN_GROUP;
    const large = row.effect !== null && Math.abs(row.effect) >= LARGE_EFFECT;
    const qi = q[i] ?? null;
    const separation: Separation = tooFew
      ? 'too_few'
      : large && qi !== null && qi < FDR
        ? 'distinguishing'
        : large
          ? 'indicative'
          : 'no_difference';
    return {
      practice: row.def.id,
      topMedian,
      middleMedian: median(row.middle),
      bottomMedian: median(row.bottom),
      restMedian,
      ratioTopRest:
        topMedian !== null && restMedian !== null && restMedian !== 0 ? topMedian / restMedian : null,
      effectSize: row.effect,
      pValue: row.p,
      qValue: qi,
      nTop: row.top.length,
      nRest: row.rest.length,
      separation,
      distinguishing: separation === 'distinguishing' && (row.effect ?? 0) > 0,
      resultsCorrelation: row.rho,
      inTopDefinition: inDefinition(row.def),
    };
  });
  practices.sort(
    (a, b) =>
      Number(b.distinguishing) - Number(a.distinguishing) ||
      SEPARATION_ORDER[a.separation] - SEPARATION_ORDER[b.separation] ||
      Math.abs(b.effectSize ?? 0) - Math.abs(a.effectSize ?? 0) ||
      PRACTICE_IDS.indexOf(a.practice) - PRACTICE_IDS.indexOf(b.practice),
  );
  return {
    period,
    topBy,
    counts,
    practices,
    volumeDistinguishes: practices.some((p) => p.distinguishing && VOLUME_PRACTICES.includes(p.practice)),
    tooFew: counts.top < MIN_GROUP || counts.middle + counts.bottom < MIN_GROUP,
  };
}

export function analyzeCoaching(
  ws: WorkingSet,
  period: Period,
  settings: AnalysisSettings,
  options: CoachingOptions = {},
): CoachingAnalysis {
  const topBy = options.topBy ?? 'results';
  const analysis = analyzePeriod(ws, period, settings, { withPrevious: true });
  const values = practiceValuesOf(ws, analysis, settings);
  const groups = analysis.ranking.reps.map((r) => bandOf(r, topBy));
  const resultsScores = analysis.ranking.reps.map((r) => r.resultsScore);
  const previousValues = practiceValuesFor(ws, analysis.previous, settings);
  return {
    period,
    next: analysis.next,
    topBy,
    analysis,
    values,
    groups,
    team: compareTeam(period, topBy, values, groups, resultsScores, analysis.ranking.usedKpis),
    previousValues,
  };
}

/** Every rep's practice values in a period: what saved goals are checked against. */
export function practiceValuesFor(
  ws: WorkingSet,
  period: Period,
  settings: AnalysisSettings,
): PracticeValues[] {
  // The full analysis, not only the ranking: funnel conversions need the period's funnel.
  const full = analyzePeriod(ws, period, settings);
  return practiceValuesOf(ws, full, settings);
}

/** Share of the ranked values a value beats, ties counted half: the KPI percentile rule, for any rep. */
function percentileAmong(def: PracticeDefinition, value: number, others: readonly number[]): number | null {
  if (others.length === 0) return null;
  let worse = 0;
  let ties = 0;
  for (const o of others) {
    if (o === value) ties++;
    else if (def.direction === 'lower' ? o > value : o < value) worse++;
  }
  // The rep is among `others` when ranked: do not count them against themselves.
  const n = others.length;
  if (n === 1) return 0.5;
  return (worse + Math.max(0, ties - 1) / 2) / (n - 1);
}

/**
 * Unranked for want of data, not for a minimum (a new hire short of the days still has figures
 * worth coaching): nothing in the period, hired after it, or a period without results. Such a
 * rep has no practice values to compare: the view says there is not enough data, never 0 and
 * "gap 100%" (docs/coaching.md, "Rep view").
 */
export function notEnoughDataOf(c: CoachingAnalysis, repIndex: number): UnrankedReason | null {
  const reason = c.analysis.ranking.reps[repIndex]!.unrankedReason;
  return reason === 'no_data_in_period' ||
    reason === 'joined_after_period' ||
    reason === 'no_results_in_period'
    ? reason
    : null;
}

export function repGaps(c: CoachingAnalysis, repIndex: number): PracticeGap[] {
  const v = notEnoughDataOf(c, repIndex) === null ? c.values[repIndex]! : emptyValues();
  const byId = new Map(c.team.practices.map((p) => [p.practice, p]));
  return PRACTICE_DEFINITIONS.map((def) => {
    const cmp = byId.get(def.id)!;
    const value = v[def.id];
    const benchmark = cmp.topMedian;
    const gap = value !== null && benchmark !== null ? orient(def, benchmark - value) : null;
    const ranked: number[] = [];
    let self = false;
    c.values.forEach((other, r) => {
      if (c.groups[r] === 'unranked') return;
      const x = other[def.id];
      if (x !== null) ranked.push(x);
      if (r === repIndex) self = true;
    });
    // An unranked rep is placed among the ranked ones as if they were one more of them.
    if (!self && value !== null) ranked.push(value);
    return {
      practice: def.id,
      value,
      benchmark,
      gap,
      gapPct: gap !== null && benchmark !== null && benchmark !== 0 ? gap / Math.abs(benchmark) : null,
      percentile: value !== null ? percentileAmong(def, value, ranked) : null,
      separation: cmp.separation,
      effectSize: cmp.effectSize,
    };
  });
}

/** Decimal places a target is rounded to, by unit: whole accounts, one decimal for rates. */
function targetStep(def: PracticeDefinition): number {
  switch (def.unit) {
    case 'count':
    case 'days':
      return 1;
    case 'ratio':
      return 0.01;
    case 'currency':
      return 1;
    case 'per_day':
    case 'per_week':
      return 0.1;
  }
}

/**
 * Rounds a target to the practice's step (whole accounts, one decimal for rates): away from the
 * current value, so a goal never rounds back to where the rep is, unless that would pass the
 * one-period limit; then towards it. At least one step always: 2 customers served cannot become
 * 2.5, so the goal is 3 even though that is more than +25%.
 */
function roundTarget(def: PracticeDefinition, current: number, target: number, limit: number | null): number {
  const step = targetStep(def);
  const up = def.direction !== 'lower';
  const digits = step === 0.01 ? 2 : step < 1 ? 1 : 0;
  const at = (k: number): number => Number((k * step).toFixed(digits));
  const away = at(up ? Math.ceil(target / step - 1e-9) : Math.floor(target / step + 1e-9));
  const toward = at(up ? Math.floor(target / step + 1e-9) : Math.ceil(target / step - 1e-9));
  const beyond = (x: number): boolean => (up ? x > current : x < current);
  const within = (x: number): boolean => limit === null || (up ? x <= limit + 1e-9 : x >= limit - 1e-9);
  if (beyond(away) && within(away)) return away;
  if (beyond(toward)) return toward;
  if (beyond(away)) return away;
  return target;
}

/** Units a week of a rate, for the time a goal costs: a per-day rate happens five times a week. */
function unitsPerWeek(def: PracticeDefinition): number {
  return def.unit === 'per_day' ? 5 : 1;
}

interface Candidate {
  def: PracticeDefinition;
  gap: PracticeGap;
  priority: number;
  circular: boolean;
}

export function buildCoachingPlan(
  ws: WorkingSet,
  c: CoachingAnalysis,
  repIndex: number,
  settings: AnalysisSettings,
  options: CoachingOptions = {},
): CoachingPlan {
  const closeShare = options.closeShare ?? DEFAULT_CLOSE_SHARE;
  const budget = options.budgetMinutesPerWeek ?? DEFAULT_TIME_BUDGET;
  const rep = ws.reps[repIndex]!;
  const rank = c.analysis.ranking.reps[repIndex]!;
  const gaps = repGaps(c, repIndex);
  const byPractice = new Map(c.team.practices.map((p) => [p.practice, p]));
  const previous = c.previousValues[repIndex] ?? emptyValues();

  // The gaps that matter most: behind the benchmark on a practice the top performers are better
  // at here; weighted by how strongly it separates them and by how far behind the rep is.
  const candidates: Candidate[] = [];
  // A rep with nothing in the period (or hired after it) has no practice to coach yet; a new hire
  // short of the minimum days still gets goals: that is when coaching matters most.
  const noData = notEnoughDataOf(c, repIndex) !== null;
  for (const gap of noData ? [] : gaps) {
    const def = PRACTICE_BY_ID.get(gap.practice)!;
    if (gap.value === null || gap.benchmark === null || gap.gap === null || gap.gap <= 0) continue;
    if (gap.effectSize === null || gap.effectSize <= 0) continue;
    if (gap.separation !== 'distinguishing' && gap.separation !== 'indicative') continue;
    const relative = gap.gapPct === null ? 1 : Math.min(1, gap.gapPct);
    candidates.push({
      def,
      gap,
      priority: gap.effectSize * relative,
      circular: byPractice.get(gap.practice)?.inTopDefinition ?? false,
    });
  }
  // Practices first, then the results KPIs that define the top performers (win rate, deal size):
  // "raise your win rate" restates the outcome; the practices behind it are what a rep can change.
  candidates.sort(
    (a, b) =>
      Number(a.circular) - Number(b.circular) ||
      SEPARATION_ORDER[a.gap.separation] - SEPARATION_ORDER[b.gap.separation] ||
      b.priority - a.priority ||
      PRACTICE_IDS.indexOf(a.def.id) - PRACTICE_IDS.indexOf(b.def.id),
  );

  const chosen: Candidate[] = [];
  const conflicts: CoachingPlan['conflicts'] = [];
  const usedGroups = new Map<string, PracticeId>();
  for (const cand of candidates) {
    if (chosen.length === 3) break;
    const group = cand.def.overlap;
    if (group && usedGroups.has(group)) {
      conflicts.push({ practice: cand.def.id, with: usedGroups.get(group)!, reason: 'overlap' });
      continue;
    }
    if (group) usedGroups.set(group, cand.def.id);
    chosen.push(cand);
  }

  // Targets: close `closeShare` of the gap, capped at +25% unless the rep has done better before.
  const drafts = chosen.map((cand) => {
    const { def, gap } = cand;
    const current = gap.value!;
    const benchmark = gap.benchmark!;
    const sign = def.direction === 'lower' ? -1 : 1;
    let target = current + sign * closeShare * gap.gap!;
    const prev = previous[def.id];
    const doneBefore = prev !== null && (sign > 0 ? prev >= target : prev <= target);
    let capped = false;
    const limit = current > 0 && !doneBefore ? current * (1 + sign * MAX_STEP) : null;
    if (limit !== null && (sign > 0 ? target > limit : target < limit)) {
      target = limit;
      capped = true;
    }
    return { cand, current, benchmark, target, limit, prev, capped, scaledForTime: false };
  });

  // Consistent: activity goals share the working week. Scale their increments to the budget.
  const minutes = (d: (typeof drafts)[number]): number =>
    d.cand.def.minutesPerUnit === null
      ? 0
      : Math.abs(d.target - d.current) * unitsPerWeek(d.cand.def) * d.cand.def.minutesPerUnit;
  const totalMinutes = drafts.reduce((sum, d) => sum + minutes(d), 0);
  if (totalMinutes > budget) {
    const scale = budget / totalMinutes;
    for (const d of drafts) {
      if (d.cand.def.minutesPerUnit === null) continue;
      d.target = d.current + (d.target - d.current) * scale;
      d.scaledForTime = true;
    }
  }

  const goals: CoachingGoal[] = drafts.map((d, i) => {
    const def = d.cand.def;
    const target = roundTarget(def, d.current, d.target, d.limit);
    const cmp = byPractice.get(def.id)!;
    // What the target really does: rounding, the cap and the time budget all move it off closeShare.
    const fullGap = Math.abs(d.benchmark - d.current);
    const gapShare = fullGap > 0 ? Math.abs(target - d.current) / fullGap : 1;
    const goal: Omit<CoachingGoal, 'text'> = {
      practice: def.id,
      rank: i + 1,
      current: d.current,
      target,
      benchmark: d.benchmark,
      deadline: c.next.end,
      period: c.next,
      priority: d.cand.priority,
      separation: d.cand.gap.separation,
      achievable: {
        closeShare,
        gapShare,
        previous: d.prev,
        capped: d.capped,
        scaledForTime: d.scaledForTime,
      },
      relevant: { resultsCorrelation: cmp.resultsCorrelation },
      minutesPerWeek:
        def.minutesPerUnit === null
          ? null
          : Math.abs(target - d.current) * unitsPerWeek(def) * def.minutesPerUnit,
    };
    return { ...goal, text: goalText(goal, ws.currencies.length === 1 ? (ws.currencies[0] ?? null) : null) };
  });

  const shortReason: CoachingPlan['shortReason'] =
    goals.length >= 3
      ? null
      : rank.band === 'unranked'
        ? 'not_ranked'
        : c.team.tooFew
          ? 'too_few_reps'
          : 'no_gaps';

  return {
    repId: rep.id,
    rep: rep.name,
    period: c.period,
    next: c.next,
    band: rank.band,
    goals,
    conflicts,
    time: {
      minutesPerWeek: goals.reduce((sum, g) => sum + (g.minutesPerWeek ?? 0), 0),
      budgetMinutesPerWeek: budget,
    },
    workBack: workBack(ws, c, repIndex, settings),
    improvementPlan: rank.band === 'bottom' ? improvementPlan(c, repIndex, goals, settings) : null,
    shortReason,
  };
}

/** Won deals per distinct customer won, per rep, in the period (deals without an account count alone). */
function repeatPurchases(ws: WorkingSet, from: number, to: number): number[] {
  const d = ws.deals;
  // Per rep: won deals, the accounts they went to, and those with no account.
  const byRep = ws.reps.map(() => ({ deals: 0, accounts: new Set<number>(), loose: 0 }));
  for (let i = 0; i < d.length; i++) {
    const r = d.rep[i] as number;
    if (r < 0 || d.status[i] !== DEAL_WON) continue;
    const day = d.closeDay[i] as number;
    const rep = byRep[r];
    if (day < from || day > to || rep === undefined) continue;
    rep.deals++;
    const acc = d.account[i] as number;
    if (acc >= 0) rep.accounts.add(acc);
    else rep.loose++;
  }
  return byRep.map(({ deals, accounts, loose }) => {
    const customers = accounts.size + loose;
    return customers > 0 ? deals / customers : 1;
  });
}

function ratesOf(v: RepKpis['values'], repeat: number, target: number | null, weeks: number): WorkBackRates {
  const created = v.prospects_created;
  const perProspect = (n: number | null): number | null =>
    n !== null && created !== null && created > 0 ? n / created : null;
  const meetings = v.meetings !== null && v.visits !== null ? v.meetings + v.visits : null;
  const rates = {
    repeatPurchases: repeat,
    avgDealSize: v.avg_deal_size,
    winRate: v.win_rate,
    activitiesPerProspect: perProspect(v.activities),
    meetingsPerProspect: perProspect(meetings),
    callsPerProspect: perProspect(v.calls),
  };
  return { ...rates, perWeek: perWeekNeeds(rates, target, weeks) };
}

function perWeekNeeds(
  rates: Omit<WorkBackRates, 'perWeek'>,
  target: number | null,
  weeks: number,
): WorkBackRates['perWeek'] {
  const ok = (x: number | null): x is number => x !== null && Number.isFinite(x) && x > 0;
  const deals =
    target !== null && ok(rates.avgDealSize) && weeks > 0 ? target / rates.avgDealSize / weeks : null;
  const prospects = deals !== null && ok(rates.winRate) ? deals / rates.winRate : null;
  const times = (per: number | null): number | null =>
    prospects !== null && per !== null ? prospects * per : null;
  return {
    deals,
    prospects,
    activities: times(rates.activitiesPerProspect),
    meetings: times(rates.meetingsPerProspect),
    calls: times(rates.callsPerProspect),
  };
}

const medianOf = (xs: (number | null)[]): number | null =>
  median(xs.filter((x): x is number => x !== null && Number.isFinite(x)));

/**
 * Revenue = prospects developed x conversion x deal size x repeat purchases, worked backwards:
 * from the next period's revenue target to the deals, prospects and contacts needed each week,
 * at the rep's own rates and at the top performers' median rates.
 */
function workBack(
  ws: WorkingSet,
  c: CoachingAnalysis,
  repIndex: number,
  settings: AnalysisSettings,
): WorkBack {
  const next = c.next;
  const from = dayNumber(next.start);
  const to = dayNumber(next.end);
  const weeks = workingDaysBetween(from, to, holidayDays(settings.holidays)) / 5;
  const quota = quotaPerRep(ws, from, to, settings.quotaScale)[repIndex] as number;
  const reps = c.analysis.kpis.reps;
  const topIdx = c.groups.flatMap((g, r) => (g === 'top' ? [r] : []));
  const topRevenue = medianOf(topIdx.map((r) => reps[r]!.values.won_revenue));
  const target = quota > 0 ? quota : topRevenue !== null && topRevenue > 0 ? topRevenue : null;
  const targetSource: WorkBack['targetSource'] =
    quota > 0 ? 'quota' : target !== null ? 'top_median' : 'none';
  const repeat = repeatPurchases(ws, dayNumber(c.period.start), dayNumber(c.period.end));
  const repRates = ratesOf(reps[repIndex]!.values, repeat[repIndex]!, target, weeks);
  const topEach = topIdx.map((r) => ratesOf(reps[r]!.values, repeat[r]!, target, weeks));
  const topRates = {
    repeatPurchases: medianOf(topEach.map((t) => t.repeatPurchases)) ?? 1,
    avgDealSize: medianOf(topEach.map((t) => t.avgDealSize)),
    winRate: medianOf(topEach.map((t) => t.winRate)),
    activitiesPerProspect: medianOf(topEach.map((t) => t.activitiesPerProspect)),
    meetingsPerProspect: medianOf(topEach.map((t) => t.meetingsPerProspect)),
    callsPerProspect: medianOf(topEach.map((t) => t.callsPerProspect)),
  };
  return {
    target,
    targetSource,
    period: next,
    weeks,
    rep: repRates,
    top: { ...topRates, perWeek: perWeekNeeds(topRates, target, weeks) },
  };
}

/** For a bottom-band rep: measurable thresholds, a review date and the evidence. */
function improvementPlan(
  c: CoachingAnalysis,
  repIndex: number,
  goals: CoachingGoal[],
  settings: AnalysisSettings,
): ImprovementPlan {
  const a = c.analysis;
  const rank = a.ranking.reps[repIndex]!;
  const peer = a.peerKeys[repIndex] ?? null;
  const samePeer = (r: number): boolean => (a.peerKeys[r] ?? null) === peer;
  const middleComposites = a.ranking.reps
    .map((x, r) => (x.band === 'middle' && samePeer(r) ? x.composite : null))
    .filter((x): x is number => x !== null);
  const thresholds: ImprovementPlan['thresholds'] = goals.map((g) => ({
    metric: g.practice,
    current: g.current,
    threshold: g.target,
  }));
  const weakKpis: ImprovementPlan['evidence']['weakKpis'] = [];
  for (const id of a.ranking.usedKpis) {
    const p = rank.percentiles[id];
    const value = a.kpis.reps[repIndex]!.values[id];
    if (p === undefined || p >= 0.25 || value === null) continue;
    weakKpis.push({ kpi: id, value, percentile: p });
    const def = KPI_BY_ID.get(id)!;
    if (def.group !== 'results' || thresholds.some((t) => t.metric === id)) continue;
    // The threshold: the value that leaves the bottom quarter of the peer group.
    const peers = a.kpis.reps
      .map((rk, r) => (a.ranking.reps[r]!.band !== 'unranked' && samePeer(r) ? rk.values[id] : null))
      .filter((x): x is number => x !== null);
    const raw = quantile(peers, def.direction === 'lower' ? 0.75 : 0.25);
    // A count is a whole number: 34.5 deals is 35 (the next whole count that leaves the bottom
    // quarter; for a lower-is-better count, the whole count at or below the cut).
    const cut =
      raw === null || def.unit !== 'count'
        ? raw
        : def.direction === 'lower'
          ? Math.floor(raw + 1e-9)
          : Math.ceil(raw - 1e-9);
    if (cut !== null) thresholds.push({ metric: id, current: value, threshold: cut });
  }
  weakKpis.sort((x, y) => x.percentile - y.percentile);
  return {
    // Reviewed within the next period's first months (a setting), not at its end a year later.
    reviewDate: fromDayNumber(dayNumber(c.period.end) + settings.improvementReviewDays),
    compositeThreshold: middleComposites.length > 0 ? Math.min(...middleComposites) : null,
    thresholds,
    evidence: {
      band: rank.band,
      composite: rank.composite,
      resultsScore: rank.resultsScore,
      activityScore: rank.activityScore,
      previousBand: a.previousBands?.[repIndex] ?? null,
      weakKpis,
    },
  };
}

/** The team view: the comparison plus every ranked rep's values for the chart. */
export function teamPracticesView(ws: WorkingSet, c: CoachingAnalysis): TeamPracticesView {
  const reps: TeamPracticesView['reps'] = [];
  ws.reps.forEach((rep, r) => {
    const band = c.groups[r];
    const values = c.values[r];
    if (band === undefined || band === 'unranked' || values === undefined) return;
    reps.push({ repId: rep.id, rep: rep.name, band, values });
  });
  const unavailable = PRACTICE_IDS.filter((id) => c.values.every((v) => v[id] === null));
  // Say why where the reason is the shape of the data, not a missing file.
  const steps = funnelStepsOf(ws, c.period);
  const unavailableReasons: TeamPracticesView['unavailableReasons'] = {};
  CONVERSIONS.forEach((id, s) => {
    if (!steps[s] && unavailable.includes(id)) unavailableReasons[id] = 'no_funnel_stages';
  });
  return { ...c.team, reps, unavailable, unavailableReasons };
}

/** Median of the top performers' funnel conversions, per step. */
function topConversion(c: CoachingAnalysis): [number | null, number | null, number | null] {
  const ids: PracticeId[] = [
    'conversion_to_prospect',
    'conversion_to_target_customer',
    'conversion_to_signed',
  ];
  return ids.map((id) => c.team.practices.find((p) => p.practice === id)?.topMedian ?? null) as [
    number | null,
    number | null,
    number | null,
  ];
}

/** The rep view without the stored parts (savedPlans and notes are empty: the engine fills them). */
export function repCoachingView(
  ws: WorkingSet,
  c: CoachingAnalysis,
  repIndex: number,
  settings: AnalysisSettings,
  options: CoachingOptions = {},
): RepCoachingView {
  const rep = ws.reps[repIndex]!;
  const rank = c.analysis.ranking.reps[repIndex]!;
  const funnel = c.analysis.funnels.byRep[repIndex]!;
  return {
    period: c.period,
    topBy: c.topBy,
    rep: {
      repId: rep.id,
      name: rep.name,
      team: rep.team,
      band: rank.band,
      resultsBand: rank.resultsBand,
      activityBand: rank.activityBand,
      composite: rank.composite,
      unrankedReason: rank.unrankedReason,
    },
    notEnoughData: notEnoughDataOf(c, repIndex),
    gaps: repGaps(c, repIndex),
    funnel: { reached: funnel.reached, conversion: funnel.conversion, topConversion: topConversion(c) },
    plan: buildCoachingPlan(ws, c, repIndex, settings, options),
    savedPlans: [],
    notes: [],
  };
}

/**
 * Saved goals against the values of their period: met when the target is reached, progressing
 * when better than the baseline, missed otherwise; pending while the period has no data or is
 * still running (`periodOver` false and not yet met).
 */
export function checkGoals(
  goals: readonly SavedGoal[],
  values: PracticeValues | null,
  periodOver: boolean,
): GoalCheck[] {
  return goals.map((g) => {
    const def = PRACTICE_BY_ID.get(g.practice)!;
    const actual = values?.[g.practice] ?? null;
    const base = { practice: g.practice, baseline: g.baseline, target: g.target, actual };
    if (actual === null) return { ...base, status: 'pending' };
    const better = (x: number, than: number): boolean => (def.direction === 'lower' ? x < than : x > than);
    const reached = actual === g.target || better(actual, g.target);
    if (reached) return { ...base, status: 'met' };
    if (!periodOver) return { ...base, status: better(actual, g.baseline) ? 'progressing' : 'pending' };
    return { ...base, status: better(actual, g.baseline) ? 'progressing' : 'missed' };
  });
}
