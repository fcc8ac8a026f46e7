import type {
  ApiEvent,
  ApiRequest,
  ApiResponse,
  HostBridge,
  PageMethod,
  StagedFile,
} from '../../../shared/api/contract';
import type { PreloadApi } from '../../../shared/api/preload-api';
import type { Result } from '../../../shared/result';
import { internalError } from './internal-error';

/** Adapts what Electron's preload puts on `window.quartile` to the renderer's HostBridge. */
export function createElectronBridge(api: PreloadApi): HostBridge {
  return {
    host: 'electron',
    async invoke<M extends PageMethod>(method: M, request: ApiRequest<M>): Promise<Result<ApiResponse<M>>> {
      const call = api.methods[method] as
        ((request: ApiRequest<M>) => Promise<Result<ApiResponse<M>>>) | undefined;
      if (typeof call !== 'function') {
        return { ok: false, error: { code: 'unknown_method', message: `Unknown method ${method}` } };
      }
      try {
        return await call(request);
      } catch (e) {
        // IPC rejects on a serialisation failure or a closed window; the contract says: data, not throws.
        return internalError(e);
      }
    },
    async stageFile(file: File): Promise<Result<StagedFile>> {
      try {
        // By its path, which the page never sees: the preload reads it from the File, main gives it a
        // one-time token and copies the file once the preload proves it can read it.
        return await api.stageFile(file);
      } catch (e) {
        return internalError(e);
      }
    },
    async savePrintedFile(jobId: string, fileName: string): Promise<Result<{ saved: boolean }>> {
      try {
        // Main shows the save dialog and copies the job's file; the page never sees a path.
        return await api.savePrintedFile(jobId, fileName);
      } catch (e) {
        return internalError(e);
      }
    },
    async savePrintedFiles(jobId: string, fileNames: readonly string[]): Promise<Result<{ saved: number }>> {
      try {
        // Main shows a folder dialog and copies each of the job's files there.
        return await api.savePrintedFiles(jobId, [...fileNames]);
      } catch (e) {
        return internalError(e);
      }
    },
    reportPreviewUrl(method, request): string | null {
      // Served by main on the app's own scheme (electron/report-preview.ts), which the page's
      // `frame-src 'self'` allows once the page itself is app://quartile (not under the dev server).
      const params = new URLSearchParams({ method, request: JSON.stringify(request) });
      return `app://quartile/report-preview?${params.toString()}`;
    },
    onEvent(listener: (event: ApiEvent) => void): () => void {
      return api.onEvent(listener);
    },
  };
}
