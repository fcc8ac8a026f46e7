import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HostBridge, WorkspaceInfo } from '../../shared/api/contract';
import type { Locale } from '../../shared/i18n/locale';
import { translate } from '../../shared/i18n/translate';
import type { AppError } from '../../shared/result';
import { BridgeContext } from './api/bridge-context';
import { CurrencySetting } from './components/CurrencySetting';
import { ReportLogoSetting } from './components/settings/ReportLogoSetting';
import { ErrorMessage } from './components/ErrorMessage';
import { LanguageSwitch } from './components/LanguageSwitch';
import { WorkspaceIndicator } from './components/WorkspaceIndicator';
import { I18nContext, makeI18n } from './i18n/i18n';
import { initialLocale, rememberLocale } from './i18n/locale-storage';
import type { PeerGroupBy } from '../../shared/analysis/settings';
import { CoachingScreen, DEFAULT_COACHING_CHOICE, type CoachingChoice } from './screens/CoachingScreen';
import { DashboardScreen } from './screens/DashboardScreen';
import { HistoryScreen } from './screens/HistoryScreen';
import { ImportScreen } from './screens/ImportScreen';
import { RankingsScreen } from './screens/RankingsScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { StartScreen } from './screens/StartScreen';
import { TeamsScreen } from './screens/TeamsScreen';
import { useAnalysis } from './state/use-analysis';
import { useAnalysisSettings } from './state/use-analysis-settings';
import { useImportSession } from './state/use-import-session';
import { DEFAULT_TEAMS_CHOICE, type TeamsChoice } from './state/use-team-plan';
import { useWindowFileDrop } from './state/use-window-file-drop';

type Tab = 'dashboard' | 'rankings' | 'coaching' | 'teams' | 'import' | 'history' | 'settings';

const TABS: {
  id: Tab;
  key:
    | 'nav.dashboard'
    | 'nav.rankings'
    | 'coaching.nav'
    | 'teams.nav'
    | 'nav.import'
    | 'nav.history'
    | 'nav.settings';
  icon: string;
}[] = [
  { id: 'dashboard', key: 'nav.dashboard', icon: 'M4 4h7v7H4zM13 4h7v4h-7zM13 10h7v10h-7zM4 13h7v7H4z' },
  { id: 'rankings', key: 'nav.rankings', icon: 'M4 20V10m6 10V4m6 16v-7m4 7H2' },
  {
    id: 'coaching',
    key: 'coaching.nav',
    icon: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM12 12h.01',
  },
  {
    id: 'teams',
    key: 'teams.nav',
    // Three people: one in front, two behind.
    icon: 'M12 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM6 19v-1a6 6 0 0 1 12 0v1M5 11a2.2 2.2 0 1 0 0-4.4M19 11a2.2 2.2 0 1 1 0-4.4M2 17v-.5a3.5 3.5 0 0 1 3-3.4M22 17v-.5a3.5 3.5 0 0 0-3-3.4',
  },
  { id: 'import', key: 'nav.import', icon: 'M12 3v12m0 0-4.5-4.5M12 15l4.5-4.5M4 17v3h16v-3' },
  { id: 'history', key: 'nav.history', icon: 'M12 7v5l3 2M3.5 12a8.5 8.5 0 1 0 2.5-6M3 3v4h4' },
  {
    id: 'settings',
    key: 'nav.settings',
    icon: 'M4 6h10m4 0h2M4 12h4m4 0h8M4 18h12m4 0h0M16 4v4M10 10v4M18 16v4',
  },
];

/** Tabs that show an analysis of the period (and so fetch one). */
const ANALYSIS_TABS: readonly Tab[] = ['dashboard', 'rankings', 'coaching', 'teams', 'settings'];

