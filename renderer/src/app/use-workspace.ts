import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HostBridge, WorkspaceInfo } from '../../../shared/api/contract';
import type { AppError } from '../../../shared/result';
import type { ImportSession } from '../features/import/use-import-session';

export interface WorkspaceState {
  /** The open workspace, null until `workspace.info` answered. */
  info: WorkspaceInfo | null;
  /** `workspace.info` failed: the app shows it with a retry. */
  infoError: AppError | null;
  /** Opening a workspace failed. */
  actionError: AppError | null;
  dismissActionError: () => void;
  /** Counts every new workspace info (an import, a switch, a setting): analyses ask again. */
  revision: number;
  /** A workspace is being opened. */
  switching: boolean;
  /** The period the screens show: the one chosen, while the workspace knows it, else its default. */
  period: string | null;
  setPeriod: (period: string) => void;
  /** The workspace has deals or activities to analyse. */
  hasData: boolean;
  loadInfo: () => Promise<void>;
  applyInfo: (next: WorkspaceInfo) => void;
  openWorkspace: (which: 'demo' | 'user') => Promise<void>;
  /** Opens the user's workspace when the demo is open (before an import). */
  leaveDemo: () => Promise<void>;
  /** The demo was open when files were added for import, so the user's workspace was opened. */
  switchedForImport: boolean;
}

function isKnownPeriod(info: WorkspaceInfo, id: string): boolean {
  const p = info.periods;
  return p.year.includes(id) || p.quarter.includes(id) || p.month.includes(id) || id.includes('..');
}

/** The open workspace: its info (kept fresh on `workspace.changed`), switching, the chosen period. */
export function useWorkspace(bridge: HostBridge): WorkspaceState {
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [infoError, setInfoError] = useState<AppError | null>(null);
  const [actionError, setActionError] = useState<AppError | null>(null);
  const [revision, setRevision] = useState(0);
  const [switching, setSwitching] = useState(false);
  const [chosenPeriod, setChosenPeriod] = useState<string | null>(null);
  const [switchedForImport, setSwitchedForImport] = useState(false);

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

  const dismissActionError = useCallback(() => setActionError(null), []);

  const period =
    info && chosenPeriod && isKnownPeriod(info, chosenPeriod)
      ? chosenPeriod
      : (info?.defaultPeriod ?? info?.periods.year[0] ?? null);
  const hasData = (info?.counts.deals ?? 0) > 0 || (info?.counts.activities ?? 0) > 0;

  return {
    info,
    infoError,
    actionError,
    dismissActionError,
    revision,
    switching,
    period,
    setPeriod: setChosenPeriod,
    hasData,
    loadInfo,
    applyInfo,
    openWorkspace,
    leaveDemo,
    switchedForImport,
  };
}

/** The import session, leaving the demo first: a file added or imported goes to the user's workspace. */
export function useImportOutsideDemo(session: ImportSession, leaveDemo: () => Promise<void>): ImportSession {
  return useMemo(
    () => ({
      ...session,
      addFiles: (files: readonly File[]) => {
        void leaveDemo().then(() => session.addFiles(files));
      },
      run: async (key: string) => {
        await leaveDemo();
        return session.run(key);
      },
      runAll: async () => {
        await leaveDemo();
        await session.runAll();
      },
    }),
    [session, leaveDemo],
  );
}
