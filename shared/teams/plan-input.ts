import type { CoachingAnalysis } from '../coaching/analyze-coaching';
import { PRACTICE_BY_ID } from '../coaching/practice-definitions';
import type { Band, WorkingSet } from '../domain/types';
import type { Notice } from '../i18n/notice';
import { err, ok, type Result } from '../result';
import type {
  InfeasibleConstraint,
  PlanInput,
  PlanPerson,
  PlanPractice,
  ResolvedConstraints,
  TeamConstraints,
  TeamPlan,
} from './types';

/**
 * From a period's coaching analysis to what the planner solves: who is placed, who leads, which
 * practices count and how much, each person's need and strength, and the constraints with their
 * defaults. The rules are in docs/restructure.md; each number there is a constant here.
 */

/** The smallest team by default: a leader and at least two to lift ("teams of three or more"). */
export const DEFAULT_MIN_SIZE = 3;
/** Without a maximum, a team may be this much larger than an even split. */
export const DEFAULT_MAX_OVER_EVEN = 1.25;
/** Benefit points (0..100 a practice) a move must gain over staying with the current team. */
export const STAY_MARGIN = 2;
/** A practice that is part of how the top performers are chosen separates them partly by construction. */
export const IN_DEFINITION_WEIGHT = 0.5;
/** Without any team in the roster, the default number of teams aims at teams of about this size. */
export const DEFAULT_TEAM_SIZE = 8;

export const DEFAULT_CONSTRAINTS: TeamConstraints = {
  teams: null,
  minSize: DEFAULT_MIN_SIZE,
  maxSize: null,
  maxMoves: null,
  within: 'none',
  leaders: [],
  notLeaders: [],
  pins: [],
  apart: [],
};

export interface InputOutcome {
  input: PlanInput;
  notPlaced: TeamPlan['notPlaced'];
  notices: Notice[];
}

export function infeasible<T>(
  constraint: InfeasibleConstraint,
  message: string,
  params: Record<string, string | number> = {},
): Result<T> {
  return err('infeasible_plan', `Impossible team plan: ${message}`, { constraint, ...params });
}

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** The practices the benefit is computed on: those that separate the top performers here. */
function planPractices(c: CoachingAnalysis): PlanPractice[] {
  const out: PlanPractice[] = [];
  for (const p of c.team.practices) {
    const def = PRACTICE_BY_ID.get(p.practice);
    if (!def || def.direction === 'none') continue;
    if (p.separation !== 'distinguishing' && p.separation !== 'indicative') continue;
    if (p.effectSize === null || p.effectSize <= 0) continue;
    if (p.topMedian === null || p.topMedian === 0 || !Number.isFinite(p.topMedian)) continue;
    out.push({
      practice: p.practice,
      weight: p.effectSize * (p.inTopDefinition ? IN_DEFINITION_WEIGHT : 1),
      benchmark: p.topMedian,
      overlap: def.overlap,
    });
  }
  // Registry order, so the input does not depend on how the team view sorted them.
  const order = [...PRACTICE_BY_ID.keys()];
  return out.sort((a, b) => order.indexOf(a.practice) - order.indexOf(b.practice));
}

/** How far below (need) and above (strength) the benchmark a value is, relative to it, 0..1. */
function needAndStrength(
  practices: PlanPractice[],
  values: (number | null)[],
  ranked: boolean,
): { need: number[]; strength: number[] } {
  const need: number[] = [];
  const strength: number[] = [];
  practices.forEach((p, k) => {
    const v = values[k];
    if (!ranked || v === null || v === undefined || !Number.isFinite(v)) {
      need.push(0);
      strength.push(0);
      return;
    }
    const lower = PRACTICE_BY_ID.get(p.practice)?.direction === 'lower';
    // Positive = better than the benchmark, in units of the benchmark.
    const ahead = (lower ? p.benchmark - v : v - p.benchmark) / Math.abs(p.benchmark);
    need.push(clamp01(-ahead));
    strength.push(clamp01(ahead));
  });
  return { need, strength };
}

