import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HostBridge } from '../../shared/api/contract';
import type { PeerGroupBy } from '../../shared/analysis/settings';
import type { Locale } from '../../shared/i18n/locale';
import { translate } from '../../shared/i18n/translate';
import { useAnalysis } from './analysis/use-analysis';
import { useAnalysisSettings } from './analysis/use-analysis-settings';
import { BridgeContext } from './api/bridge-context';
import { DemoBanner } from './app/DemoBanner';
import { TabScreen } from './app/screens';
import { ANALYSIS_TABS, type Tab } from './app/tabs';
import { TopBar } from './app/TopBar';
import { useImportOutsideDemo, useWorkspace } from './app/use-workspace';
import { WorkspaceLoading } from './app/WorkspaceLoading';
import { DEFAULT_COACHING_CHOICE, type CoachingChoice } from './features/coaching/CoachingScreen';
import { useImportSession } from './features/import/use-import-session';
import { useWindowFileDrop } from './features/import/use-window-file-drop';
import { DEFAULT_TEAMS_CHOICE, type TeamsChoice } from './features/teams/use-team-plan';
import { I18nContext, makeI18n } from './i18n/i18n';
import { initialLocale, rememberLocale } from './i18n/locale-storage';
import { ErrorMessage } from './ui/ErrorMessage';

/**
 * The app's wiring: the locale, the open workspace, the tab and what the tabs keep between visits,
 * the import session and the period's analysis; which screen a tab shows is app/screens.tsx.
 */
export function App({ bridge }: { bridge: HostBridge }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    rememberLocale(next);
    setLocaleState(next);
  }, []);
  const i18n = useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
  const { t } = i18n;

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.title');
  }, [locale]);

  const workspace = useWorkspace(bridge);
  const { info, revision, period, hasData, loadInfo, openWorkspace } = workspace;
  const [tab, setTab] = useState<Tab>('dashboard');
  const [coaching, setCoaching] = useState<CoachingChoice>(DEFAULT_COACHING_CHOICE);
  const [teams, setTeams] = useState<TeamsChoice>(DEFAULT_TEAMS_CHOICE);
  const mainRef = useRef<HTMLElement>(null);

  const rawSession = useImportSession(bridge, () => void loadInfo());
  const session = useImportOutsideDemo(rawSession, workspace.leaveDemo);

  const goTo = useCallback((next: Tab) => {
    setTab(next);
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, []);

  const openCoaching = useCallback(
    (repId: number) => {
      setCoaching((c) => ({ ...c, view: 'rep', repId }));
      goTo('coaching');
    },
    [goTo],
  );

  const addFiles = session.addFiles;
  const dragging = useWindowFileDrop(
    useCallback(
      (files: File[]) => {
        addFiles(files);
        setTab('import');
      },
      [addFiles],
    ),
  );

  // The analysis settings of the open workspace: the Settings screen edits them, the Dashboard and
  // Rankings ask for their analysis with the edited draft, so every change shows at once.
  const settings = useAnalysisSettings(bridge, info ? `${info.isDemo ? 'demo' : 'user'}:${info.path}` : null);
  const wantsAnalysis = hasData && period !== null && settings.ready && ANALYSIS_TABS.includes(tab);
  const ranking = useAnalysis(bridge, 'rankings.get', period, settings.applied, revision, wantsAnalysis);
  const trend = useAnalysis(
    bridge,
    'rankings.trend',
    period,
    settings.applied,
    revision,
    wantsAnalysis && tab === 'dashboard',
  );
  const updateSettings = settings.update;
  const setPeerGroup = useCallback(
    (peerGroup: PeerGroupBy) => updateSettings((draft) => ({ ...draft, peerGroup })),
    [updateSettings],
  );

  const content = info ? (
    <TabScreen
      tab={tab}
      context={{
        host: bridge.host,
        info,
        workspace,
        settings,
        ranking,
        trend,
        session,
        dragging,
        coaching,
        setCoaching,
        teams,
        setTeams,
        setPeerGroup,
        goTo,
        openCoaching,
      }}
    />
  ) : (
    <WorkspaceLoading error={workspace.infoError} onRetry={() => void loadInfo()} />
  );

  const pendingFiles = rawSession.items.filter((it) => it.status !== 'imported').length;

  return (
    <I18nContext.Provider value={i18n}>
      <BridgeContext.Provider value={bridge}>
        <div className="app" data-host={bridge.host}>
          <a className="skip-link" href="#main">
            {t('nav.skip')}
          </a>
          <TopBar
            tab={tab}
            onGoTo={goTo}
            pendingFiles={pendingFiles}
            info={info}
            switching={workspace.switching}
            onOpenWorkspace={(w) => void openWorkspace(w)}
          />

          <main id="main" className="main" ref={mainRef} tabIndex={-1}>
            {info?.isDemo ? (
              <DemoBanner busy={workspace.switching} onLeave={() => void openWorkspace('user')} />
            ) : null}
            {workspace.actionError ? (
              <ErrorMessage
                error={workspace.actionError}
                onDismiss={workspace.dismissActionError}
                testId="action-error"
              />
            ) : null}
            {content}
          </main>

          <footer className="footer">
            <span>{t('app.localFirst')}</span>
            {info ? (
              <span className="footer__path">{t('workspace.storedAt', { path: info.path })}</span>
            ) : null}
          </footer>

          {dragging ? (
            <div className="drop-overlay" aria-hidden="true">
              <div className="drop-overlay__box">{t('import.dropOverlay')}</div>
            </div>
          ) : null}
        </div>
      </BridgeContext.Provider>
    </I18nContext.Provider>
  );
}
