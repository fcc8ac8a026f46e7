import { useCallback, useMemo, useState } from 'react';
import type { AnalysisSettings } from '../../../../shared/analysis/settings';
import type { SavedGoal, TopBy } from '../../../../shared/coaching/types';
import type { Band } from '../../../../shared/domain/types';
import type { AppError } from '../../../../shared/result';
import { useBridge } from '../../api/bridge-context';
import { AnalysisHeader } from '../../ui/AnalysisHeader';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { TopByPicker } from '../../ui/TopByPicker';
import { RepCoaching } from './RepCoaching';
import { TeamPractices } from './TeamPractices';
import { useI18n } from '../../i18n/i18n';
import { PrintButton } from '../reports/PrintButton';
import { bandName } from '../../i18n/domain-text';
import type { AnalysisScreenProps } from '../../analysis/analysis-screen';
import { useCoaching } from './use-coaching';

/** What the coaching tab shows; kept by the App so it survives a visit to another tab. */
export interface CoachingChoice {
  view: 'team' | 'rep';
  repId: number | null;
  topBy: TopBy;
}

export const DEFAULT_COACHING_CHOICE: CoachingChoice = { view: 'team', repId: null, topBy: 'results' };

interface Props extends AnalysisScreenProps {
  /** The draft analysis settings, as the Dashboard and Rankings use them. */
  settings: AnalysisSettings | null;
  /** The saved settings are loaded: before that, a request would be answered with the wrong ones. */
  settingsReady: boolean;
  revision: number;
  choice: CoachingChoice;
  onChoiceChange: (choice: CoachingChoice) => void;
}

const BAND_GROUPS: readonly Band[] = ['top', 'middle', 'bottom', 'unranked'];

/**
 * Coaching: what the top performers of this team do differently (team view), and for one rep the
 * gaps to them turned into a SMART+C plan, the work-back from the target, the improvement plan of
 * the bottom band, saved plans and the director's notes (rep view).
 */
