import type { Band, UnrankedReason } from '../domain/types';
import type { Notice } from '../i18n/notice';
import type { Period } from '../period/period';
import type { PracticeId } from '../coaching/practice-definitions';
import type { TopBy } from '../coaching/types';

/**
 * The shapes of the team restructure planner (issue #10): small teams led by the top sellers,
 * each other rep placed with the leader strongest where the rep is weakest. Pure data: the engine,
 * the CLI and the renderer all use these; docs/restructure.md states every rule.
 */

/** Whether a rep may only join a team whose leader works in the rep's own region. */
export const WITHIN = ['none', 'region'] as const;
export type Within = (typeof WITHIN)[number];

/** A rep kept in the team of a given leader (the director's call). */
export interface TeamPin {
  repId: number;
  leaderId: number;
}

/**
 * What the director asks of a plan. Every field is optional in a request; `resolveConstraints`
 * fills the defaults (docs/restructure.md, "Constraints").
 */
export interface TeamConstraints {
  /** Number of teams; null: today's number of teams among the people placed (at least 1). */
  teams: number | null;
  /** Smallest team, the leader included; default 3 (a leader and two to lift). */
  minSize: number;
  /** Largest team, the leader included; null: a quarter above an even split (at least minSize). */
  maxSize: number | null;
  /** The most people moved away from their current team; null: no limit. */
  maxMoves: number | null;
  within: Within;
  /** Reps who must lead (the rest of the leaders are chosen by score). */
  leaders: number[];
  /** Reps who must not lead. */
  notLeaders: number[];
  pins: TeamPin[];
  /** Pairs of reps kept in different teams. */
  apart: [number, number][];
}

/** The constraints with every default resolved: what the solver and the checks use. */
export interface ResolvedConstraints extends TeamConstraints {
  teams: number;
  maxSize: number;
}

/** A rep and a leader: one placement of a what-if or a saved scenario. */
export interface Assignment {
  repId: number;
  leaderId: number;
  /** Placed by the director by hand (a what-if), not by the solver: the reason says so. */
  manual?: boolean;
}

/** The role a person has in the proposed teams (teams.csv's `role`). */
export type PlanRole = 'leader' | 'member' | 'improvement_plan' | 'unranked';

/** One practice the benefit is computed on: it separates the top performers here. */
export interface PlanPractice {
  practice: PracticeId;
  /** How strongly it separates the top performers (oriented Cliff's delta, halved when it is part of their definition). */
  weight: number;
  /** The top performers' median: the benchmark the rep is below and the leader above. */
  benchmark: number;
  /** Practices that measure overlapping work share a group: only the largest term of a group counts. */
  overlap: string | null;
}

/** Everyone the plan considers, with what the solver needs. */
export interface PlanPerson {
  repId: number;
  name: string;
  /** Today's team and region, as the roster says. */
  team: string | null;
  region: string | null;
  /** The band by `topBy` ('unranked' when not ranked). */
  band: Band;
  /** The composite band (what the improvement plan follows). */
  compositeBand: Band;
  resultsScore: number | null;
  composite: number | null;
  unrankedReason: UnrankedReason | null;
  /** Per PlanInput.practices: the rep's value (null: none). */
  values: (number | null)[];
  /** Per practice: how far below the benchmark, relative to it, 0..1 (0 when not below or unranked). */
  need: number[];
  /** Per practice: how far above the benchmark, relative to it, 0..1 (0 when not above or unranked). */
  strength: number[];
}

/** Everything a plan is solved and scored from. Shipped with the view so a what-if is scored on the spot. */
export interface PlanInput {
  period: Period;
  topBy: TopBy;
  practices: PlanPractice[];
  /** In rep id order. */
  people: PlanPerson[];
  /** Rep ids of the leaders, one team each, in team order. */
  leaders: number[];
  constraints: ResolvedConstraints;
  /** Benefit points a move must gain over staying with the current team (the preference to stay). */
  stayMargin: number;
  /** The single currency of the amounts (for the reasons' figures), or null. */
  currency: string | null;
}

export interface PlanGap {
  practice: PracticeId;
  repValue: number | null;
  benchmark: number;
  leaderValue: number | null;
  /** weight x need x strength: this practice's part of the benefit with this leader. */
  term: number;
}

/** Why a person is where the plan puts them; texts are rendered from the code and values. */
export type PlacementReason =
  'leader' | 'gap_match' | 'stays' | 'no_gap' | 'no_match' | 'capacity' | 'pinned' | 'not_ranked' | 'manual';

export interface Placement {
  repId: number;
  rep: string;
  band: Band;
  role: PlanRole;
  currentTeam: string | null;
  /** The leader of the proposed team. */
  leaderId: number;
  /** The proposed team's name: the leader's current team, else the leader's name. */
  proposedTeam: string;
  /** Proposed team is not the current one (people without a current team are never "moved"). */
  moved: boolean;
  /** Benefit points with this leader (docs/restructure.md, "The benefit"). */
  benefit: number;
  /** The practice the leader covers for this rep (the largest term); null for leaders and when none. */
  focus: PlanGap | null;
  /** The rep's largest weighted gaps (up to 3), with this leader's values there. */
  gaps: PlanGap[];
  /** The best other team and its benefit: how close the call was. */
  runnerUp: { leaderId: number; team: string; benefit: number } | null;
  pinned: boolean;
  reason: PlacementReason;
  text: { en: string; zh: string };
}

