import { useI18n } from '../i18n/i18n';

/** The demo is open: says so, with the way back to the user's own workspace. */
export function DemoBanner({ busy, onLeave }: { busy: boolean; onLeave: () => void }) {
  const { t } = useI18n();
  return (
    <div className="demo-banner" data-testid="demo-banner">
      <span>{t('workspace.demoBanner')}</span>
      <button type="button" className="button button--small" disabled={busy} onClick={onLeave}>
        {t('workspace.backToMine')}
      </button>
    </div>
  );
}
