import type { ApiEvent, ApiRequest, ApiResponse, PageMethod, StagedFile } from './contract';
import type { Result } from '../result';

/**
 * Exactly what the Electron preload puts on `window.quartile`: one function per API method a page
 * may call, `stageFile` and an event subscription. No generic send, no ipcRenderer, no function
 * that takes a path: nothing else reaches the page.
 */
export type PreloadApi = {
  readonly methods: {
    readonly [M in PageMethod]: (request: ApiRequest<M>) => Promise<Result<ApiResponse<M>>>;
  };
  /**
   * Stages a File the user dropped or picked by its path on disk, which the preload reads from the
   * File itself (`webUtils.getPathForFile`) and the page never sees or supplies. Main answers a
   * one-time token for that path and byte ranges to prove it with; the preload reads them from the
   * File and sends them with the token, and main copies the path only when they match the file on
   * disk (`import.stagePath`, electron/stage-path.ts). A File made in memory has no path: its
   * bytes are sent (`import.stage`).
   */
  readonly stageFile: (file: File) => Promise<Result<StagedFile>>;
  readonly onEvent: (listener: (event: ApiEvent) => void) => () => void;
  /**
   * Saves a PDF of a `reports.print` job where the user says in a save dialog: main resolves the
   * file by job and name (`reports.printedFile`) and copies it; the page names no path.
   */
  readonly savePrintedFile: (jobId: string, fileName: string) => Promise<Result<{ saved: boolean }>>;
  /**
   * Saves every named PDF of a job into one folder the user picks (a print-all job's dozens of
   * files in one step); a file already there is kept and the new one numbered. 0 when cancelled.
   */
  readonly savePrintedFiles: (jobId: string, fileNames: string[]) => Promise<Result<{ saved: number }>>;
};

declare global {
  interface Window {
    quartile?: PreloadApi;
  }
}
