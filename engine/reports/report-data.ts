import { basename } from 'node:path';
import type { RankingRow, RankingView } from '../../shared/api/contract';
import type { AnalysisSettings } from '../../shared/analysis/settings';
import type { TopBy } from '../../shared/coaching/types';
import type { WorkingSet } from '../../shared/domain/types';
import type { Locale } from '../../shared/i18n/locale';
import { translate } from '../../shared/i18n/translate';
import { parsePeriod, previousPeriod, type Period } from '../../shared/period/period';
import { err, ok, type Result } from '../../shared/result';
import type { DirectorData, DossierData, ReportContext } from '../../reports/types';
import { buildRankingView } from '../analysis/ranking-view';
import { buildRepCoachingView, buildTeamPracticesView } from '../coaching/coaching-view';
import { listScenarios } from '../teams/scenario-store';
import { buildTeamPlanView } from '../teams/teams-view';
import type { Workspace } from '../workspace/workspace';

/**
 * The view models a report is made of, built by the same functions as the API methods the
 * screens call (rankings.get, coaching.rep, coaching.team, teams.plan), so a printed figure is
 * the figure on the screen. One source serves a whole batch: the period's ranking and the
 * previous period's are built once for forty dossiers.
 */

/** The workspace as the header names it: the demo, the file's name, or the app for the default one. */
export function workspaceLabel(workspace: Workspace, locale: Locale, name?: string): string {
  if (name) return name;
  if (workspace.isDemo) return translate(locale, 'report.workspace.demo');
  const file = basename(workspace.path).replace(/\.(sqlite3?|db)$/i, '');
  if (workspace.path === ':memory:' || workspace.path === '' || file === 'workspace')
    return translate(locale, 'app.title');
  return file;
}

/** Reps a "print all" covers: everyone with data in the period (the not-ranked too). */
export function printableRows(view: RankingView, team?: string): RankingRow[] {
  return view.rows
    .filter((r) => r.unrankedReason !== 'no_data_in_period' && r.unrankedReason !== 'joined_after_period')
    .filter((r) => team === undefined || (r.team ?? '') === team)
    .sort(
      (a, b) =>
        (a.team ?? '\uffff').localeCompare(b.team ?? '\uffff') ||
        a.rep.localeCompare(b.rep) ||
        a.repId - b.repId,
    );
}

export class ReportSource {
  private rankingView: RankingView | null = null;
  private previousView: RankingView | null = null;

  constructor(
    private readonly workspace: Workspace,
    private readonly ws: WorkingSet,
    readonly period: Period,
    private readonly settings: AnalysisSettings,
    readonly topBy: TopBy,
    readonly context: ReportContext,
  ) {}

  get view(): RankingView {
    this.rankingView ??= buildRankingView(this.ws, this.period, this.workspace.dataRange(), this.settings);
    return this.rankingView;
  }

  get previous(): RankingView {
    this.previousView ??= buildRankingView(
      this.ws,
      previousPeriod(this.period),
      this.workspace.dataRange(),
      this.settings,
    );
    return this.previousView;
  }

  dossier(repId: number): Result<DossierData> {
    if (!this.view.rows.some((r) => r.repId === repId))
      return err('not_found', `No rep ${repId} in ${this.period.id}.`, { repId });
    const coaching = buildRepCoachingView(
      this.workspace.sqlite,
      this.ws,
      this.period,
      repId,
      this.settings,
      this.topBy,
    );
    if (!coaching.ok) return coaching;
    return ok({
      context: this.context,
      view: this.view,
      previous: this.previous,
      topBy: this.topBy,
      coaching: coaching.value,
    });
  }

  /**
   * The director's report. The team scenario is the latest saved for this period, else the
   * latest of any period (said so on the page); it is scored again on today's data, as the
   * Teams screen does when a scenario is opened. A scenario that can no longer be scored (its
   * constraints are impossible now) is left out rather than failing the report.
   */
  async director(anonymise: boolean): Promise<Result<DirectorData>> {
    const practices = buildTeamPracticesView(this.ws, this.period, this.settings, this.topBy);
    const scenarios = await listScenarios(this.workspace.handle.db);
    const chosen = scenarios.find((s) => s.period === this.period.id) ?? scenarios[0] ?? null;
    let scenario: DirectorData['scenario'] = null;
    if (chosen) {
      const period = parsePeriod(chosen.period);
      if (period.ok) {
        const plan = await buildTeamPlanView(this.workspace.handle, this.ws, period.value, this.settings, {
          topBy: chosen.topBy,
          constraints: chosen.constraints,
          assignment: chosen.assignment,
        });
        if (plan.ok) scenario = { scenario: chosen, plan: plan.value };
      }
    }
    return ok({ context: this.context, view: this.view, practices, scenario, anonymise });
  }
}
