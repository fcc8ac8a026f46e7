import { useMemo, useState } from 'react';
import type { RankingView } from '../../../../shared/api/contract';
import type { AnalysisQuery } from '../../analysis/use-analysis';
import type { SettingsState } from '../../analysis/use-analysis-settings';
import { useI18n } from '../../i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ActivityCard } from './ActivityCard';
import { CustomerTiersCard } from './CustomerTiersCard';
import { useHolidayInput } from './HolidaysField';
import { PeerGroupCard } from './PeerGroupCard';
import { QuotaTrendCard, type QuotaMode } from './QuotaTrendCard';
import { RankingPreview } from './RankingPreview';
import { SaveIndicator } from './SaveIndicator';
import { settingsEdit } from './settings-edit';
import { settingsFieldErrors } from './settings-validation';
import { WeightsCard } from './WeightsCard';

interface Props {
  settings: SettingsState;
  /** The ranking of the chosen period with the draft settings (null without data). */
  ranking: AnalysisQuery<RankingView> | null;
  period: string | null;
  onOpenRankings: () => void;
}

/**
 * The director's analysis choices, saved with the workspace: weights, peer group, minimums,
 * holidays, customer tiers, quota unit and trend length. Every edit applies at once (the other
 * screens ask the engine with the draft) and is saved after a short pause; the shared validator
 * refuses what the engine would refuse, shown next to the field. Each card of the form is a
 * component of its own; the preview beside them ranks the period with the draft.
 */
export function SettingsScreen({ settings, ranking, period, onOpenRankings }: Props) {
  const { t } = useI18n();
  const draft = settings.draft;
  const errors = useMemo(() => (draft ? settingsFieldErrors(draft) : null), [draft]);
  // What the user is typing into a field stays while the settings reload.
  const holidayInput = useHolidayInput();
  const [quotaChoice, setQuotaChoice] = useState<QuotaMode | null>(null);

  if (!draft || !errors) {
    return (
      <section className="screen" data-testid="settings-screen" aria-labelledby="settings-title">
        <h1 id="settings-title" className="screen__title">
          {t('settings.title')}
        </h1>
        {settings.loadError ? (
          <ErrorMessage error={settings.loadError} onRetry={settings.retry} testId="settings-error" />
        ) : (
          <div className="screen--center" role="status">
            <span className="spinner" aria-hidden="true" />
            <p>{t('common.loading')}</p>
          </div>
        )}
      </section>
    );
  }

  const card = { draft, errors, edit: settingsEdit(settings.update) };

  return (
    <section className="screen" data-testid="settings-screen" aria-labelledby="settings-title">
      <header className="screen__header">
        <div>
          <h1 id="settings-title" className="screen__title">
            {t('settings.title')}
          </h1>
          <p className="screen__lead">{t('settings.lead')}</p>
        </div>
        <div className="screen__controls">
          <SaveIndicator settings={settings} />
          <button type="button" className="button" onClick={settings.reset} data-testid="settings-reset">
            {t('settings.reset')}
          </button>
        </div>
      </header>
      {settings.saveError ? (
        <ErrorMessage error={settings.saveError} onRetry={settings.retry} testId="settings-save-error" />
      ) : null}

      <div className="settings">
        <div className="settings__form">
          <WeightsCard {...card} view={ranking?.data ?? null} />
          <PeerGroupCard {...card} />
          <ActivityCard {...card} holidayInput={holidayInput} />
          <CustomerTiersCard {...card} />
          <QuotaTrendCard {...card} quotaChoice={quotaChoice} onQuotaChoice={setQuotaChoice} />
        </div>
        <RankingPreview ranking={ranking} period={period} onOpenRankings={onOpenRankings} />
      </div>
    </section>
  );
}
