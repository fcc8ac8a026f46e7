import { useCallback, useMemo, useState } from 'react';
import type { TeamPlanRequest } from '../../../../shared/api/contract';
import type { AnalysisSettings } from '../../../../shared/analysis/settings';
import type { MessageKey } from '../../../../shared/i18n/messages-en';
import type { AppError } from '../../../../shared/result';
import { assignmentOf } from '../../../../shared/teams/plan-teams';
import type { Placement, TeamConstraints, TeamScenario } from '../../../../shared/teams/types';
import { useBridge } from '../../api/bridge-context';
import { AnalysisHeader } from '../../ui/AnalysisHeader';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { TopByPicker } from '../../ui/TopByPicker';
import { NoticeList } from '../../ui/NoticeList';
import { ConstraintsCard } from './ConstraintsCard';
import { CoverageCard } from './CoverageCard';
import { CurrentTeams } from './CurrentTeams';
import { EffectNote } from './EffectNote';
import type { MoveTarget } from './MoveMenu';
import { NotPlacedCard } from './NotPlacedCard';
import { PlanSummary } from './PlanSummary';
import { ScenariosCard } from './ScenariosCard';
import { TeamCard } from './TeamCard';
import { infeasibleText, peopleById } from './team-text';
import { useI18n } from '../../i18n/i18n';
import type { AnalysisScreenProps } from '../../analysis/analysis-screen';
import { useLatestQuery } from '../../analysis/use-latest-query';
import {
  useTeamPlan,
  withConstraints,
  withMove,
  withReset,
  withScenario,
  withTopBy,
  withUndo,
  type TeamsChoice,
} from './use-team-plan';
import { downloadText } from '../../util/download';

interface Props extends AnalysisScreenProps {
  /** The draft analysis settings, as the other screens use them. */
  settings: AnalysisSettings | null;
  /** The saved settings are loaded: before that, a request would be answered with the wrong ones. */
  settingsReady: boolean;
  revision: number;
  choice: TeamsChoice;
  onChoiceChange: (choice: TeamsChoice) => void;
}

/**
 * Teams: the restructure planner (issue #10). Today's teams beside the proposed ones, led by the
 * top sellers with each rep placed where the leader is strongest at what the rep lacks; why each
 * person is where they are; what-if moves re-scored on the spot, undo, constraints that ask the
 * engine again; saved scenarios to open, compare, check and export; and what to expect, honestly.
 */
