import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiRequest, ApiResponse, HostBridge, PageMethod } from '../../../shared/api/contract';
import type { AppError } from '../../../shared/result';
import { stableKey } from '../util/stable-key';

type Answer<T> = { key: string; data: T | null; error: AppError | null };

export interface AnalysisQuery<T> {
  /** The newest answer, possibly for an older request while the next one runs (`loading`). */
  data: T | null;
  error: AppError | null;
  loading: boolean;
  retry: () => void;
}

/**
 * Asks the engine for a view and keeps the answer. At most one request is in flight: while it
 * runs, newer inputs (a weight being typed, a quick run through the rep picker) replace each
 * other and only the latest is sent when it returns, so the engine never queues stale work and
 * the screen follows the last edit. Earlier answers stay shown (dimmed) meanwhile.
 * `request` null: nothing to ask yet. `revision` asks again for the same request, e.g. after an
 * import or a saved note.
 */
export function useLatestQuery<M extends PageMethod>(
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
