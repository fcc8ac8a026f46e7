import { downloadUrl } from '../util/download';
import type {
  ApiEvent,
  ApiRequest,
  ApiResponse,
  HostBridge,
  PageMethod,
  StagedFile,
} from '../../../shared/api/contract';
import type { Result } from '../../../shared/result';
import { internalError } from './internal-error';

/**
 * The browser host protocol (web/server.ts):
 * - the page is opened at `/?token=<secret>`; the token is read once and removed from the address
 *   bar, and kept in this tab's sessionStorage so a reload keeps working (it dies with the tab,
 *   and a script able to read it could already call the API from the page anyway);
 * - each call is `POST /api/<method>` with header `X-QC-Token` and the JSON request as body, and
 *   answers with the JSON `Result`; `import.stage` sends the file itself instead (a File body
 *   streams from disk, never read into the tab's memory), with the file name in the query string,
 *   and the host streams it to disk;
 * - events arrive on `GET /api/events?token=<token>` (server-sent events, JSON `ApiEvent` data);
 * - a printed PDF is downloaded from `GET /api/reports.file?token=&jobId=&fileName=`, and a
 *   report's preview framed from `GET /api/reports.preview?token=&method=&request=<json>`.
 * Network failures come back as `internal` errors, never as exceptions.
 */

export const TOKEN_HEADER = 'X-QC-Token';

export interface WebBridgeEnvironment {
  location: Pick<Location, 'search' | 'pathname' | 'hash'>;
  history: Pick<History, 'replaceState' | 'state'>;
  fetch: typeof fetch;
  EventSource: typeof EventSource;
  /** Where the token survives a reload of this tab; absent in tests that do not need it. */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

const TOKEN_STORAGE_KEY = 'quartile-coach.token';

/** The token from the address (stored for reloads), or the one stored by an earlier load of this tab. */
export function resolveToken(
  env: Pick<WebBridgeEnvironment, 'location' | 'history' | 'storage'>,
): string | null {
  const fromUrl = takeTokenFromUrl(env);
  try {
    if (fromUrl !== null) {
      env.storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
      return fromUrl;
    }
    return env.storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be disabled; the token from the address still works until a reload.
    return fromUrl;
  }
}

/** Reads `token` from the query string and strips it (and only it) from the visible URL. */
export function takeTokenFromUrl(env: Pick<WebBridgeEnvironment, 'location' | 'history'>): string | null {
  const params = new URLSearchParams(env.location.search);
  const token = params.get('token');
  if (token === null) return null;
  params.delete('token');
  const query = params.toString();
  env.history.replaceState(
    env.history.state,
    '',
    `${env.location.pathname}${query ? `?${query}` : ''}${env.location.hash}`,
  );
  return token;
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; value?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  if (v.ok === false) {
    const e = v.error as { code?: unknown; message?: unknown } | undefined;
    return typeof e === 'object' && e !== null && typeof e.code === 'string' && typeof e.message === 'string';
  }
  return false;
}

function isApiEvent(value: unknown): value is ApiEvent {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** Between two downloads of one "save all": enough for a browser to start each. */
const DOWNLOAD_GAP_MS = 250;

/**
 * A plain download: the host resolves the job's file by name and streams it (GET, token in the
 * query as for the event stream, since a navigation sends no header).
 */
function download(token: string, jobId: string, fileName: string): void {
  const params = new URLSearchParams({ token, jobId, fileName });
  downloadUrl(`/api/reports.file?${params.toString()}`, fileName);
}

export function createWebBridge(env?: Partial<WebBridgeEnvironment>): HostBridge {
  const environment: WebBridgeEnvironment = {
    location: env?.location ?? window.location,
    history: env?.history ?? window.history,
    fetch: env?.fetch ?? window.fetch.bind(window),
    EventSource: env?.EventSource ?? window.EventSource,
    storage: env?.storage ?? window.sessionStorage,
  };
  const token = resolveToken(environment);

  const listeners = new Set<(event: ApiEvent) => void>();
  let source: EventSource | null = null;

  function openEvents(): void {
    if (source || token === null) return;
    source = new environment.EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      let event: unknown;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      if (!isApiEvent(event)) return;
      for (const listener of [...listeners]) listener(event);
    };
    // EventSource reconnects by itself after a network error; nothing to do here.
  }

  function closeEvents(): void {
    source?.close();
    source = null;
  }

  async function post(url: string, body: BodyInit, contentType: string): Promise<Result<unknown>> {
    if (token === null) {
      return internalError(
        new Error('this page was opened without its access token; open the address the app printed'),
      );
    }
    let response: Response;
    try {
      response = await environment.fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': contentType, [TOKEN_HEADER]: token },
        body,
        cache: 'no-store',
      });
    } catch (e) {
      return internalError(e instanceof Error ? new Error(`network error: ${e.message}`) : e);
    }
    let payload: unknown;
    try {
      payload = await response.json();
    } catch {
      return internalError(new Error(`HTTP ${response.status} ${response.statusText}`.trim()));
    }
    // The server answers errors as a Result too (whatever the HTTP status); anything else is broken.
    return isResult(payload)
      ? payload
      : internalError(new Error(`unexpected answer (HTTP ${response.status})`));
  }

  /** The raw file as the request body: a File (or a Blob over bytes) is sent as is. */
  async function postFile(fileName: string, body: Blob): Promise<Result<StagedFile>> {
    const url = `/api/import.stage?fileName=${encodeURIComponent(fileName)}`;
    return (await post(url, body, 'application/octet-stream')) as Result<StagedFile>;
  }

  return {
    host: 'web',
    async invoke<M extends PageMethod>(method: M, request: ApiRequest<M>): Promise<Result<ApiResponse<M>>> {
      try {
        if (method === 'import.stage') {
          const { fileName, bytes } = request as ApiRequest<'import.stage'>;
          // A Blob over the bytes: fetch sends it as is, without copying into a string.
          const body = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
          return await postFile(fileName, body);
        }
        const body = JSON.stringify(request ?? {});
        return (await post(`/api/${method}`, body, 'application/json')) as Result<ApiResponse<M>>;
      } catch (e) {
        return internalError(e);
      }
    },
    async stageFile(file: File): Promise<Result<StagedFile>> {
      try {
        // The File itself, not its bytes: the browser streams it from disk as the request body.
        return await postFile(file.name, file);
      } catch (e) {
        return internalError(e);
      }
    },
    savePrintedFile(jobId: string, fileName: string): Promise<Result<{ saved: boolean }>> {
      if (token === null)
        return Promise.resolve(internalError(new Error('this page was opened without its access token')));
      download(token, jobId, fileName);
      return Promise.resolve({ ok: true, value: { saved: true } });
    },
    async savePrintedFiles(jobId: string, fileNames: readonly string[]): Promise<Result<{ saved: number }>> {
      if (token === null) return internalError(new Error('this page was opened without its access token'));
      // One download each, a moment apart: browsers drop downloads started in the same instant
      // (Chromium asks once whether the page may download several files).
      for (const [i, fileName] of fileNames.entries()) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, DOWNLOAD_GAP_MS));
        download(token, jobId, fileName);
      }
      return { ok: true, value: { saved: fileNames.length } };
    },
    reportPreviewUrl(method, request): string | null {
      if (token === null) return null;
      const params = new URLSearchParams({ token, method, request: JSON.stringify(request) });
      return `/api/reports.preview?${params.toString()}`;
    },
    onEvent(listener: (event: ApiEvent) => void): () => void {
      listeners.add(listener);
      openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) closeEvents();
      };
    },
  };
}
