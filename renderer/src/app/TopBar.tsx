import type { WorkspaceInfo } from '../../../shared/api/contract';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { TABS, type Tab } from './tabs';
import { WorkspaceIndicator } from './WorkspaceIndicator';

interface Props {
  tab: Tab;
  onGoTo: (tab: Tab) => void;
  /** Files added for import and not imported yet: a badge on the Import tab. */
  pendingFiles: number;
  info: WorkspaceInfo | null;
  switching: boolean;
  onOpenWorkspace: (which: 'demo' | 'user') => void;
}

/** The brand, the tabs, the open workspace and the language. */
export function TopBar({ tab, onGoTo, pendingFiles, info, switching, onOpenWorkspace }: Props) {
  const { t } = useI18n();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand__mark" aria-hidden="true">
          <span />
          <span />
          <span />
        </span>
        <span className="brand__text">
          <span className="brand__name">{t('app.title')}</span>
          <span className="brand__tagline">{t('app.tagline')}</span>
        </span>
      </div>
      <nav className="tabs" aria-label={t('nav.label')}>
        {TABS.map((item) => (
          <button
            key={item.id}
            type="button"
            className="tabs__item"
            aria-current={tab === item.id ? 'page' : undefined}
            onClick={() => onGoTo(item.id)}
            data-testid={`nav-${item.id}`}
          >
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none">
              <path
                d={item.icon}
                stroke="currentColor"
                strokeWidth="1.9"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </svg>
            <span>{t(item.key)}</span>
            {item.id === 'import' && pendingFiles > 0 ? (
              <span className="tabs__badge">{pendingFiles}</span>
            ) : null}
          </button>
        ))}
      </nav>
      <div className="topbar__right">
        <WorkspaceIndicator info={info} busy={switching} onOpen={onOpenWorkspace} />
        <LanguageSwitch />
      </div>
    </header>
  );
}