function isKnownPeriod(info: WorkspaceInfo, id: string): boolean {
  const p = info.periods;
  return p.year.includes(id) || p.quarter.includes(id) || p.month.includes(id) || id.includes('..');
}

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

  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [infoError, setInfoError] = useState<AppError | null>(null);
  const [actionError, setActionError] = useState<AppError | null>(null);
  const [revision, setRevision] = useState(0);
  const [switching, setSwitching] = useState(false);
  const [tab, setTab] = useState<Tab>('dashboard');
  const [chosenPeriod, setChosenPeriod] = useState<string | null>(null);
  const [coaching, setCoaching] = useState<CoachingChoice>(DEFAULT_COACHING_CHOICE);
  const [teams, setTeams] = useState<TeamsChoice>(DEFAULT_TEAMS_CHOICE);
  const mainRef = useRef<HTMLElement>(null);

  const applyInfo = useCallback((next: WorkspaceInfo) => {
    setInfo(next);
    setInfoError(null);
    setRevision((n) => n + 1);
  }, []);

  const loadInfo = useCallback(async () => {
    const result = await bridge.invoke('workspace.info', {});
    if (result.ok) applyInfo(result.value);
    else setInfoError(result.error);
  }, [bridge, applyInfo]);

  useEffect(() => {
    let live = true;
    void bridge.invoke('workspace.info', {}).then((result) => {
      if (!live) return;
      if (result.ok) applyInfo(result.value);
      else setInfoError(result.error);
    });
    return () => {
      live = false;
    };
  }, [bridge, applyInfo]);

  useEffect(
    () =>
      bridge.onEvent((event) => {
        if (event.type === 'workspace.changed') void loadInfo();
      }),
    [bridge, loadInfo],
  );

  const rawSession = useImportSession(bridge, () => void loadInfo());

  /** The demo was open when files were added for import, so the user's workspace was opened. */
  const [switchedForImport, setSwitchedForImport] = useState(false);

  const openWorkspace = useCallback(
    async (which: 'demo' | 'user') => {
      // Said once, for the switch just made: opening a workspace by hand starts afresh.
      setSwitchedForImport(false);
      setSwitching(true);
      setActionError(null);
      const result = await bridge.invoke(which === 'demo' ? 'workspace.openDemo' : 'workspace.openUser', {});
      setSwitching(false);
      if (!result.ok) {
        setActionError(result.error);
        return;
      }
      setChosenPeriod(null);
      applyInfo(result.value);
    },
    [bridge, applyInfo],
  );

  // Imports never go into the demo (issue #12): with the demo open, adding or importing a file
  // first opens the user's workspace, and the Import screen says so. The engine refuses an
  // import into the demo as a backstop.
  const infoRef = useRef(info);
  useEffect(() => {
    infoRef.current = info;
  });
  const leaveDemo = useCallback(async (): Promise<void> => {
    if (!infoRef.current?.isDemo) return;
    await openWorkspace('user');
    setSwitchedForImport(true);
  }, [openWorkspace]);
  const session = useMemo(
    () => ({
      ...rawSession,
      addFiles: (files: readonly File[]) => {
        void leaveDemo().then(() => rawSession.addFiles(files));
      },
      run: async (key: string) => {
        await leaveDemo();
        return rawSession.run(key);
      },
      runAll: async () => {
        await leaveDemo();
        await rawSession.runAll();
      },
    }),
    [rawSession, leaveDemo],
  );

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

  const period =
    info && chosenPeriod && isKnownPeriod(info, chosenPeriod)
      ? chosenPeriod
      : (info?.defaultPeriod ?? info?.periods.year[0] ?? null);
  const hasData = (info?.counts.deals ?? 0) > 0 || (info?.counts.activities ?? 0) > 0;

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

  let content: React.ReactNode;
  if (!info) {
    content = infoError ? (
      <div className="screen">
        <h1 className="screen__title">{t('app.loadFailed')}</h1>
        <ErrorMessage error={infoError} onRetry={() => void loadInfo()} testId="workspace-error" />
      </div>
    ) : (
      <div className="screen screen--center" role="status">
        <span className="spinner spinner--large" aria-hidden="true" />
        <p>{t('app.loading')}</p>
      </div>
    );
  } else if (tab === 'import') {
    content = (
      <ImportScreen
        host={bridge.host}
        session={session}
        switchedFromDemo={switchedForImport}
        dragging={dragging}
        onGoToRankings={() => goTo('rankings')}
      />
    );
  } else if (tab === 'history') {
    content = <HistoryScreen revision={revision} />;
  } else if (tab === 'settings') {
    content = (
      <>
        <SettingsScreen
          settings={settings}
          ranking={hasData ? ranking : null}
          period={hasData ? period : null}
          onOpenRankings={() => goTo('rankings')}
        />
        <div className="screen">
          <CurrencySetting info={info} onChanged={applyInfo} />
          <ReportLogoSetting info={info} onChanged={applyInfo} />
        </div>
      </>
    );
  } else if (!hasData || !period) {
    content = (
      <StartScreen
        info={info}
        busy={switching}
        onOpenDemo={() => void openWorkspace('demo')}
        onImport={() => {
          if (info.isDemo) void openWorkspace('user');
          goTo('import');
        }}
      />
    );
  } else if (tab === 'dashboard') {
    content = (
      <DashboardScreen
        info={info}
        period={period}
        onPeriodChange={setChosenPeriod}
        peerGroup={settings.draft?.peerGroup ?? null}
        onPeerGroupChange={setPeerGroup}
        ranking={ranking}
        trend={trend}
        onOpenRankings={() => goTo('rankings')}
      />
    );
  } else if (tab === 'coaching') {
    content = (
      <CoachingScreen
        info={info}
        period={period}
        onPeriodChange={setChosenPeriod}
        peerGroup={settings.draft?.peerGroup ?? null}
        onPeerGroupChange={setPeerGroup}
        ranking={ranking}
        settings={settings.applied}
        settingsReady={settings.ready}
        revision={revision}
        choice={coaching}
        onChoiceChange={setCoaching}
      />
    );
  } else if (tab === 'teams') {
    content = (
      <TeamsScreen
        info={info}
        period={period}
        onPeriodChange={setChosenPeriod}
        peerGroup={settings.draft?.peerGroup ?? null}
        onPeerGroupChange={setPeerGroup}
        ranking={ranking}
        settings={settings.applied}
        settingsReady={settings.ready}
        revision={revision}
        choice={teams}
        onChoiceChange={setTeams}
      />
    );
  } else {
    content = (
      <RankingsScreen
        info={info}
        period={period}
        onPeriodChange={setChosenPeriod}
        peerGroup={settings.draft?.peerGroup ?? null}
        onPeerGroupChange={setPeerGroup}
        ranking={ranking}
        onOpenCoaching={openCoaching}
      />
    );
  }

  const pendingFiles = rawSession.items.filter((it) => it.status !== 'imported').length;

  return (
    <I18nContext.Provider value={i18n}>
      <BridgeContext.Provider value={bridge}>
        <div className="app" data-host={bridge.host}>
          <a className="skip-link" href="#main">
            {t('nav.skip')}
          </a>
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
                  onClick={() => goTo(item.id)}
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
              <WorkspaceIndicator info={info} busy={switching} onOpen={(w) => void openWorkspace(w)} />
              <LanguageSwitch />
            </div>
          </header>

          <main id="main" className="main" ref={mainRef} tabIndex={-1}>
            {info?.isDemo ? (
              <div className="demo-banner" data-testid="demo-banner">
                <span>{t('workspace.demoBanner')}</span>
                <button
                  type="button"
                  className="button button--small"
                  disabled={switching}
                  onClick={() => void openWorkspace('user')}
                >
                  {t('workspace.backToMine')}
                </button>
              </div>
            ) : null}
            {actionError ? (
              <ErrorMessage
                error={actionError}
                onDismiss={() => setActionError(null)}
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
