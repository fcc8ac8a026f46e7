import { describe, expect, it } from 'vitest';
import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import { analyzeCoaching } from '../../shared/coaching/analyze-coaching';
import { planTeams } from '../../shared/teams/plan-teams';
import type { TeamPlan } from '../../shared/teams/types';
import {
  applyMoves,
  DEFAULT_TEAMS_CHOICE,
  withConstraints,
  withMove,
  withUndo,
} from '../../renderer/src/features/teams/use-team-plan';
import { company, workingSet } from './teams-company';
import { periodFrom } from './teams-period';

/**
 * The Teams screen's what-if state, without the UI: moves kept as changes against the engine's
 * answer, undo, and the answer re-scored with the moves applied.
 */
function plan(): TeamPlan {
  const { profiles } = company();
  const ws = workingSet(profiles);
  const result = planTeams(ws, analyzeCoaching(ws, periodFrom('2025-Q1'), defaultAnalysisSettings()), {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('team what-if drafts', () => {
  const base = plan();
  const member = base.placements.find((p) => p.role === 'member')!;
  const other = base.teams.find((t) => t.leaderId !== member.leaderId)!;

  it('applies a move, scores it as the director’s, and a move back cancels it', () => {
    const moved = withMove(DEFAULT_TEAMS_CHOICE, base, member.repId, other.leaderId);
    expect(moved.draft.moves).toEqual([{ repId: member.repId, leaderId: other.leaderId }]);
    const shown = applyMoves(base, moved.draft.moves);
    expect(shown.placements.find((p) => p.repId === member.repId)).toMatchObject({
      leaderId: other.leaderId,
      reason: 'manual',
    });
    expect(shown.manual).toBe(true);
    expect(shown.teams.find((t) => t.leaderId === other.leaderId)!.size).toBe(
      base.teams.find((t) => t.leaderId === other.leaderId)!.size + 1,
    );
    const back = withMove(moved, base, member.repId, member.leaderId);
    expect(back.draft.moves).toEqual([]);
    expect(applyMoves(base, back.draft.moves)).toBe(base);
  });

  it('skips a move whose rep leads or whose leader no longer leads', () => {
    const leader = base.teams[0]!.leaderId;
    expect(applyMoves(base, [{ repId: leader, leaderId: other.leaderId }])).toBe(base);
    expect(applyMoves(base, [{ repId: member.repId, leaderId: 999_999 }])).toBe(base);
  });

  it('undoes step by step, and new constraints drop the hand moves', () => {
    const one = withMove(DEFAULT_TEAMS_CHOICE, base, member.repId, other.leaderId);
    const two = withConstraints(one, { maxSize: 12 });
    expect(two.draft).toMatchObject({ constraints: { maxSize: 12 }, moves: [] });
    expect(withUndo(two).draft).toEqual(one.draft);
    expect(withUndo(withUndo(two)).draft).toEqual(DEFAULT_TEAMS_CHOICE.draft);
    expect(withUndo(DEFAULT_TEAMS_CHOICE)).toBe(DEFAULT_TEAMS_CHOICE);
  });
});
