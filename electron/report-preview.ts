import { reportPreview, REPORT_PREVIEW_HEADERS, type CallEngine } from '../web/report-routes';
import { APP_HOST, APP_SCHEME } from './app-protocol';

/** Where the desktop page frames a report's preview: `app://quartile/report-preview?method=&request=`. */
export const REPORT_PREVIEW_PATH = '/report-preview';

/**
 * The preview of a report in the desktop app, on the app's own scheme so the page's
 * `frame-src 'self'` allows it: the engine's HTML under the preview's own policy (inline styles,
 * data: fonts, no script, sandboxed), as the browser host serves it. null: not a preview address.
 */
export async function serveReportPreviewRequest(
  request: { url: string; method?: string },
  call: CallEngine,
): Promise<Response | null> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.pathname !== REPORT_PREVIEW_PATH)
    return null;
  if ((request.method ?? 'GET').toUpperCase() !== 'GET') return new Response(null, { status: 405 });
  const preview = await reportPreview(call, url.searchParams);
  if (!('html' in preview))
    return new Response(preview.reason, {
      status: preview.status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  return new Response(preview.html, { status: 200, headers: { ...REPORT_PREVIEW_HEADERS } });
}