export interface ProposedTeam {
  leaderId: number;
  leader: string;
  name: string;
  /** The leader's current team and region. */
  currentTeam: string | null;
  region: string | null;
  /** Rep ids of the members (the leader excluded), best benefit first. */
  members: number[];
  /** The leader included. */
  size: number;
  /** Sum of the members' benefit points. */
  benefit: number;
  /** The leader's strongest practices here (most above the benchmark, weighted), up to 3. */
  strengths: PracticeId[];
}

/** One constraint as the plan meets it: a what-if may break one, and the screen says which. */
export interface ConstraintCheck {
  constraint: 'teams' | 'min_size' | 'max_size' | 'max_moves' | 'within' | 'pin' | 'apart';
  ok: boolean;
  /** Values for the message: the team, the reps, the limit and the actual figure. */
  params: Record<string, string | number>;
}

/** A tier-A account owned by a bottom-quartile or unranked rep, and who could take it (a suggestion only). */
export interface CoverageSuggestion {
  /** Index into the working set's accounts; the engine adds the name. */
  accountIndex: number;
  account: string;
  ownerId: number;
  owner: string;
  ownerBand: Band;
  /** Won revenue from the account in the period, and its open pipeline at the end of the data. */
  wonInPeriod: number;
  openPipeline: number;
  /** The suggested owner (a proposed leader or top rep with capacity); null when nobody has room. */
  suggestedId: number | null;
  suggested: string | null;
  reason: 'own_leader' | 'capacity' | 'nobody';
}

export interface TeamPlan {
  period: Period;
  topBy: TopBy;
  input: PlanInput;
  teams: ProposedTeam[];
  /** Everyone placed, leaders included, in rep id order. */
  placements: Placement[];
  /** People the plan leaves out, with the reason (no data in the period, joined after it, not in a scenario). */
  notPlaced: {
    repId: number;
    rep: string;
    team: string | null;
    reason: UnrankedReason | 'not_in_scenario';
  }[];
  /** Today's teams of the people placed (null: no team), for the side-by-side view. */
  currentTeams: { team: string | null; members: number[] }[];
  objective: {
    /** Sum of every member's benefit points. */
    benefit: number;
    moves: number;
    /** Members with a benefit above 0: placed with a leader strong where they are weak. */
    matched: number;
  };
  moves: { repId: number; from: string | null; to: string }[];
  checks: ConstraintCheck[];
  /** True when the solver proved the plan optimal; false for a what-if or a search cut short. */
  optimal: boolean;
  /** Set when the plan is the director's own (a what-if or a scenario), not the solver's. */
  manual: boolean;
  coverage: CoverageSuggestion[];
  notices: Notice[];
}

/** A saved scenario (migration 010): the request it came from and the placement as edited. */
export interface TeamScenario {
  scenarioId: number;
  name: string;
  period: string;
  topBy: TopBy;
  constraints: TeamConstraints;
  assignment: Assignment[];
  savedAt: string;
  /** The figures when saved, for the list and the comparison. */
  summary: { teams: number; benefit: number; moves: number; placed: number };
}

/** "Check the plan": after the next period, the moved reps' change against those who stayed. */
export interface PlanCheckView {
  scenario: TeamScenario;
  /** The scenario's period and the one after it. */
  before: Period;
  after: Period;
  /** False while the later period has no data or is not over; the figures are then absent. */
  ready: boolean;
  why: 'no_data_after' | 'after_not_over' | null;
  /** Reps of the scenario whose team in the roster now is their proposed leader's. */
  adopted: number;
  placed: number;
  groups: {
    group: 'moved' | 'stayed';
    reps: number;
    /** Median change of the results score and of the composite, later period minus the scenario's. */
    medianResultsChange: number | null;
    medianCompositeChange: number | null;
  }[];
  /** Fewer than 3 reps in a group: the comparison is shown but called too small to read. */
  tooFew: boolean;
}

/**
 * Which constraint makes a plan impossible (the `infeasible_plan` error's `params.constraint`):
 * - `teams`: fewer people who can lead than teams asked for, or fewer than 1 team;
 * - `leaders`: more leaders named than teams, a leader also marked "should not lead", or a
 *   named leader who is not in the plan (no data in the period);
 * - `min_size` / `max_size`: the people cannot fill the teams / do not fit in them;
 * - `within`: a region's people cannot be placed with that region's leaders;
 * - `pin`: a pin names someone who does not lead, or pins overfill a team or cross a region;
 * - `apart`: two reps who must be apart are pinned together (or leaders of... never);
 * - `max_moves`: the other constraints force more moves than the budget allows;
 * - `combination`: each constraint can be met alone, but not all together.
 */
export type InfeasibleConstraint =
  'teams' | 'leaders' | 'min_size' | 'max_size' | 'within' | 'pin' | 'apart' | 'max_moves' | 'combination';
