import type { AppError } from '../../../shared/result';
import { useI18n } from '../i18n/i18n';

interface Props {
  error: AppError;
  onRetry?: () => void;
  onDismiss?: () => void;
  testId?: string;
}

/** An engine error in the UI language, announced to screen readers. */
export function ErrorMessage({ error, onRetry, onDismiss, testId = 'error-message' }: Props) {
  const i18n = useI18n();
  const tone = error.code === 'cancelled' ? 'info' : 'error';
  return (
    <div className={`alert alert--${tone}`} role="alert" data-testid={testId} data-code={error.code}>
      <span className="alert__icon" aria-hidden="true">
        {tone === 'info' ? 'i' : '!'}
      </span>
      <p className="alert__text">{i18n.error(error)}</p>
      {onRetry || onDismiss ? (
        <div className="alert__actions">
          {onRetry ? (
            <button type="button" className="button button--small" onClick={onRetry}>
              {i18n.t('common.retry')}
            </button>
          ) : null}
          {onDismiss ? (
            <button type="button" className="button button--small button--ghost" onClick={onDismiss}>
              {i18n.t('common.dismiss')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
