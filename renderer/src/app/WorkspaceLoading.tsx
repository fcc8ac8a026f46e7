import type { AppError } from '../../../shared/result';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage } from '../ui/ErrorMessage';

/** Before the workspace info arrives: a spinner, or why it did not come with a retry. */
export function WorkspaceLoading({ error, onRetry }: { error: AppError | null; onRetry: () => void }) {
  const { t } = useI18n();
  return error ? (
    <div className="screen">
      <h1 className="screen__title">{t('app.loadFailed')}</h1>
      <ErrorMessage error={error} onRetry={onRetry} testId="workspace-error" />
    </div>
  ) : (
    <div className="screen screen--center" role="status">
      <span className="spinner spinner--large" aria-hidden="true" />
      <p>{t('app.loading')}</p>
    </div>
  );
}