export function CoachingScreen(props: Props) {
  const { info, period, onPeriodChange, peerGroup, onPeerGroupChange, ranking, settings, revision } = props;
  const { settingsReady } = props;
  const { choice, onChoiceChange } = props;
  const { t, locale } = useI18n();
  const bridge = useBridge();
  // Bumped after a plan or a note is saved: the rep view is asked again and shows it.
  const [saves, setSaves] = useState(0);

  const rankingView = ranking.data;
  const currency = rankingView?.currency ?? null;
  const collator = useMemo(() => new Intl.Collator(locale, { numeric: true, sensitivity: 'base' }), [locale]);
  const repGroups = useMemo(() => {
    const rows = rankingView?.rows ?? [];
    return BAND_GROUPS.map((band) => ({
      band,
      reps: rows
        .filter((r) => r.band === band)
        .sort((a, b) => (b.composite ?? -1) - (a.composite ?? -1) || collator.compare(a.rep, b.rep)),
    })).filter((g) => g.reps.length > 0);
  }, [rankingView, collator]);
  const firstRep = repGroups[0]?.reps[0]?.repId ?? null;
  const knownRep =
    choice.repId !== null && (rankingView?.rows.some((r) => r.repId === choice.repId) ?? false)
      ? choice.repId
      : null;
  const repId = knownRep ?? firstRep;

  const base = settings ? { period, settings, topBy: choice.topBy } : { period, topBy: choice.topBy };
  const team = useCoaching(bridge, 'coaching.team', base, revision, settingsReady && choice.view === 'team');
  const rep = useCoaching(
    bridge,
    'coaching.rep',
    repId === null ? null : { ...base, repId },
    // Both only grow, so their sum changes whenever either does.
    revision + saves,
    settingsReady && choice.view === 'rep',
  );

  const query = choice.view === 'team' ? team : rep;
  const loading = query.loading || ranking.loading;
  const repView = rep.data;

  const set = (patch: Partial<CoachingChoice>) => onChoiceChange({ ...choice, ...patch });

  const savePlan = useCallback(
    async (goals: SavedGoal[]): Promise<AppError | null> => {
      if (!repView) return null;
      const result = await bridge.invoke('coaching.savePlan', {
        repId: repView.rep.repId,
        period: repView.period.id,
        goals,
      });
      if (!result.ok) return result.error;
      setSaves((n) => n + 1);
      return null;
    },
    [bridge, repView],
  );
  const addNote = useCallback(
    async (text: string): Promise<AppError | null> => {
      if (!repView) return null;
      const result = await bridge.invoke('coaching.addNote', {
        repId: repView.rep.repId,
        text,
        period: repView.period.id,
      });
      if (!result.ok) return result.error;
      setSaves((n) => n + 1);
      return null;
    },
    [bridge, repView],
  );
  const deleteNote = useCallback(
    async (noteId: number): Promise<AppError | null> => {
      const result = await bridge.invoke('coaching.deleteNote', { noteId });
      if (!result.ok) return result.error;
      setSaves((n) => n + 1);
      return null;
    },
    [bridge],
  );

  return (
    <section
      className="screen"
      aria-labelledby="coaching-title"
      data-testid="coaching-screen"
      data-view={choice.view}
      aria-busy={loading}
    >
      <AnalysisHeader
        titleId="coaching-title"
        title={t('coaching.title')}
        info={info}
        period={period}
        onPeriodChange={onPeriodChange}
        peerGroup={peerGroup}
        onPeerGroupChange={onPeerGroupChange}
        view={rankingView}
      />

      <div className="toolbar coaching__toolbar">
        <div className="segmented" role="group" aria-label={t('coaching.viewLabel')}>
          <button
            type="button"
            className="segmented__option"
            aria-pressed={choice.view === 'team'}
            onClick={() => set({ view: 'team' })}
            data-testid="coaching-view-team"
          >
            {t('coaching.view.team')}
          </button>
          <button
            type="button"
            className="segmented__option"
            aria-pressed={choice.view === 'rep'}
            onClick={() => set({ view: 'rep' })}
            data-testid="coaching-view-rep"
          >
            {t('coaching.view.rep')}
          </button>
        </div>
        {choice.view === 'rep' ? (
          <label className="field field--inline">
            <span className="field-label">{t('coaching.rep.pick')}</span>
            <select
              className="select coaching__rep-select"
              value={repId ?? ''}
              disabled={repGroups.length === 0}
              data-testid="coaching-rep-select"
              onChange={(e) => set({ repId: Number(e.target.value) })}
            >
              {repGroups.map((g) => (
                <optgroup key={g.band} label={bandName(locale, g.band)}>
                  {g.reps.map((r) => (
                    <option key={r.repId} value={r.repId}>
                      {r.rep}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
        ) : null}
        {choice.view === 'rep' && repView ? (
          <PrintButton
            target={{ kind: 'dossier', repId: repView.rep.repId, rep: repView.rep.name }}
            period={period}
            settings={settings}
            topBy={choice.topBy}
          />
        ) : null}
        <span className="toolbar__spacer" />
        <TopByPicker
          value={choice.topBy}
          onChange={(by) => set({ topBy: by })}
          label="coaching.topBy.label"
          idPrefix="top-by"
        />
      </div>
      <p className="hint coaching__lead">{t(`coaching.topBy.${choice.topBy}Lead`)}</p>

      {loading ? (
        <div className="loading-bar" role="status" data-testid="coaching-loading">
          <span className="visually-hidden">{t('coaching.loading')}</span>
        </div>
      ) : null}
      {ranking.error && !ranking.loading ? (
        <ErrorMessage error={ranking.error} onRetry={ranking.retry} testId="coaching-ranking-error" />
      ) : null}
      {query.error && !query.loading ? (
        <ErrorMessage error={query.error} onRetry={query.retry} testId="coaching-error" />
      ) : null}

      <div className={`coaching ${loading ? 'is-stale' : ''}`}>
        {choice.view === 'team' ? (
          team.data ? (
            <TeamPractices view={team.data} currency={currency} />
          ) : null
        ) : repId === null && rankingView ? (
          <p className="empty card">{t('coaching.rep.none')}</p>
        ) : repView ? (
          <RepCoaching
            view={repView}
            currency={currency}
            onSavePlan={savePlan}
            onAddNote={addNote}
            onDeleteNote={deleteNote}
          />
        ) : null}
      </div>
    </section>
  );
}
