import { useMemo } from 'react';
import type { HostBridge, TeamPlanRequest } from '../../../../shared/api/contract';
import type { AnalysisSettings } from '../../../../shared/analysis/settings';
import type { TopBy } from '../../../../shared/coaching/types';
import { assignmentOf, rescorePlan } from '../../../../shared/teams/plan-teams';
import type { Assignment, TeamConstraints, TeamPlan, TeamScenario } from '../../../../shared/teams/types';
import { useLatestQuery, type AnalysisQuery } from '../../analysis/use-latest-query';

/**
 * What the director asked of the planner: the constraints the engine solves under, a saved
 * scenario's placement it scores instead of solving, and the what-if moves on top of its answer.
 */
export interface TeamDraft {
  constraints: Partial<TeamConstraints>;
  /** A scenario's placement, scored by the engine as given; null: the engine solves. */
  assignment: Assignment[] | null;
  /** The scenario that `assignment` came from, for the label; null once the director re-plans. */
  scenario: { scenarioId: number; name: string } | null;
  /**
   * Reps moved by hand (drag or menu) and the leader they were moved to. Kept as changes against
   * the engine's answer rather than a whole placement, so a move still applies when the answer
   * is asked again (after an import, say) and silently drops when its rep or leader is gone.
   */
  moves: Assignment[];
}

/** The Teams tab's state; kept by the App so it survives a visit to another tab. */
export interface TeamsChoice {
  topBy: TopBy;
  draft: TeamDraft;
  /** Earlier drafts, newest last: every move, constraint change or opened scenario can be undone. */
  undo: TeamDraft[];
}

export const EMPTY_DRAFT: TeamDraft = { constraints: {}, assignment: null, scenario: null, moves: [] };

export const DEFAULT_TEAMS_CHOICE: TeamsChoice = { topBy: 'results', draft: EMPTY_DRAFT, undo: [] };

/** Undo is for the last few steps of a session, not a history: older steps fall off. */
const UNDO_DEPTH = 50;

function push(choice: TeamsChoice, draft: TeamDraft, topBy = choice.topBy): TeamsChoice {
  return { topBy, draft, undo: [...choice.undo, choice.draft].slice(-UNDO_DEPTH) };
}

/** A rep moved to a leader's team: a move back to where the engine put them cancels the move. */
export function withMove(choice: TeamsChoice, base: TeamPlan, repId: number, leaderId: number): TeamsChoice {
  const answered = base.placements.find((p) => p.repId === repId)?.leaderId;
  const moves = choice.draft.moves.filter((m) => m.repId !== repId);
  if (answered !== leaderId) moves.push({ repId, leaderId });
  return push(choice, { ...choice.draft, moves });
}

/**
 * New constraints are solved afresh: the hand moves and an opened scenario's placement give way
 * (undo brings them back).
 */
export function withConstraints(choice: TeamsChoice, constraints: Partial<TeamConstraints>): TeamsChoice {
  return push(choice, { constraints, assignment: null, scenario: null, moves: [] });
}

export function withTopBy(choice: TeamsChoice, topBy: TopBy): TeamsChoice {
  if (topBy === choice.topBy) return choice;
  return push(choice, { ...EMPTY_DRAFT, constraints: choice.draft.constraints }, topBy);
}

export function withScenario(choice: TeamsChoice, scenario: TeamScenario): TeamsChoice {
  return push(
    choice,
    {
      constraints: scenario.constraints,
      assignment: scenario.assignment,
      scenario: { scenarioId: scenario.scenarioId, name: scenario.name },
      moves: [],
    },
    scenario.topBy,
  );
}

/** Back to the engine's own plan with default constraints. */
export function withReset(choice: TeamsChoice): TeamsChoice {
  return push(choice, EMPTY_DRAFT);
}

export function withUndo(choice: TeamsChoice): TeamsChoice {
  const previous = choice.undo[choice.undo.length - 1];
  if (!previous) return choice;
  return { ...choice, draft: previous, undo: choice.undo.slice(0, -1) };
}

/**
 * The engine's answer with the hand moves applied, re-scored on the spot (no round trip). A move
 * whose rep is no longer placed, who now leads, or whose leader no longer leads is skipped.
 */
export function applyMoves(base: TeamPlan, moves: readonly Assignment[]): TeamPlan {
  if (moves.length === 0) return base;
  const leaders = new Set(base.teams.map((t) => t.leaderId));
  const assignment = assignmentOf(base);
  const at = new Map(assignment.map((a, i) => [a.repId, i]));
  let changed = false;
  for (const move of moves) {
    const i = at.get(move.repId);
    if (i === undefined || leaders.has(move.repId) || !leaders.has(move.leaderId)) continue;
    if (assignment[i]?.leaderId === move.leaderId) continue;
    assignment[i] = { repId: move.repId, leaderId: move.leaderId, manual: true };
    changed = true;
  }
  return changed ? rescorePlan(base, assignment) : base;
}

export interface TeamPlanState {
  /** The engine's answer (possibly for an earlier request while the next one runs). */
  query: AnalysisQuery<TeamPlan>;
  /** What the screen shows: the answer with the hand moves applied. */
  plan: TeamPlan | null;
  /** The request the answer is for, without the hand moves: what a save or an export starts from. */
  request: TeamPlanRequest | null;
}

/**
 * The team plan of a period (useLatestQuery's discipline: one request in flight, the newest sent
 * when it returns) with the director's what-if moves re-scored locally by `rescorePlan`.
 */
export function useTeamPlan(
  bridge: HostBridge,
  period: string | null,
  settings: AnalysisSettings | null,
  choice: TeamsChoice,
  revision: number,
  enabled: boolean,
): TeamPlanState {
  const { topBy, draft } = choice;
  const request = useMemo<TeamPlanRequest | null>(() => {
    if (period === null) return null;
    const req: TeamPlanRequest = { period, topBy, constraints: draft.constraints };
    if (settings) req.settings = settings;
    if (draft.assignment) req.assignment = draft.assignment;
    return req;
  }, [period, settings, topBy, draft.constraints, draft.assignment]);
  const query = useLatestQuery(bridge, 'teams.plan', request, revision, enabled);
  const base = query.data;
  // While the next answer runs, the moves belong to the request being asked, not the answer shown.
  const moves = query.loading ? null : draft.moves;
  const plan = useMemo(() => (base && moves ? applyMoves(base, moves) : base), [base, moves]);
  return { query, plan, request };
}
