import type { WorkspaceInfo } from '../../../shared/api/contract';
import { useI18n } from '../i18n/i18n';

interface Props {
  info: WorkspaceInfo | null;
  busy: boolean;
  onOpen: (which: 'demo' | 'user') => void;
}

/** Which workspace is open (demo or the user's own), with a switch between the two. */
export function WorkspaceIndicator({ info, busy, onOpen }: Props) {
  const { t } = useI18n();
  const isDemo = info?.isDemo ?? false;
  return (
    <div
      className="workspace"
      data-testid="workspace-indicator"
      data-demo={info ? String(isDemo) : undefined}
    >
      <span
        className={`workspace__current ${isDemo ? 'workspace__current--demo' : ''}`}
        title={info ? t('workspace.storedAt', { path: info.path }) : undefined}
      >
        <span className="workspace__dot" aria-hidden="true" />
        <span className="workspace__label">{t('workspace.label')}:</span>{' '}
        <strong data-testid="workspace-name">
          {info ? (isDemo ? t('workspace.demo') : t('workspace.user')) : '…'}
        </strong>
      </span>
      <div className="segmented segmented--small" role="group" aria-label={t('workspace.switchLabel')}>
        <button
          type="button"
          className="segmented__option"
          aria-pressed={info !== null && !isDemo}
          disabled={busy || info === null}
          data-testid="workspace-user"
          onClick={() => {
            if (isDemo) onOpen('user');
          }}
        >
          {t('workspace.switchToUser')}
        </button>
        <button
          type="button"
          className="segmented__option"
          aria-pressed={isDemo}
          disabled={busy || info === null}
          data-testid="workspace-demo"
          onClick={() => {
            if (!isDemo) onOpen('demo');
          }}
        >
          {t('workspace.switchToDemo')}
        </button>
      </div>
    </div>
  );
}
