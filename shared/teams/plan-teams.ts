import type { CoachingAnalysis } from '../coaching/analyze-coaching';
import type { WorkingSet } from '../domain/types';
import type { Notice } from '../i18n/notice';
import { ok, type Result } from '../result';
import { coverageSuggestions } from './coverage';
import { buildPlanInput, leadScore, planPeople } from './plan-input';
import { scorePlan } from './score-plan';
import { solvePlan } from './solve';
import type { Assignment, TeamConstraints, TeamPlan } from './types';

/** What a plan is asked for beyond the period's analysis: the constraints, or a placement to score. */
export interface TeamPlanOptions {
  constraints?: Partial<TeamConstraints>;
  /** The director's placement, scored as given (leaders are the ones it names). */
  assignment?: readonly Assignment[];
}

/**
 * The team plan of one period (issue #10; rules in docs/restructure.md): leaders by score, every
 * other person placed by the solver (or as the director placed them), scored and explained, with
 * the customer-coverage suggestions. Coverage suggestions carry the account's index with an empty
 * `account` name: the engine fills in names.
 */
export function planTeams(ws: WorkingSet, c: CoachingAnalysis, options: TeamPlanOptions): Result<TeamPlan> {
  const asked = options.constraints ?? {};
  if (options.assignment) return scoreGiven(ws, c, asked, options.assignment);
  const built = buildPlanInput(ws, c, asked);
  if (!built.ok) return built;
  const { input, notPlaced, notices } = built.value;
  const solved = solvePlan(input);
  if (!solved.ok) return solved;
  const scored = scorePlan(input, solved.value.assignment);
  return ok({
    period: c.period,
    topBy: c.topBy,
    input,
    ...scored,
    notPlaced,
    optimal: solved.value.optimal,
    manual: false,
    coverage: coverageSuggestions(ws, c, input, scored.placements),
    notices: [...notices, ...solved.value.notices],
  });
}

/** A saved or edited placement, scored as given: its leaders lead, nobody is moved by the solver. */
function scoreGiven(
  ws: WorkingSet,
  c: CoachingAnalysis,
  asked: Partial<TeamConstraints>,
  assignment: readonly Assignment[],
): Result<TeamPlan> {
  const { people } = planPeople(ws, c);
  const known = new Map(people.map((p) => [p.repId, p]));
  // Leaders first by the lead score, so the teams read strongest first as in a solved plan.
  const leaderIds = [...new Set(assignment.map((a) => a.leaderId))]
    .filter((id) => known.has(id))
    .sort((a, b) => leadScore(known.get(b)!, c.topBy) - leadScore(known.get(a)!, c.topBy) || a - b);
  const leaders = new Set(leaderIds);
  const kept: Assignment[] = [];
  let stale = 0;
  for (const a of assignment) {
    if (!known.has(a.repId) || !leaders.has(a.leaderId) || (leaders.has(a.repId) && a.repId !== a.leaderId)) {
      stale++;
      continue;
    }
    kept.push(a);
  }
  // A leader leads their own team, whatever the placement said.
  for (const id of leaderIds) if (!kept.some((a) => a.repId === id)) kept.push({ repId: id, leaderId: id });
  const notices: Notice[] = [];
  if (stale > 0) notices.push({ code: 'teams_scenario_stale', params: { count: stale } });
  const built = buildPlanInput(ws, c, asked, {
    leaders: leaderIds,
    people: new Set(kept.map((a) => a.repId)),
  });
  if (!built.ok) return built;
  const { input, notPlaced } = built.value;
  const manual = new Set(kept.filter((a) => a.manual).map((a) => a.repId));
  const scored = scorePlan(input, kept, manual);
  return ok({
    period: c.period,
    topBy: c.topBy,
    input,
    ...scored,
    notPlaced,
    optimal: false,
    manual: true,
    coverage: coverageSuggestions(ws, c, input, scored.placements),
    notices: [...built.value.notices, ...notices],
  });
}

/**
 * A what-if: the plan re-scored for a placement the director changed. Leaders, coverage and
 * notices carry over; the reps whose team differs from the plan's are marked as placed by hand.
 */
export function rescorePlan(plan: TeamPlan, assignment: readonly Assignment[]): TeamPlan {
  const before = new Map(plan.placements.map((p) => [p.repId, p]));
  const manual = new Set<number>();
  for (const a of assignment) {
    const was = before.get(a.repId);
    if (a.manual || (was && (was.leaderId !== a.leaderId || was.reason === 'manual'))) manual.add(a.repId);
  }
  const scored = scorePlan(plan.input, assignment, manual);
  return { ...plan, ...scored, optimal: false, manual: true };
}

/** The placement of a plan as an assignment (what a scenario saves), hand-placed reps marked. */
export function assignmentOf(plan: TeamPlan): Assignment[] {
  return plan.placements.map((p) =>
    p.reason === 'manual'
      ? { repId: p.repId, leaderId: p.leaderId, manual: true }
      : { repId: p.repId, leaderId: p.leaderId },
  );
}
