import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiResponse, HostBridge } from '../../../shared/api/contract';
import type { AnalysisSettings } from '../../../shared/analysis/settings';
import type { AppError } from '../../../shared/result';
import { stableKey } from '../util/stable-key';

type AnalysisMethod = 'rankings.get' | 'rankings.trend';

export interface AnalysisQuery<T> {
  /** The newest answer, possibly for an older request while the next one runs (`loading`). */
  data: T | null;
  error: AppError | null;
  loading: boolean;
  retry: () => void;
}

type Answer<T> = { key: string; data: T | null; error: AppError | null };

/**
 * Asks the engine for an analysis of `period` with `settings` and keeps the answer.
 * At most one request is in flight: while it runs, newer inputs (a weight being typed) replace
 * each other and only the latest is sent when it returns, so the engine never queues stale work
 * and the screen follows the last edit. Earlier answers stay shown (dimmed) meanwhile.
 */
export function useAnalysis<M extends AnalysisMethod>(
  bridge: HostBridge,
  method: M,
  period: string | null,
  settings: AnalysisSettings | null,
  revision: number,
  enabled: boolean,
): AnalysisQuery<ApiResponse<M>> {
  const [answer, setAnswer] = useState<Answer<ApiResponse<M>> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const key =
    period === null ? null : `${period}#${revision}#${attempt}#${settings ? stableKey(settings) : ''}`;

  const inFlight = useRef(false);
  const wanted = useRef<{ key: string; period: string; settings: AnalysisSettings | null } | null>(null);
  const sentKey = useRef<string | null>(null);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const pump = useCallback(() => {
    const run = (): void => {
      const next = wanted.current;
      if (inFlight.current || !next || next.key === sentKey.current) return;
      inFlight.current = true;
      sentKey.current = next.key;
      const request = next.settings
        ? { period: next.period, settings: next.settings }
        : { period: next.period };
      void bridge.invoke(method, request).then((result) => {
        inFlight.current = false;
        if (!live.current) return;
        // An error answers its own request only: the last good data stays shown under it.
        setAnswer((previous) =>
          result.ok
            ? { key: next.key, data: result.value, error: null }
            : { key: next.key, data: previous?.data ?? null, error: result.error },
        );
        run();
      });
    };
    run();
  }, [bridge, method]);

  useEffect(() => {
    if (!enabled || key === null || period === null) return;
    wanted.current = { key, period, settings };
    pump();
    // `settings` is part of `key`; the object itself changes with every render of the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, key, pump]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const current = answer?.key === key;
  return {
    data: answer?.data ?? null,
    error: current ? (answer?.error ?? null) : null,
    loading: enabled && key !== null && !current,
    retry,
  };
}
