import type { Band, UnrankedReason } from '../domain/types';
import type { Period } from '../period/period';
import type { PracticeId } from './practice-definitions';

/**
 * The shapes of the coaching analysis (issue #5): what separates the top quartile in this team,
 * and what each rep should change. Pure data; the engine, the CLI and the renderer all use these.
 */

/** Whom the practices of the "top performers" are taken from. */
export const TOP_BY = ['results', 'composite'] as const;
/**
 * `results` (default): the top quartile of the results score, so practices are not compared with
 * a ranking they helped make; `composite`: the top band of the weighted composite.
 */
export type TopBy = (typeof TOP_BY)[number];

/**
 * How strongly a practice separates the top performers from the rest in this data:
 * - `distinguishing`: the difference is large (|Cliff's delta| >= 0.33) and unlikely to be chance
 *   (Mann-Whitney, Benjamini-Hochberg adjusted q < 0.05 over the practices compared);
 * - `indicative`: large but not statistically supported (often a small team);
 * - `no_difference`: small;
 * - `too_few`: fewer than 3 top performers or 3 others have a value.
 */
export type Separation = 'distinguishing' | 'indicative' | 'no_difference' | 'too_few';

/** One practice across the team: the team view. */
export interface PracticeComparison {
  practice: PracticeId;
  /** Median of the top performers, the middle 50% and the bottom 25% (by `topBy`'s band). */
  topMedian: number | null;
  middleMedian: number | null;
  bottomMedian: number | null;
  /** Median of everyone ranked who is not a top performer. */
  restMedian: number | null;
  /** topMedian / restMedian; null when the rest's median is 0 or either is missing. */
  ratioTopRest: number | null;
  /**
   * Cliff's delta, oriented by the practice's direction: +1 = every top performer is better than
   * every other rep, 0 = no difference, -1 = the top is worse. For a practice without a direction
   * it is the raw top-vs-rest delta (higher values positive).
   */
  effectSize: number | null;
  /** Two-sided Mann-Whitney p-value and its Benjamini-Hochberg adjusted value. */
  pValue: number | null;
  qValue: number | null;
  nTop: number;
  nRest: number;
  separation: Separation;
  /** `distinguishing` and the top is better (effectSize > 0): what the app calls a top-quartile practice. */
  distinguishing: boolean;
  /**
   * Spearman correlation of the practice with the results score over the ranked reps, oriented
   * by direction: how much it goes with results here (the "relevant" of SMART+C).
   */
  resultsCorrelation: number | null;
  /**
   * The practice is a KPI that carries weight in the score the top performers are chosen by
   * (win rate, deal size and sales cycle are results KPIs): it separates them partly by
   * construction. Shown and flagged; a plan turns to such a practice only after the others.
   */
  inTopDefinition: boolean;
}

export interface TeamPractices {
  period: Period;
  topBy: TopBy;
  /** Ranked reps by band of `topBy`. */
  counts: { top: number; middle: number; bottom: number };
  /** Ranked by how strongly they separate (distinguishing first, then |effect size|). */
  practices: PracticeComparison[];
  /** Raw activity volume does not separate the quartiles here: said, not assumed. */
  volumeDistinguishes: boolean;
  /** Fewer than 3 top performers or 3 others: nothing can be called distinguishing. */
  tooFew: boolean;
}

/** One practice of one rep against the top performers' benchmark. */
export interface PracticeGap {
  practice: PracticeId;
  value: number | null;
  /** The top performers' median. */
  benchmark: number | null;
  /**
   * benchmark - value, in the practice's unit, signed so that positive means the rep is behind
   * (for a lower-is-better practice: value - benchmark). null when either is missing.
   */
  gap: number | null;
  /** gap / |benchmark|, so 0.25 = 25% behind; null when the benchmark is 0 or missing. */
  gapPct: number | null;
  /** 0..1 among the ranked reps with a value (1 = best), by the same rule as KPI percentiles. */
  percentile: number | null;
  separation: Separation;
  effectSize: number | null;
}

/** The SMART+C parts of one goal, as data; the texts are rendered from templates. */
export interface CoachingGoal {
  practice: PracticeId;
  /** 1 = the gap that matters most. */
  rank: number;
  current: number;
  target: number;
  benchmark: number;
  /** The ISO date the goal is due: the end of the next period. */
  deadline: string;
  /** The period the goal is checked against. */
  period: Period;
  /** The priority the gap was chosen by: effect size x relative gap. */
  priority: number;
  separation: Separation;
  /** Why the target is what it is (achievable given the rep's own trend). */
  achievable: {
    /** The share of the gap the plan aims to close (the option; default 0.5). */
    closeShare: number;
    /**
     * The share of the gap the target really closes, after rounding to the practice's step, the
     * +25% cap and the time budget: |target - current| / |benchmark - current|. The text says this.
     */
    gapShare: number;
    /** The rep's value in the previous period, when known. */
    previous: number | null;
    /** The target was lowered to stay achievable (at most +25% in one period unless the rep has done better before). */
    capped: boolean;
    /** The target was scaled down so the plan's added activity fits the time budget. */
    scaledForTime: boolean;
  };
  /** Relevant: the correlation with the results score here, and what the practice drives. */
  relevant: { resultsCorrelation: number | null };
  /** Extra minutes a week the goal asks for (time-using practices only). */
  minutesPerWeek: number | null;
  text: { en: string; zh: string };
}

