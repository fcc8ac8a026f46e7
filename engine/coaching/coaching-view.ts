import type { AnalysisSettings } from '../../shared/analysis/settings';
import {
  analyzeCoaching,
  checkGoals,
  practiceValuesFor,
  repCoachingView,
  teamPracticesView,
  type CoachingOptions,
} from '../../shared/coaching/analyze-coaching';
import type {
  GoalCheck,
  PracticeValues,
  RepCoachingView,
  SavedGoal,
  SavedPlan,
  TeamPracticesView,
  TopBy,
} from '../../shared/coaching/types';
import { NO_DAY, type WorkingSet } from '../../shared/domain/types';
import { fromDayNumber, parsePeriod, type Period } from '../../shared/period/period';
import { err, ok, type Result } from '../../shared/result';
import type { SqliteHandle } from '../db/open-database';
import { listNotes, listPlans } from './coaching-store';

/**
 * The coaching views as the hosts get them: the pure analysis (shared/coaching) plus what only
 * the workspace knows, the director's saved plans and notes. The engine's handlers and the CLI
 * both build them here, so the app and `coach`/`analyze` cannot disagree.
 */

const options = (topBy: TopBy | undefined): CoachingOptions => (topBy ? { topBy } : {});

/** The team view: what separates the top performers from the rest in this period. */
export function buildTeamPracticesView(
  ws: WorkingSet,
  period: Period,
  settings: AnalysisSettings,
  topBy?: TopBy,
): TeamPracticesView {
  return teamPracticesView(ws, analyzeCoaching(ws, period, settings, options(topBy)));
}

/** The rep's position in the working set, or -1. */
export function repIndexOf(ws: WorkingSet, repId: number): number {
  return ws.reps.findIndex((r) => r.id === repId);
}

/**
 * Each saved plan's goals against the data of their own period (normally the one after the
 * plan's). Practice values are computed once per distinct period, however many plans share it.
 * A period is over when the data reaches its end: until then a goal not yet met is pending,
 * not missed.
 */
function checkSavedPlans(
  ws: WorkingSet,
  plans: SavedPlan[],
  repIndex: number,
  settings: AnalysisSettings,
  dataEnd: string | null,
): { plan: SavedPlan; checks: GoalCheck[] }[] {
  const valuesByPeriod = new Map<string, { period: Period; values: PracticeValues[] } | null>();
  const valuesOf = (id: string): { period: Period; values: PracticeValues[] } | null => {
    if (!valuesByPeriod.has(id)) {
      const parsed = parsePeriod(id);
      // Stored periods were parsed when saved; one that no longer parses has no data to check.
      valuesByPeriod.set(
        id,
        parsed.ok ? { period: parsed.value, values: practiceValuesFor(ws, parsed.value, settings) } : null,
      );
    }
    return valuesByPeriod.get(id) ?? null;
  };
  return plans.map((plan) => {
    const checks: GoalCheck[] = new Array<GoalCheck>(plan.goals.length);
    // Goals are checked per period, then put back in the plan's order.
    const byPeriod = new Map<string, { goal: SavedGoal; index: number }[]>();
    plan.goals.forEach((goal, index) =>
      byPeriod.set(goal.period, [...(byPeriod.get(goal.period) ?? []), { goal, index }]),
    );
    for (const [id, inPeriod] of byPeriod) {
      const found = valuesOf(id);
      const periodOver = found !== null && dataEnd !== null && found.period.end <= dataEnd;
      const goals = inPeriod.map((g) => g.goal);
      const result = checkGoals(goals, found?.values[repIndex] ?? null, periodOver);
      inPeriod.forEach(({ index }, k) => {
        checks[index] = result[k]!;
      });
    }
    return { plan, checks };
  });
}

/** The rep view with the saved plans (each goal checked) and notes, newest first. */
export function buildRepCoachingView(
  sqlite: SqliteHandle,
  ws: WorkingSet,
  period: Period,
  repId: number,
  settings: AnalysisSettings,
  topBy?: TopBy,
): Result<RepCoachingView> {
  const repIndex = repIndexOf(ws, repId);
  if (repIndex < 0) return err('not_found', `No rep ${repId}.`, { repId });
  const analysis = analyzeCoaching(ws, period, settings, options(topBy));
  const view = repCoachingView(ws, analysis, repIndex, settings, options(topBy));
  // The data's last day, as the KPI engine finds it (any activity, deal created or closed).
  const endDay = analysis.analysis.kpis.dataEndDay;
  const dataEnd = endDay === NO_DAY ? null : fromDayNumber(endDay);
  return ok({
    ...view,
    savedPlans: checkSavedPlans(ws, listPlans(sqlite, repId), repIndex, settings, dataEnd),
    notes: listNotes(sqlite, repId),
  });
}