/** The score leaders are chosen by: the results score, or the composite for `topBy: composite`. */
export function leadScore(p: PlanPerson, topBy: PlanInput['topBy']): number {
  const s = topBy === 'results' ? p.resultsScore : p.composite;
  return s === null ? Number.NEGATIVE_INFINITY : s;
}

/** Stronger first: the score, then the rep id (a stable key). */
function byLeadScore(topBy: PlanInput['topBy']): (a: PlanPerson, b: PlanPerson) => number {
  return (a, b) => leadScore(b, topBy) - leadScore(a, topBy) || a.repId - b.repId;
}

/** Splits `total` over groups proportionally to their sizes (largest remainder), each group at least `floor[g]`. */
function apportion(sizes: number[], total: number, floor: number[]): number[] {
  const out = floor.slice();
  let left = total - out.reduce((s, x) => s + x, 0);
  if (left <= 0) return out;
  const people = sizes.reduce((s, x) => s + x, 0);
  const ideal = sizes.map((s) => (people > 0 ? (s / people) * total : 0));
  // Give each group what its share asks for beyond its floor, then the remainders in order.
  const extra = ideal.map((x, g) => Math.max(0, Math.floor(x) - (out[g] as number)));
  for (let g = 0; g < out.length && left > 0; g++) {
    const add = Math.min(extra[g] as number, left);
    out[g] = (out[g] as number) + add;
    left -= add;
  }
  const order = ideal
    .map((x, g) => ({ g, rem: x - (out[g] as number) }))
    .sort((a, b) => b.rem - a.rem || a.g - b.g);
  for (let i = 0; left > 0; i = (i + 1) % order.length) {
    const g = order[i]!.g;
    out[g] = (out[g] as number) + 1;
    left--;
  }
  return out;
}

/**
 * Who leads: the named leaders, then the strongest of the top band by the lead score (the next
 * strongest ranked reps when the top band is too small, said in a notice), never anyone marked
 * "should not lead". With `within: region`, each region gets leaders in proportion to its people
 * (at least one where the teams allow), so a region's reps have leaders of their own.
 */
function chooseLeaders(
  people: PlanPerson[],
  constraints: ResolvedConstraints,
  topBy: PlanInput['topBy'],
  notices: Notice[],
): Result<number[]> {
  const byId = new Map(people.map((p) => [p.repId, p]));
  const named = constraints.leaders.map((id) => byId.get(id)!);
  const excluded = new Set(constraints.notLeaders);
  const taken = new Set(constraints.leaders);
  const candidates = people
    .filter((p) => p.band !== 'unranked' && !taken.has(p.repId) && !excluded.has(p.repId))
    .sort((a, b) => {
      // The top band first, then the rest of the ranked reps.
      const ta = a.band === 'top' ? 0 : 1;
      const tb = b.band === 'top' ? 0 : 1;
      return ta - tb || byLeadScore(topBy)(a, b);
    });
  const needed = constraints.teams - named.length;
  if (candidates.length < needed) {
    return infeasibleTeams(constraints.teams, named.length + candidates.length);
  }
  let chosen: PlanPerson[];
  if (constraints.within === 'region') {
    const regions = [...new Set(people.map((p) => p.region).filter((r): r is string => r !== null))].sort();
    if (regions.length === 0) chosen = candidates.slice(0, needed);
    else {
      const sizes = regions.map((r) => people.filter((p) => p.region === r).length);
      const namedIn = regions.map((r) => named.filter((p) => p.region === r).length);
      // Every region with people gets a leader while teams last, the biggest regions first.
      const floor = namedIn.slice();
      let spare = constraints.teams - namedIn.reduce((s, x) => s + x, 0);
      const bySize = regions
        .map((_, g) => g)
        .sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
      for (const g of bySize) {
        if (spare <= 0) break;
        if ((floor[g] as number) === 0) {
          floor[g] = 1;
          spare--;
        }
      }
      const quota = apportion(
        sizes,
        constraints.teams - named.filter((p) => p.region === null).length,
        floor,
      );
      chosen = [];
      regions.forEach((r, g) => {
        const want = (quota[g] as number) - (namedIn[g] as number);
        chosen.push(...candidates.filter((p) => p.region === r).slice(0, Math.max(0, want)));
      });
      // A region without enough ranked reps to lead: the strongest others fill the teams.
      const chosenIds = new Set(chosen.map((p) => p.repId));
      for (const p of candidates) {
        if (chosen.length >= needed) break;
        if (!chosenIds.has(p.repId)) chosen.push(p);
      }
      chosen = chosen.slice(0, needed);
    }
  } else chosen = candidates.slice(0, needed);
  const topBand = people.filter((p) => p.band === 'top').length;
  // Only the leaders the planner chose: a leader the director named is their call, not a shortage.
  const below = chosen.filter((p) => p.band !== 'top').length;
  if (below > 0) notices.push({ code: 'teams_leaders_below_top', params: { count: below, top: topBand } });
  return ok([...named, ...chosen].map((p) => p.repId));
}

