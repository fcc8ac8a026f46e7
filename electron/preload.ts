import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  API_METHODS,
  type ApiEvent,
  type ApiMethod,
  type ApiRequest,
  type ApiResponse,
  type StagedFile,
} from '../shared/api/contract';
import type { PreloadApi } from '../shared/api/preload-api';
import { err, type Result } from '../shared/result';

/**
 * The only bridge between the page and the app: one function per API method a page may call, each
 * sending to its own channel, `stageFile`, and an event subscription. The page never sees
 * ipcRenderer, and never names a path.
 */
function send<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<Result<ApiResponse<M>>> {
  return ipcRenderer.invoke(`qc:${method}`, request) as Promise<Result<ApiResponse<M>>>;
}

const methods = Object.freeze(
  Object.fromEntries(
    API_METHODS.map((method: ApiMethod) => [method, (request: never) => send(method, request)]),
  ),
) as PreloadApi['methods'];

/**
 * The path is read here, in the preload's isolated world, from the File object itself: only a
 * drop or the file picker gives a File a path, so the page's script can hand over what the user
 * chose but cannot name any other file. Main answers a one-time token for it and byte ranges to
 * prove it with, read here from the File (the browser process lets this renderer read only files
 * the user gave it), so main copies a path only when the renderer could read that file
 * (electron/stage-path.ts). The page sees neither path nor token, and the file's bytes beyond
 * that sample never pass through the page's memory.
 */
const stageFile: PreloadApi['stageFile'] = async (file) => {
  let path: string;
  try {
    path = webUtils.getPathForFile(file);
  } catch {
    return err('invalid_request', 'Invalid request: expected a File.');
  }
  if (path !== '') {
    const chosen = (await ipcRenderer.invoke('qc:import.choosePath', {
      path,
      fileName: file.name,
      size: file.size,
    })) as Result<{ token: string; ranges: [number, number][] }>;
    if (!chosen.ok) return chosen;
    let sample: Uint8Array;
    try {
      sample = await readSample(file, chosen.value.ranges);
    } catch (e) {
      return unreadable(file, e);
    }
    return ipcRenderer.invoke('qc:import.stagePath', {
      token: chosen.value.token,
      sample,
    }) as Promise<Result<StagedFile>>;
  }
  // Made in memory (no file on disk behind it): sent as bytes.
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    return unreadable(file, e);
  }
  return send('import.stage', { fileName: file.name, bytes });
};

async function readSample(file: File, ranges: [number, number][]): Promise<Uint8Array> {
  const parts = await Promise.all(
    ranges.map(async ([start, end]) => new Uint8Array(await file.slice(start, end).arrayBuffer())),
  );
  const sample = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    sample.set(part, at);
    at += part.byteLength;
  }
  return sample;
}

function unreadable(file: File, e: unknown): Result<never> {
  const detail = e instanceof Error ? e.message : String(e);
  return err('io_error', `"${file.name}" could not be read: ${detail}`, { file: file.name, detail });
}

/** A printed PDF saved where the user says: main resolves it by job and name and shows the dialog. */
const savePrintedFile: PreloadApi['savePrintedFile'] = (jobId, fileName) =>
  ipcRenderer.invoke('qc:reports.save', { jobId, fileName }) as Promise<Result<{ saved: boolean }>>;

/** Every PDF of a job into one folder: main checks each name with the engine and shows the folder dialog. */
const savePrintedFiles: PreloadApi['savePrintedFiles'] = (jobId, fileNames) =>
  ipcRenderer.invoke('qc:reports.saveAll', { jobId, fileNames }) as Promise<Result<{ saved: number }>>;

const api: PreloadApi = {
  methods,
  stageFile,
  savePrintedFile,
  savePrintedFiles,
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, payload: ApiEvent): void => listener(payload);
    ipcRenderer.on('qc:event', handler);
    return () => {
      ipcRenderer.removeListener('qc:event', handler);
    };
  },
};

contextBridge.exposeInMainWorld('quartile', api);
