import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostBridge } from '../../../shared/api/contract';
import {
  defaultAnalysisSettings,
  parseAnalysisSettings,
  type AnalysisSettings,
} from '../../../shared/analysis/settings';
import type { AppError } from '../../../shared/result';
import { stableKey } from '../util/stable-key';

/**
 * The director's analysis settings as the Settings screen edits them.
 * - `draft` is what the form shows; numbers the user is still typing may be NaN.
 * - `applied` is the last draft that passed parseAnalysisSettings: the Dashboard and Rankings
 *   requests send it, so an edit shows on screen at once, before it is saved.
 * - Valid drafts are saved with `settings.save` after a short pause (SAVE_DELAY_MS).
 */

export type SaveState = 'loading' | 'saved' | 'pending' | 'saving' | 'invalid' | 'error';

export interface SettingsState {
  draft: AnalysisSettings | null;
  applied: AnalysisSettings | null;
  /** False until `settings.get` answered (or failed: the requests then go without settings). */
  ready: boolean;
  saveState: SaveState;
  saveError: AppError | null;
  loadError: AppError | null;
  update: (change: (draft: AnalysisSettings) => AnalysisSettings) => void;
  reset: () => void;
  retry: () => void;
}

export const SAVE_DELAY_MS = 500;

export function useAnalysisSettings(bridge: HostBridge, workspaceKey: string | null): SettingsState {
  const [draft, setDraft] = useState<AnalysisSettings | null>(null);
  const [applied, setApplied] = useState<AnalysisSettings | null>(null);
  const [saved, setSaved] = useState<AnalysisSettings | null>(null);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  // The draft the next edit starts from, so rapid edits (typing) never start from a stale render.
  const draftRef = useRef<AnalysisSettings | null>(null);

  useEffect(() => {
    if (workspaceKey === null) return;
    let live = true;
    const gen = ++generation.current;
    void bridge.invoke('settings.get', {}).then((result) => {
      if (!live || gen !== generation.current) return;
      if (result.ok) {
        draftRef.current = result.value;
        setDraft(result.value);
        setApplied(result.value);
        setSaved(result.value);
        setLoadError(null);
      } else {
        setLoadError(result.error);
      }
      setInvalid(false);
      setSaveError(null);
      setLoadedFor(workspaceKey);
    });
    return () => {
      live = false;
    };
  }, [bridge, workspaceKey, attempt]);

  const update = useCallback((change: (draft: AnalysisSettings) => AnalysisSettings) => {
    const next = change(draftRef.current ?? defaultAnalysisSettings());
    draftRef.current = next;
    const parsed = parseAnalysisSettings(next);
    setDraft(next);
    if (parsed.ok) setApplied(parsed.value);
    setInvalid(!parsed.ok);
  }, []);

  const reset = useCallback(() => update(() => defaultAnalysisSettings()), [update]);

  const appliedKey = applied ? stableKey(applied) : null;
  const savedKey = saved ? stableKey(saved) : null;
  const ready = loadedFor !== null && loadedFor === workspaceKey;
  const dirty = ready && applied !== null && appliedKey !== savedKey;

  // Save the applied settings once the user pauses; a newer edit restarts the wait.
  useEffect(() => {
    if (!dirty || saving || saveError || !applied) return;
    const gen = generation.current;
    const timer = setTimeout(() => {
      setSaving(true);
      void bridge.invoke('settings.save', { settings: applied }).then((result) => {
        setSaving(false);
        if (gen !== generation.current) return;
        if (result.ok) setSaved(result.value);
        else setSaveError(result.error);
      });
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [bridge, dirty, saving, saveError, applied, appliedKey]);

  const retry = useCallback(() => {
    if (loadError) setAttempt((n) => n + 1);
    setSaveError(null);
  }, [loadError]);

  let saveState: SaveState;
  if (!ready) saveState = 'loading';
  else if (saveError) saveState = 'error';
  else if (invalid) saveState = 'invalid';
  else if (saving) saveState = 'saving';
  else if (dirty) saveState = 'pending';
  else saveState = 'saved';

  return {
    draft: ready ? draft : null,
    applied: ready ? applied : null,
    ready,
    saveState,
    saveError,
    loadError: ready ? loadError : null,
    update,
    reset,
    retry,
  };
}