function infeasibleTeams<T>(teams: number, candidates: number): Result<T> {
  return infeasible(
    'teams',
    `${teams} teams need ${teams} leaders, but only ${candidates} ranked people can lead`,
    { teams, candidates },
  );
}

/** The constraints with their defaults, checked against the people placed. */
function resolveConstraints(
  asked: Partial<TeamConstraints>,
  people: PlanPerson[],
  lenient: boolean,
): Result<ResolvedConstraints> {
  const c = { ...DEFAULT_CONSTRAINTS, ...asked };
  const byId = new Map(people.map((p) => [p.repId, p]));
  const name = (id: number): string => byId.get(id)?.name ?? `#${id}`;
  for (const id of c.leaders) {
    if (!byId.has(id)) {
      return infeasible('leaders', `rep ${id} cannot lead: they have no data in this period`, { rep: id });
    }
    if (!lenient && c.notLeaders.includes(id)) {
      return infeasible('leaders', `${name(id)} is both a leader and marked "should not lead"`, {
        rep: name(id),
      });
    }
  }
  const leaders = [...new Set(c.leaders)];
  const todays = new Set(people.map((p) => p.team).filter((t): t is string => t !== null)).size;
  const fallback = todays > 0 ? todays : Math.max(1, Math.round(people.length / DEFAULT_TEAM_SIZE));
  const teams = c.teams ?? Math.max(fallback, leaders.length);
  if (teams < 1) return infeasible('teams', 'a plan needs at least one team', { teams });
  if (leaders.length > teams) {
    return infeasible('leaders', `${leaders.length} leaders named for ${teams} teams`, {
      leaders: leaders.length,
      teams,
    });
  }
  if (teams > people.length) return infeasibleTeams(teams, people.length);
  const even = people.length / teams;
  const maxSize = c.maxSize ?? Math.max(c.minSize, Math.ceil(even * DEFAULT_MAX_OVER_EVEN));
  if (lenient) {
    // A placement scored as given is checked, not refused: the checks say what it breaks.
    const known = (id: number): boolean => byId.has(id);
    return ok({
      ...c,
      teams,
      maxSize,
      leaders,
      notLeaders: [...new Set(c.notLeaders)],
      pins: c.pins.filter((p) => known(p.repId) && known(p.leaderId)).map((p) => ({ ...p })),
      apart: c.apart.filter(([a, b]) => known(a) && known(b)).map(([a, b]) => [a, b] as [number, number]),
    });
  }
  if (c.minSize > maxSize) {
    return infeasible('min_size', `teams of at least ${c.minSize} cannot be at most ${maxSize}`, {
      minSize: c.minSize,
      maxSize,
    });
  }
  if (teams * maxSize < people.length) {
    return infeasible(
      'max_size',
      `${people.length} people cannot fit in ${teams} teams of at most ${maxSize} (room for ${teams * maxSize})`,
      { people: people.length, teams, maxSize, room: teams * maxSize },
    );
  }
  if (teams * c.minSize > people.length) {
    return infeasible(
      'min_size',
      `${people.length} people cannot fill ${teams} teams of at least ${c.minSize} (they need ${teams * c.minSize})`,
      { people: people.length, teams, minSize: c.minSize, needed: teams * c.minSize },
    );
  }
  for (const pin of c.pins) {
    if (!byId.has(pin.repId)) {
      return infeasible('pin', `rep ${pin.repId} is pinned but has no data in this period`, {
        rep: pin.repId,
      });
    }
  }
  for (const [a, b] of c.apart) {
    if (!byId.has(a) || !byId.has(b)) {
      return infeasible('apart', `a pair kept apart names someone with no data in this period`, {
        rep: byId.has(a) ? b : a,
      });
    }
  }
  return ok({
    ...c,
    teams,
    maxSize,
    leaders,
    notLeaders: [...new Set(c.notLeaders)],
    pins: c.pins.map((p) => ({ ...p })),
    apart: c.apart.map(([a, b]) => [a, b] as [number, number]),
  });
}

