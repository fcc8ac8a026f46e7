import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { validateRequest } from '../shared/api/validate';
import type { Result } from '../shared/result';

/** What the report routes need of the engine: a validated call. */
export type CallEngine = (method: string, request: unknown) => Promise<Result<unknown>>;

/**
 * The policy of a report preview document: its own inline styles, data: fonts and images, no
 * script, no request, and sandboxed (an opaque origin) even when opened on its own. The app's
 * page allows frames only from itself (`frame-src 'self'`); srcdoc, blob: and data: frames would
 * inherit the page's policy, which refuses inline styles (docs/decisions.md, "Printed reports").
 */
export const REPORT_PREVIEW_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox";

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/** `attachment` with an ASCII fallback name and the real one (UTF-8, RFC 6266 / 5987). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * `GET /api/reports.file?jobId=&fileName=` (token checked by the caller): a PDF a page's print
 * job made, resolved by the engine from the job and the name it printed (`reports.printedFile`),
 * streamed as a download. The page never names a path.
 */
export async function serveReportFile(call: CallEngine, url: URL, res: ServerResponse): Promise<void> {
  const request = validateRequest('reports.printedFile', {
    jobId: url.searchParams.get('jobId') ?? '',
    fileName: url.searchParams.get('fileName') ?? '',
  });
  if (!request.ok) return plain(res, 400, request.error.message);
  const file = await call('reports.printedFile', request.value);
  if (!file.ok) return plain(res, 404, file.error.message);
  const path = (file.value as { path: string }).path;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return plain(res, 404, 'not found');
  }
  res.writeHead(200, {
    'Content-Type': 'application/pdf',
    'Content-Length': String(size),
    'Content-Disposition': attachmentDisposition(request.value.fileName),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  await new Promise<void>((done) => {
    const stream = createReadStream(path);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', done);
    stream.pipe(res);
  });
}

const PREVIEW_METHODS = new Set(['reports.dossier', 'reports.director']);

/**
 * The HTML of a preview request (`method=reports.dossier|reports.director&request=<json>`),
 * exactly as the method answers it, or the HTTP status and reason it is refused with. Shared by
 * the browser host's route and the desktop app's `app://quartile/report-preview`.
 */
export async function reportPreview(
  call: CallEngine,
  params: URLSearchParams,
): Promise<{ html: string } | { status: number; reason: string }> {
  const method = params.get('method') ?? '';
  if (!PREVIEW_METHODS.has(method)) return { status: 400, reason: 'unknown report' };
  let payload: unknown;
  try {
    payload = JSON.parse(params.get('request') ?? '');
  } catch {
    return { status: 400, reason: 'The request is not JSON.' };
  }
  const request = validateRequest(method as 'reports.dossier' | 'reports.director', payload);
  if (!request.ok) return { status: 400, reason: request.error.message };
  const report = await call(method, request.value);
  if (!report.ok) return { status: 404, reason: report.error.message };
  return { html: (report.value as { html: string }).html };
}

/** The headers a preview document is served with. */
export const REPORT_PREVIEW_HEADERS = Object.freeze({
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': REPORT_PREVIEW_POLICY,
});

/**
 * `GET /api/reports.preview?method=&request=` (token checked by the caller): the report's HTML
 * for a sandboxed frame, under REPORT_PREVIEW_POLICY.
 */
export async function serveReportPreview(call: CallEngine, url: URL, res: ServerResponse): Promise<void> {
  const preview = await reportPreview(call, url.searchParams);
  if (!('html' in preview)) return plain(res, preview.status, preview.reason);
  res.writeHead(200, REPORT_PREVIEW_HEADERS);
  res.end(preview.html);
}