/** Revenue = prospects developed x conversion x deal size x repeat purchases, worked back per week. */
export interface WorkBackRates {
  /** Won deals per won customer in the period (>= 1); 1 when unknown. */
  repeatPurchases: number;
  avgDealSize: number | null;
  winRate: number | null;
  /** Activities, meetings (incl. visits) and calls logged per deal created. */
  activitiesPerProspect: number | null;
  meetingsPerProspect: number | null;
  callsPerProspect: number | null;
  /** What the target needs per week at these rates; null when a rate is missing. */
  perWeek: {
    deals: number | null;
    prospects: number | null;
    activities: number | null;
    meetings: number | null;
    calls: number | null;
  };
}

export interface WorkBack {
  /** The revenue target of the next period and where it comes from. */
  target: number | null;
  targetSource: 'quota' | 'top_median' | 'none';
  period: Period;
  /** Working weeks (working days / 5) of the next period. */
  weeks: number;
  rep: WorkBackRates;
  top: WorkBackRates;
}

/** For a rep in the bottom band: what must change, by when, and why they are there. */
export interface ImprovementPlan {
  reviewDate: string;
  /** The composite score that would have placed the rep in the middle band this period. */
  compositeThreshold: number | null;
  /** Measurable thresholds: the plan's goals plus the results KPIs the rep is in the bottom quarter of. */
  thresholds: { metric: string; current: number; threshold: number }[];
  evidence: {
    band: Band;
    composite: number | null;
    resultsScore: number | null;
    activityScore: number | null;
    previousBand: Band | null;
    /** Ranked KPIs where the rep's percentile is below 0.25. */
    weakKpis: { kpi: string; value: number; percentile: number }[];
  };
}

export interface CoachingPlan {
  repId: number;
  rep: string;
  period: Period;
  next: Period;
  band: Band;
  goals: CoachingGoal[];
  /** Goals considered and left out to keep the plan consistent (overlapping practice, time). */
  conflicts: { practice: PracticeId; with: PracticeId | null; reason: 'overlap' | 'time' }[];
  /** The added minutes a week all goals ask for, and the budget. */
  time: { minutesPerWeek: number; budgetMinutesPerWeek: number };
  workBack: WorkBack;
  improvementPlan: ImprovementPlan | null;
  /** Why the plan has fewer than 3 goals, when it does. */
  shortReason: 'no_gaps' | 'not_ranked' | 'too_few_reps' | null;
}

/** A saved goal checked against the data of its period. */
export type GoalStatus = 'met' | 'progressing' | 'missed' | 'pending';

export interface GoalCheck {
  practice: PracticeId;
  baseline: number;
  target: number;
  /** The value in the goal's period; null while it has no data. */
  actual: number | null;
  status: GoalStatus;
}

/** Per rep, every practice's value in the period (null: no data for it). */
export type PracticeValues = Record<PracticeId, number | null>;

/** The director's dated note on a rep, stored in the workspace. */
export interface CoachingNote {
  noteId: number;
  repId: number;
  /** ISO date-time the note was written (the engine's clock). */
  createdAt: string;
  /** The period the director was looking at, e.g. `2025-Q3`; null when none. */
  period: string | null;
  text: string;
}

/** A plan the director saved (goals as edited), checked later against the goals' period. */
export interface SavedGoal {
  practice: PracticeId;
  baseline: number;
  target: number;
  deadline: string;
  /** The period the goal is checked against (the one after the plan's period). */
  period: string;
  text: { en: string; zh: string };
}

export interface SavedPlan {
  planId: number;
  repId: number;
  /** The period the plan was made from. */
  period: string;
  savedAt: string;
  goals: SavedGoal[];
}

/** The team view (coaching.team, and `analyze`'s practices.csv). */
export interface TeamPracticesView extends TeamPractices {
  /** Per ranked rep: the band by `topBy` and every practice value, for the chart. */
  reps: { repId: number; rep: string; band: Band; values: PracticeValues }[];
  /** Practices the data has no value for, for anyone (e.g. visits in a deals-only workspace). */
  unavailable: PracticeId[];
  /**
   * Why, where it is the shape of the data: `no_funnel_stages` when the deals record no stage
   * between the first one and the win (only won / lost), so a conversion would restate the win rate.
   */
  unavailableReasons: Partial<Record<PracticeId, 'no_funnel_stages'>>;
}

/** The rep view (coaching.rep, and `coach`'s practices.csv and plan.json). */
export interface RepCoachingView {
  period: Period;
  topBy: TopBy;
  rep: {
    repId: number;
    name: string;
    team: string | null;
    band: Band;
    resultsBand: Band;
    activityBand: Band;
    composite: number | null;
    unrankedReason: string | null;
  };
  /**
   * Not ranked for want of data (no data in the period, hired after it, a period without
   * results): the gaps carry no values and the plan no goals; the screen says there is not
   * enough data. null otherwise.
   */
  notEnoughData: UnrankedReason | null;
  gaps: PracticeGap[];
  /** The rep's funnel conversion against the top performers' medians (FUNNEL_STAGES order, 3 steps). */
  funnel: {
    reached: [number, number, number, number];
    conversion: [number | null, number | null, number | null];
    topConversion: [number | null, number | null, number | null];
  };
  plan: CoachingPlan;
  /** Plans saved for this rep, newest first, each goal checked against its period's data. */
  savedPlans: { plan: SavedPlan; checks: GoalCheck[] }[];
  notes: CoachingNote[];
}