/** Everyone the plan places, from the period's analysis (people with no data in it are left out, with the reason). */
export function planPeople(
  ws: WorkingSet,
  c: CoachingAnalysis,
): { people: PlanPerson[]; practices: PlanPractice[]; notPlaced: TeamPlan['notPlaced'] } {
  const practices = planPractices(c);
  const people: PlanPerson[] = [];
  const notPlaced: TeamPlan['notPlaced'] = [];
  ws.reps.forEach((rep, r) => {
    const rank = c.analysis.ranking.reps[r]!;
    const reason = rank.unrankedReason;
    if (reason === 'no_data_in_period' || reason === 'joined_after_period') {
      notPlaced.push({ repId: rep.id, rep: rep.name, team: rep.team, reason });
      return;
    }
    const band: Band = c.groups[r] ?? 'unranked';
    const values = practices.map((p) => c.values[r]?.[p.practice] ?? null);
    const { need, strength } = needAndStrength(practices, values, band !== 'unranked');
    people.push({
      repId: rep.id,
      name: rep.name,
      team: rep.team,
      region: rep.region,
      band,
      compositeBand: rank.band,
      resultsScore: rank.resultsScore,
      composite: rank.composite,
      unrankedReason: reason,
      values,
      need,
      strength,
    });
  });
  people.sort((a, b) => a.repId - b.repId);
  notPlaced.sort((a, b) => a.repId - b.repId);
  return { people, practices, notPlaced };
}

/** The planner's input for a request: people, practices, leaders and constraints. */
export function buildPlanInput(
  ws: WorkingSet,
  c: CoachingAnalysis,
  asked: Partial<TeamConstraints>,
  fixed: { leaders: number[]; people: ReadonlySet<number> } | null = null,
): Result<InputOutcome> {
  const all = planPeople(ws, c);
  const { practices } = all;
  const notPlaced = all.notPlaced.slice();
  let people = all.people;
  if (fixed) {
    // A placement scored as given: the people it names; anyone it does not name is listed apart.
    for (const p of people) {
      if (!fixed.people.has(p.repId))
        notPlaced.push({ repId: p.repId, rep: p.name, team: p.team, reason: 'not_in_scenario' });
    }
    people = people.filter((p) => fixed.people.has(p.repId));
    notPlaced.sort((a, b) => a.repId - b.repId);
  }
  const notices: Notice[] = [];
  if (people.length === 0) {
    return err('no_data', 'Nobody has data in this period: there is no one to place in teams.');
  }
  // A placement scored as given names its own leaders: the team count follows them.
  const request = fixed ? { ...asked, leaders: fixed.leaders, teams: fixed.leaders.length } : asked;
  const constraints = resolveConstraints(request, people, fixed !== null);
  if (!constraints.ok) return constraints;
  const leaders = fixed ? fixed.leaders : chooseLeaders(people, constraints.value, c.topBy, notices);
  if (!Array.isArray(leaders) && !leaders.ok) return leaders;
  const leaderIds = Array.isArray(leaders) ? leaders : leaders.value;
  if (practices.length === 0) notices.push({ code: 'teams_no_separating_practice' });
  return ok({
    input: {
      period: c.period,
      topBy: c.topBy,
      practices,
      people,
      leaders: leaderIds,
      constraints: constraints.value,
      stayMargin: STAY_MARGIN,
      currency: ws.currencies.length === 1 ? (ws.currencies[0] ?? null) : null,
    },
    notPlaced,
    notices,
  });
}
