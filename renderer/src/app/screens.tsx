import type { ReactNode } from 'react';
import type { HostBridge, RankingView, TrendView, WorkspaceInfo } from '../../../shared/api/contract';
import type { PeerGroupBy } from '../../../shared/analysis/settings';
import type { AnalysisScreenProps } from '../analysis/analysis-screen';
import type { SettingsState } from '../analysis/use-analysis-settings';
import type { AnalysisQuery } from '../analysis/use-latest-query';
import { CoachingScreen, type CoachingChoice } from '../features/coaching/CoachingScreen';
import { DashboardScreen } from '../features/dashboard/DashboardScreen';
import { HistoryScreen } from '../features/history/HistoryScreen';
import { ImportScreen } from '../features/import/ImportScreen';
import type { ImportSession } from '../features/import/use-import-session';
import { RankingsScreen } from '../features/rankings/RankingsScreen';
import { CurrencySetting } from '../features/settings/CurrencySetting';
import { ReportLogoSetting } from '../features/settings/ReportLogoSetting';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { StartScreen } from '../features/start/StartScreen';
import { TeamsScreen } from '../features/teams/TeamsScreen';
import type { TeamsChoice } from '../features/teams/use-team-plan';
import type { Tab } from './tabs';
import type { WorkspaceState } from './use-workspace';

/** All a screen may be given: the App's state and actions, built once a render. */
export interface ScreenContext {
  host: HostBridge['host'];
  info: WorkspaceInfo;
  workspace: WorkspaceState;
  settings: SettingsState;
  ranking: AnalysisQuery<RankingView>;
  trend: AnalysisQuery<TrendView>;
  session: ImportSession;
  dragging: boolean;
  coaching: CoachingChoice;
  setCoaching: (choice: CoachingChoice) => void;
  teams: TeamsChoice;
  setTeams: (choice: TeamsChoice) => void;
  setPeerGroup: (peerGroup: PeerGroupBy) => void;
  goTo: (tab: Tab) => void;
  /** Opens a rep's plan on the Coaching tab. */
  openCoaching: (repId: number) => void;
}

/**
 * How a tab shows: `any` screens show with or without data; `analysis` screens need a period of
 * data, and the Start screen stands in for them until there is one.
 */
type ScreenEntry =
  | { needs: 'any'; render: (c: ScreenContext) => ReactNode }
  | { needs: 'analysis'; render: (c: ScreenContext, a: AnalysisScreenProps) => ReactNode };

/** What a screen that asks the engine itself (Coaching, Teams) needs to ask as the others do. */
const askedWith = (c: ScreenContext) => ({
  settings: c.settings.applied,
  settingsReady: c.settings.ready,
  revision: c.workspace.revision,
});

/** The tab -> screen table. */
const SCREENS: Record<Tab, ScreenEntry> = {
  dashboard: {
    needs: 'analysis',
    render: (c, a) => <DashboardScreen {...a} trend={c.trend} onOpenRankings={() => c.goTo('rankings')} />,
  },
  rankings: {
    needs: 'analysis',
    render: (c, a) => <RankingsScreen {...a} onOpenCoaching={c.openCoaching} />,
  },
  coaching: {
    needs: 'analysis',
    render: (c, a) => (
      <CoachingScreen {...a} {...askedWith(c)} choice={c.coaching} onChoiceChange={c.setCoaching} />
    ),
  },
  teams: {
    needs: 'analysis',
    render: (c, a) => <TeamsScreen {...a} {...askedWith(c)} choice={c.teams} onChoiceChange={c.setTeams} />,
  },
  import: {
    needs: 'any',
    render: (c) => (
      <ImportScreen
        host={c.host}
        session={c.session}
        switchedFromDemo={c.workspace.switchedForImport}
        dragging={c.dragging}
        onGoToRankings={() => c.goTo('rankings')}
      />
    ),
  },
  history: { needs: 'any', render: (c) => <HistoryScreen revision={c.workspace.revision} /> },
  settings: {
    needs: 'any',
    render: (c) => (
      <>
        <SettingsScreen
          settings={c.settings}
          ranking={c.workspace.hasData ? c.ranking : null}
          period={c.workspace.hasData ? c.workspace.period : null}
          onOpenRankings={() => c.goTo('rankings')}
        />
        <div className="screen">
          <CurrencySetting info={c.info} onChanged={c.workspace.applyInfo} />
          <ReportLogoSetting info={c.info} onChanged={c.workspace.applyInfo} />
        </div>
      </>
    ),
  },
};

/** The screen of `tab`, or the Start screen where it needs data the workspace does not have. */
export function TabScreen({ tab, context: c }: { tab: Tab; context: ScreenContext }): ReactNode {
  const screen = SCREENS[tab];
  if (screen.needs === 'any') return screen.render(c);
  const { info, workspace } = c;
  if (!workspace.hasData || !workspace.period) {
    return (
      <StartScreen
        info={info}
        busy={workspace.switching}
        onOpenDemo={() => void workspace.openWorkspace('demo')}
        onImport={() => {
          if (info.isDemo) void workspace.openWorkspace('user');
          c.goTo('import');
        }}
      />
    );
  }
  return screen.render(c, {
    info,
    period: workspace.period,
    onPeriodChange: workspace.setPeriod,
    peerGroup: c.settings.draft?.peerGroup ?? null,
    onPeerGroupChange: c.setPeerGroup,
    ranking: c.ranking,
  });
}