export function TeamsScreen(props: Props) {
  const { info, period, onPeriodChange, peerGroup, onPeerGroupChange, ranking, settings, settingsReady } =
    props;
  const { revision, choice, onChoiceChange } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const bridge = useBridge();
  // Bumped after a scenario is saved or deleted: the list is asked again.
  const [saves, setSaves] = useState(0);
  const [justMoved, setJustMoved] = useState<number | null>(null);
  // Kept as a key and values, so a language switch re-words it too.
  const [announcement, setAnnouncement] = useState<{
    key: MessageKey;
    params?: Record<string, string>;
  } | null>(null);
  const [actionError, setActionError] = useState<AppError | null>(null);
  const [exporting, setExporting] = useState(false);

  const { query, plan, request } = useTeamPlan(bridge, period, settings, choice, revision, settingsReady);
  const scenarios = useLatestQuery(bridge, 'teams.scenarios', {}, revision + saves, true);
  const base = query.data;
  const currency = ranking.data?.currency ?? null;
  const loading = query.loading;
  const infeasible = query.error?.code === 'infeasible_plan' ? query.error : null;

  const placements = useMemo(() => new Map((plan?.placements ?? []).map((p) => [p.repId, p])), [plan]);
  const people = useMemo(() => peopleById(plan), [plan]);
  const targets = useMemo<MoveTarget[]>(
    () =>
      (plan?.teams ?? []).map((team) => ({
        leaderId: team.leaderId,
        label: team.name,
        detail: t('teams.moveDetail', { leader: team.leader, size: team.size }),
      })),
    [plan, t],
  );

  const move = useCallback(
    (repId: number, leaderId: number) => {
      if (!base) return;
      onChoiceChange(withMove(choice, base, repId, leaderId));
      setJustMoved(repId);
      const rep: Placement | undefined = placements.get(repId);
      const team = plan?.teams.find((x) => x.leaderId === leaderId);
      if (rep && team) setAnnouncement({ key: 'teams.moved', params: { rep: rep.rep, team: team.name } });
    },
    [base, choice, onChoiceChange, placements, plan],
  );

  const setConstraints = (constraints: Partial<TeamConstraints>) => {
    setJustMoved(null);
    onChoiceChange(withConstraints(choice, constraints));
  };

  const undo = () => {
    setJustMoved(null);
    onChoiceChange(withUndo(choice));
    setAnnouncement({ key: 'teams.undone' });
  };

  /** The request for what is on screen: the director's placement when it is not the engine's own. */
  const onScreen = (): TeamPlanRequest | null => {
    if (!request || !plan) return null;
    return plan.manual || choice.draft.moves.length > 0
      ? { ...request, assignment: assignmentOf(plan) }
      : request;
  };

  const exportCsv = async () => {
    const req = onScreen();
    if (!req) return;
    setExporting(true);
    setActionError(null);
    const result = await bridge.invoke('teams.exportCsv', req);
    setExporting(false);
    if (result.ok) downloadText(result.value.fileName, result.value.csv);
    else setActionError(result.error);
  };

  const saveScenario = async (name: string): Promise<AppError | null> => {
    if (!request || !plan) return null;
    const result = await bridge.invoke('teams.saveScenario', {
      ...request,
      name,
      assignment: assignmentOf(plan),
    });
    if (!result.ok) return result.error;
    setSaves((n) => n + 1);
    return null;
  };

  const deleteScenario = async (scenarioId: number): Promise<AppError | null> => {
    const result = await bridge.invoke('teams.deleteScenario', { scenarioId });
    if (!result.ok) return result.error;
    setSaves((n) => n + 1);
    return null;
  };

  const openScenario = (scenario: TeamScenario) => {
    setJustMoved(null);
    if (scenario.period !== period) onPeriodChange(scenario.period);
    onChoiceChange(withScenario(choice, scenario));
    setAnnouncement({ key: 'teams.scenarios.opened', params: { name: scenario.name } });
  };

  const resolved = plan?.input.constraints;
  // The plan shown is not the answer to what is asked (yet, or at all): dimmed.
  const stale = loading || infeasible ? 'is-stale' : '';

  return (
    <section
      className="screen teams-screen"
      aria-labelledby="teams-title"
      data-testid="teams-screen"
      aria-busy={loading || ranking.loading}
    >
      <AnalysisHeader
        titleId="teams-title"
        title={t('teams.title')}
        info={info}
        period={period}
        onPeriodChange={onPeriodChange}
        peerGroup={peerGroup}
        onPeerGroupChange={onPeerGroupChange}
        view={ranking.data}
      />

      <div className="toolbar teams__toolbar">
        <TopByPicker
          value={choice.topBy}
          onChange={(by) => onChoiceChange(withTopBy(choice, by))}
          label="teams.leadersBy"
          idPrefix="teams-top-by"
        />
        {choice.draft.scenario ? (
          <span className="pill pill--accent teams__scenario" data-testid="scenario-on-screen">
            {t('teams.scenarios.showing', { name: choice.draft.scenario.name })}
          </span>
        ) : null}
        <span className="toolbar__spacer" />
        <button
          type="button"
          className="button button--small"
          disabled={choice.undo.length === 0}
          onClick={undo}
          data-testid="teams-undo"
        >
          {t('teams.undo')}
        </button>
        <button
          type="button"
          className="button button--small button--ghost"
          disabled={choice.undo.length === 0 && choice.draft.moves.length === 0}
          onClick={() => {
            setJustMoved(null);
            onChoiceChange(withReset(choice));
          }}
          data-testid="teams-reset"
        >
          {t('teams.reset')}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={!plan || exporting}
          onClick={() => void exportCsv()}
          data-testid="teams-export"
        >
          {exporting ? t('teams.exporting') : t('teams.export')}
        </button>
      </div>
      <p className="hint teams__lead">{t(`teams.lead.${choice.topBy}`)}</p>
      <p className="visually-hidden" role="status" data-testid="teams-announcement">
        {announcement ? t(announcement.key, announcement.params) : null}
      </p>

      {loading ? (
        <div className="loading-bar" role="status" data-testid="teams-loading">
          <span className="visually-hidden">{t('teams.loading')}</span>
        </div>
      ) : null}
      {actionError ? (
        <ErrorMessage
          error={actionError}
          onDismiss={() => setActionError(null)}
          testId="teams-action-error"
        />
      ) : null}
      {infeasible && !loading ? (
        <div className="alert teams__infeasible" role="alert" data-testid="teams-infeasible">
          <span className="alert__icon" aria-hidden="true">
            !
          </span>
          <div className="alert__text">
            <strong>{t('teams.infeasible.title')}</strong>{' '}
            <span data-testid="infeasible-text" data-constraint={String(infeasible.params?.constraint ?? '')}>
              {infeasibleText(i18n, infeasible)}
            </span>
            {plan ? <p className="teams__infeasible-note">{t('teams.infeasible.lastPlan')}</p> : null}
          </div>
          {choice.undo.length > 0 ? (
            <div className="alert__actions">
              <button type="button" className="button button--small" onClick={undo}>
                {t('teams.undoLast')}
              </button>
            </div>
          ) : null}
        </div>
      ) : query.error && !loading ? (
        <ErrorMessage error={query.error} onRetry={query.retry} testId="teams-error" />
      ) : null}

      <div className="teams">
        {plan ? (
          <div className={`teams__plan ${stale}`} data-testid="teams-plan">
            <div className="teams__row">
              <PlanSummary plan={plan} />
              <EffectNote />
            </div>
            <NoticeList notices={plan.notices} testId="teams-notices" />
          </div>
        ) : null}

        {/* Left usable when no plan can be made: it is where the way out is. */}
        {plan || infeasible ? (
          <ConstraintsCard plan={plan} constraints={choice.draft.constraints} onChange={setConstraints} />
        ) : null}

        {plan && resolved ? (
          <div className={`teams-board ${stale}`}>
            <CurrentTeams plan={plan} placements={placements} />
            <section className="teams-board__proposed" aria-labelledby="proposed-title">
              <header className="teams-board__head">
                <h2 id="proposed-title" className="card__title">
                  {t('teams.proposed')}
                </h2>
                <p className="hint">{t('teams.proposedHint')}</p>
              </header>
              <div className="teams-grid" data-testid="proposed-teams">
                {plan.teams.map((team) => (
                  <TeamCard
                    key={team.leaderId}
                    team={team}
                    placements={placements}
                    targets={targets}
                    minSize={resolved.minSize}
                    maxSize={resolved.maxSize}
                    onMove={move}
                    currency={currency}
                    justMoved={justMoved}
                  />
                ))}
              </div>
            </section>
          </div>
        ) : null}

        <ScenariosCard
          scenarios={scenarios}
          people={people}
          openedId={choice.draft.scenario?.scenarioId ?? null}
          canSave={plan !== null && !loading && !infeasible}
          settings={settings}
          revision={revision + saves}
          onSave={saveScenario}
          onOpen={openScenario}
          onDelete={deleteScenario}
        />

        {plan ? (
          <div
            className={`${plan.notPlaced.length > 0 ? 'teams__row teams__row--even' : 'teams__single'} ${stale}`}
          >
            <CoverageCard coverage={plan.coverage} currency={currency} />
            <NotPlacedCard notPlaced={plan.notPlaced} />
          </div>
        ) : null}
      </div>
    </section>
  );
}
