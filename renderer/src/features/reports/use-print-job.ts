import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostBridge, PrintedFile, ReportPrintRequest } from '../../../../shared/api/contract';
import type { AppError, Result } from '../../../../shared/result';
import { newId } from '../../util/uuid';

/** A print job as the panel shows it. */
export type PrintJobState =
  | { phase: 'idle' }
  | { phase: 'printing'; jobId: string; done: number; total: number; cancelling: boolean }
  | { phase: 'done'; jobId: string; files: PrintedFile[] }
  | { phase: 'cancelled' }
  | { phase: 'failed'; error: AppError };

export interface PrintJob {
  state: PrintJobState;
  /** Starts a job (a new id); ignored while one is printing. */
  start: (request: Omit<ReportPrintRequest, 'jobId'>) => void;
  cancel: () => void;
  /** Hands the user one file of the finished job (a download, or a save dialog). */
  save: (fileName: string) => Promise<AppError | null>;
  /** Every file of the finished job at once (a folder dialog, or one download each); how many. */
  saveAll: () => Promise<Result<{ saved: number }> | null>;
  reset: () => void;
}

/**
 * One print job at a time: `reports.print` with a fresh id, its `reports.progress` events, and
 * `reports.cancel`; once printed, the files are offered through the host (`savePrintedFile`).
 */
export function usePrintJob(bridge: HostBridge): PrintJob {
  const [state, setState] = useState<PrintJobState>({ phase: 'idle' });
  const current = useRef<string | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // A job still printing when the panel goes away is stopped: nobody is left to save it.
      if (current.current !== null) void bridge.invoke('reports.cancel', { jobId: current.current });
    };
  }, [bridge]);

  const start = useCallback(
    (request: Omit<ReportPrintRequest, 'jobId'>) => {
      if (current.current !== null) return;
      const jobId = newId();
      current.current = jobId;
      setState({ phase: 'printing', jobId, done: 0, total: 0, cancelling: false });
      const off = bridge.onEvent((event) => {
        if (event.type !== 'reports.progress' || event.jobId !== jobId || !mounted.current) return;
        setState((s) =>
          s.phase === 'printing' && s.jobId === jobId ? { ...s, done: event.done, total: event.total } : s,
        );
      });
      void bridge.invoke('reports.print', { ...request, jobId }).then((result) => {
        off();
        if (current.current === jobId) current.current = null;
        if (!mounted.current) return;
        if (result.ok) setState({ phase: 'done', jobId, files: result.value.files });
        else if (result.error.code === 'cancelled') setState({ phase: 'cancelled' });
        else setState({ phase: 'failed', error: result.error });
      });
    },
    [bridge],
  );

  const cancel = useCallback(() => {
    const jobId = current.current;
    if (jobId === null) return;
    setState((s) => (s.phase === 'printing' ? { ...s, cancelling: true } : s));
    void bridge.invoke('reports.cancel', { jobId });
  }, [bridge]);

  const jobId = state.phase === 'done' ? state.jobId : null;
  const save = useCallback(
    async (fileName: string): Promise<AppError | null> => {
      if (jobId === null) return null;
      const result = await bridge.savePrintedFile(jobId, fileName);
      return result.ok ? null : result.error;
    },
    [bridge, jobId],
  );

  const files = state.phase === 'done' ? state.files : null;
  const saveAll = useCallback(async (): Promise<Result<{ saved: number }> | null> => {
    if (jobId === null || files === null) return null;
    return bridge.savePrintedFiles(
      jobId,
      files.map((f) => f.fileName),
    );
  }, [bridge, jobId, files]);

  const reset = useCallback(() => {
    if (current.current === null) setState({ phase: 'idle' });
  }, []);

  return { state, start, cancel, save, saveAll, reset };
}
