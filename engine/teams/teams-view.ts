import type { ApiRequest, TeamPlanRequest } from '../../shared/api/contract';
import { validateRequest } from '../../shared/api/validate';
import type { AnalysisSettings } from '../../shared/analysis/settings';
import { analyzeCoaching } from '../../shared/coaching/analyze-coaching';
import type { WorkingSet } from '../../shared/domain/types';
import { parsePeriod, type Period } from '../../shared/period/period';
import { err, ok, type Result } from '../../shared/result';
import { checkPlan } from '../../shared/teams/check-plan';
import { TEAMS_CSV_COLUMNS, teamsCsvRows } from '../../shared/teams/plan-table';
import { assignmentOf, planTeams } from '../../shared/teams/plan-teams';
import type { PlanCheckView, TeamConstraints, TeamPlan, TeamScenario } from '../../shared/teams/types';
import type { OpenDatabase } from '../db/open-database';
import { EXCEL_CSV, toCsv } from '../export/csv';
import { getScenario, saveScenario } from './scenario-store';

/**
 * The team planner's views as the hosts get them (issue #10): the pure plan (shared/teams) plus
 * what only the workspace knows, the accounts' names and the saved scenarios. The engine's
 * handlers build them here; the CLI calls those handlers, so the screen, the CSV and
 * `restructure` cannot disagree.
 */

/** What a plan is asked for beyond the period and the settings. */
export type PlanOptions = Pick<TeamPlanRequest, 'topBy' | 'constraints' | 'assignment'>;

/**
 * The plan of one period: the coaching analysis (practices, benchmarks, bands), then the planner
 * under the constraints, or scoring the director's assignment. An impossible set of constraints
 * comes back as the planner's infeasible_plan error, unchanged.
 */
export async function buildTeamPlanView(
  handle: OpenDatabase,
  ws: WorkingSet,
  period: Period,
  settings: AnalysisSettings,
  request: PlanOptions,
): Promise<Result<TeamPlan>> {
  const analysis = analyzeCoaching(ws, period, settings, request.topBy ? { topBy: request.topBy } : {});
  const plan = planTeams(ws, analysis, {
    ...(request.constraints ? { constraints: request.constraints } : {}),
    ...(request.assignment ? { assignment: request.assignment } : {}),
  });
  if (!plan.ok || plan.value.coverage.length === 0) return plan;
  // The working set has no account names; its accounts are the table's rows in id order
  // (engine/analysis/working-set.ts), so a row's position is its index.
  const names = await handle.db.selectFrom('accounts').select('name').orderBy('id').execute();
  return ok({
    ...plan.value,
    coverage: plan.value.coverage.map((c) => ({ ...c, account: names[c.accountIndex]?.name ?? '' })),
  });
}

/** A file name for the period: `teams-2025.csv`, `teams-2025-Q3.csv`, `teams-2025-01-01_2025-06-30.csv`. */
export function planCsvFileName(period: Period): string {
  return `teams-${period.id.replace(/[^0-9A-Za-z-]+/g, '_')}.csv`;
}

/** teams.csv for Excel (BOM, CRLF, formula-safe cells): the columns of `restructure`'s file. */
export function buildPlanCsv(plan: TeamPlan): { fileName: string; csv: string } {
  return {
    fileName: planCsvFileName(plan.period),
    csv: toCsv(TEAMS_CSV_COLUMNS, teamsCsvRows(plan), EXCEL_CSV),
  };
}

/**
 * The constraints a scenario keeps: as asked, with the planner's defaults filled in, except the
 * two the planner derives from the data (teams, largest team), which stay automatic (null) unless
 * the director set them, so opening the scenario later derives them again.
 */
function scenarioConstraints(asked: Partial<TeamConstraints>, plan: TeamPlan): TeamConstraints {
  const used = plan.input.constraints;
  return {
    teams: asked.teams ?? null,
    minSize: used.minSize,
    maxSize: asked.maxSize ?? null,
    maxMoves: used.maxMoves,
    within: used.within,
    leaders: [...used.leaders],
    notLeaders: [...used.notLeaders],
    pins: used.pins.map((p) => ({ repId: p.repId, leaderId: p.leaderId })),
    apart: used.apart.map(([a, b]): [number, number] => [a, b]),
  };
}

/**
 * Saves a named scenario. The assignment is scored again here, by the planner, and the figures
 * stored are that plan's, never the page's: a page could send anything. The placement stored is
 * the one scored (people the data no longer has are left out), with who it moves (see
 * migration 10). The request is checked with the contract's validator, as for any caller that is
 * not a host (a test, a script).
 */
export async function saveTeamScenario(
  handle: OpenDatabase,
  ws: WorkingSet,
  settings: AnalysisSettings,
  request: ApiRequest<'teams.saveScenario'>,
  savedAt: string,
): Promise<Result<TeamScenario>> {
  const valid = validateRequest('teams.saveScenario', request);
  if (!valid.ok) return valid;
  const { name, period: periodText, topBy, constraints, assignment } = valid.value;
  const period = parsePeriod(periodText);
  if (!period.ok) return period;
  const plan = await buildTeamPlanView(handle, ws, period.value, settings, {
    ...(topBy ? { topBy } : {}),
    ...(constraints ? { constraints } : {}),
    assignment,
  });
  if (!plan.ok) return plan;
  const p = plan.value;
  const saved = await saveScenario(
    handle.db,
    {
      name,
      period: p.period.id,
      topBy: p.topBy,
      constraints: scenarioConstraints(constraints ?? {}, p),
      assignment: assignmentOf(p),
      summary: {
        teams: p.teams.length,
        benefit: p.objective.benefit,
        moves: p.objective.moves,
        placed: p.placements.length,
      },
      movedRepIds: p.placements.filter((x) => x.moved).map((x) => x.repId),
    },
    savedAt,
  );
  return ok(saved);
}

/** "Check the plan" for a saved scenario: its period against the next one. */
export async function buildPlanCheck(
  handle: OpenDatabase,
  ws: WorkingSet,
  scenarioId: number,
  settings: AnalysisSettings,
): Promise<Result<PlanCheckView>> {
  const stored = await getScenario(handle.db, scenarioId);
  if (!stored) return err('not_found', `No scenario ${scenarioId}.`, { scenarioId });
  return checkPlan(ws, stored.scenario, settings, stored.movedRepIds);
}
