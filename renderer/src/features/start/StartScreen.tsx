import type { WorkspaceInfo } from '../../../../shared/api/contract';
import { useI18n } from '../../i18n/i18n';

interface Props {
  info: WorkspaceInfo;
  busy: boolean;
  onOpenDemo: () => void;
  onImport: () => void;
}

/** Shown while the open workspace has no deals: the two ways to get started. */
export function StartScreen({ info, busy, onOpenDemo, onImport }: Props) {
  const { t } = useI18n();
  return (
    <section className="start" data-testid="start-screen" aria-labelledby="start-title">
      <div className="start__hero">
        <div className="start__mark" aria-hidden="true">
          <span className="start__bar start__bar--bottom" />
          <span className="start__bar start__bar--middle" />
          <span className="start__bar start__bar--top" />
        </div>
        <h1 id="start-title" className="start__title">
          {t('start.title')}
        </h1>
        <p className="start__lead">{t('start.lead')}</p>
        {!info.isDemo ? <p className="start__empty">{t('start.emptyUser')}</p> : null}
      </div>

      <div className="start__actions">
        <button
          type="button"
          className="action-card action-card--primary"
          onClick={onOpenDemo}
          disabled={busy}
          data-testid="open-demo"
        >
          <span className="action-card__icon" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="26" height="26">
              <path
                d="M4 19V9m5 10V5m5 14v-7m5 7V8"
                stroke="currentColor"
                strokeWidth="2.2"
                strokeLinecap="round"
              />
            </svg>
          </span>
          <span className="action-card__title">{t('start.openDemo')}</span>
          <span className="action-card__hint">{t('start.openDemoHint')}</span>
        </button>
        <button
          type="button"
          className="action-card"
          onClick={onImport}
          disabled={busy}
          data-testid="start-import"
        >
          <span className="action-card__icon" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="26" height="26" fill="none">
              <path
                d="M12 4v11m0 0-4-4m4 4 4-4M5 20h14"
                stroke="currentColor"
                strokeWidth="2.2"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </svg>
          </span>
          <span className="action-card__title">{t('start.import')}</span>
          <span className="action-card__hint">{t('start.importHint')}</span>
        </button>
      </div>

      <div className="start__steps">
        <h2 className="start__steps-title">{t('start.stepsTitle')}</h2>
        <ol className="steps">
          <li className="steps__item">{t('start.step1')}</li>
          <li className="steps__item">{t('start.step2')}</li>
          <li className="steps__item">{t('start.step3')}</li>
        </ol>
        <p className="start__local">{t('app.localFirst')}</p>
      </div>
    </section>
  );
}
