import { rankPeriod } from '../analysis/analyze';
import type { AnalysisSettings } from '../analysis/settings';
import { NO_DAY, type WorkingSet } from '../domain/types';
import { dayNumber, nextPeriod, parsePeriod } from '../period/period';
import { ok, type Result } from '../result';
import { median } from '../stats/statistics';
import type { PlanCheckView, TeamScenario } from './types';

/**
 * "Check the plan" (issue #10, docs/restructure.md): once the period after a scenario's is over,
 * did the reps the scenario moved change more than the reps who stayed? The effect of a team
 * change is modest and conditional in the research, so this is a plain before / after comparison
 * of medians per group, never a claimed effect: the view says when a group is too small to read.
 *
 * Who moved is what the scenario said when it was saved (`movedRepIds`, kept by the engine with
 * the scenario): by the time the check can run, the roster may already show the new teams, so
 * comparing the proposed leader's team with the rep's team now would call every adopted move a
 * stay. Leaders are in neither group: leading a team is a different change from joining one.
 * `adopted` counts the scenario's people (leaders included) whose roster team now is their
 * proposed leader's: how much of the plan was carried out, which the director reads beside the
 * comparison (a plan not carried out cannot have worked).
 */

/** Fewer reps than this in a group: the medians are shown, but called too few to read. */
export const MIN_GROUP = 3;

export function checkPlan(
  ws: WorkingSet,
  scenario: TeamScenario,
  settings: AnalysisSettings,
  movedRepIds: readonly number[],
): Result<PlanCheckView> {
  const parsed = parsePeriod(scenario.period);
  if (!parsed.ok) return parsed;
  const before = parsed.value;
  const after = nextPeriod(before);
  const indexById = new Map(ws.reps.map((r, i) => [r.id, i]));
  const repById = new Map(ws.reps.map((r) => [r.id, r]));

  let adopted = 0;
  for (const a of scenario.assignment) {
    const rep = repById.get(a.repId);
    const leader = repById.get(a.leaderId);
    if (rep === undefined || leader === undefined) continue;
    if (rep.team !== null && rep.team === leader.team) adopted++;
  }
  const base = { scenario, before, after, adopted, placed: scenario.assignment.length };

  const later = rankPeriod(ws, after, settings);
  // The KPI engine's last day with any record: the later period has no data yet, or not all of it.
  const end = later.kpis.dataEndDay;
  const why =
    end === NO_DAY || end < dayNumber(after.start)
      ? 'no_data_after'
      : end < dayNumber(after.end)
        ? 'after_not_over'
        : null;
  if (why !== null) return ok({ ...base, ready: false, why, groups: [], tooFew: false });

  const earlier = rankPeriod(ws, before, settings);
  const moved = new Set(movedRepIds);
  const groups = (['moved', 'stayed'] as const).map((group) => {
    const results: number[] = [];
    const composite: number[] = [];
    let reps = 0;
    for (const a of scenario.assignment) {
      if (a.repId === a.leaderId || moved.has(a.repId) !== (group === 'moved')) continue;
      const i = indexById.get(a.repId);
      if (i === undefined) continue;
      const was = earlier.ranking.reps[i]!;
      const now = later.ranking.reps[i]!;
      // Only reps ranked in both periods: a change from "no data" is no change in results.
      if (was.band === 'unranked' || now.band === 'unranked') continue;
      reps++;
      if (was.resultsScore !== null && now.resultsScore !== null)
        results.push(now.resultsScore - was.resultsScore);
      if (was.composite !== null && now.composite !== null) composite.push(now.composite - was.composite);
    }
    return { group, reps, medianResultsChange: median(results), medianCompositeChange: median(composite) };
  });
  return ok({
    ...base,
    ready: true,
    why: null,
    groups,
    tooFew: groups.some((g) => g.reps < MIN_GROUP),
  });
}
