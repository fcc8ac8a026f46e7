import type { SettingsState } from '../../analysis/use-analysis-settings';
import { useI18n } from '../../i18n/i18n';

/** Whether the draft is saved, waiting, saving, refused or failed (with a retry). */
export function SaveIndicator({ settings }: { settings: SettingsState }) {
  const { t } = useI18n();
  const state = settings.saveState;
  return (
    <div
      className={`save-state save-state--${state}`}
      data-testid="settings-save-state"
      data-state={state}
      role="status"
    >
      <span className="save-state__dot" aria-hidden="true" />
      <span>{t(`settings.save.${state}`)}</span>
      {state === 'error' ? (
        <button type="button" className="button button--small" onClick={settings.retry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
