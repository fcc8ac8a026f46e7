import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiRequest, ApiResponse, HostBridge } from '../../../shared/api/contract';
import type { AppError } from '../../../shared/result';
import { stableKey } from '../util/stable-key';
import type { AnalysisQuery } from './use-analysis';

type CoachingMethod = 'coaching.team' | 'coaching.rep';

type Answer<T> = { key: string; data: T | null; error: AppError | null };

/**
 * Asks the engine for a coaching view and keeps the answer, with the same discipline as
 * useAnalysis: one request in flight, only the newest inputs are sent when it returns (settings
 * typed in the Settings screen or a quick run through the rep picker never queue stale work), and
 * the previous answer stays shown, dimmed, while the next one runs.
 * `request` null: nothing to ask yet (no period, no rep chosen). `revision` asks again for the
 * same request, e.g. after a note or a plan was saved.
 */
export function useCoaching<M extends CoachingMethod>(
  bridge: HostBridge,
  method: M,
  request: ApiRequest<M> | null,
  revision: number,
  enabled: boolean,
): AnalysisQuery<ApiResponse<M>> {
  const [answer, setAnswer] = useState<Answer<ApiResponse<M>> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const key = request === null ? null : `${revision}#${attempt}#${stableKey(request)}`;

  const inFlight = useRef(false);
  const wanted = useRef<{ key: string; request: ApiRequest<M> } | null>(null);
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
      void bridge.invoke(method, next.request).then((result) => {
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
    if (!enabled || key === null || request === null) return;
    wanted.current = { key, request };
    pump();
    // `request` is part of `key`; the object itself is rebuilt with every render.
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
