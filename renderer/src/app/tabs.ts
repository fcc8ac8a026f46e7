/** The app's tabs, in the order the navigation shows them. */
export type Tab = 'dashboard' | 'rankings' | 'coaching' | 'teams' | 'import' | 'history' | 'settings';

export interface TabItem {
  id: Tab;
  key:
    | 'nav.dashboard'
    | 'nav.rankings'
    | 'coaching.nav'
    | 'teams.nav'
    | 'nav.import'
    | 'nav.history'
    | 'nav.settings';
  /** The icon's SVG path (24 x 24, stroked). */
  icon: string;
}

export const TABS: readonly TabItem[] = [
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
export const ANALYSIS_TABS: readonly Tab[] = ['dashboard', 'rankings', 'coaching', 'teams', 'settings'];
