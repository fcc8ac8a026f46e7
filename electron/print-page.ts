import { readFile } from 'node:fs/promises';
import { REPORT_FONT_ORIGIN, reportFontFile } from '../engine/reports/fonts';

/**
 * What the desktop app's hidden print window may load, as plain functions so they are tested
 * without Electron (test/unit/electron-print-page.test.ts). The window lives in its own in-memory
 * session whose `http:` requests all come here: the document being printed, under an origin
 * that never resolves, and the shipped font's slices under REPORT_FONT_ORIGIN, as the CLI's
 * browser serves them (engine/reports/chromium.ts). Anything else is refused, so nothing a
 * report holds can reach the network or the disk.
 */

export const PRINT_PARTITION = 'qc-print';
export const PRINT_PAGE_ORIGIN = 'http://report-page.invalid';

/**
 * The printed document's policy: its own inline styles, the served font and data-URL images (the
 * logo). No script element runs; main's one evaluation (waiting for the fonts) is allowed as eval,
 * in case the embedder's script is held to the page's policy.
 */
export const PRINT_PAGE_CSP = `default-src 'none'; style-src 'unsafe-inline'; font-src ${REPORT_FONT_ORIGIN} data:; img-src data:; script-src 'unsafe-eval'; base-uri 'none'; form-action 'none'`;

/** printToPDF's options: A4 by the page's own @page rules, backgrounds (band colours) printed. */
export const PRINT_TO_PDF_OPTIONS = Object.freeze({
  pageSize: 'A4' as const,
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: false,
});

/** The page's address for the n-th document (a new address each time: nothing is reused from cache). */
export const printPageUrl = (n: number): string => `${PRINT_PAGE_ORIGIN}/report-${n}.html`;

/** Whether the print window's session lets a request go out at all (webRequest filter). */
export function isPrintRequestAllowed(url: string): boolean {
  if (url.startsWith('data:')) return true;
  try {
    const u = new URL(url);
    return u.origin === PRINT_PAGE_ORIGIN || u.origin === REPORT_FONT_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * The answer to one of the print session's requests. `current`: the document now printing and
 * its address; every other page address is 404 (a document is served only while it prints).
 */
export async function printPageResponse(
  request: { url: string; method?: string },
  current: { url: string; html: string } | null,
): Promise<Response> {
  if ((request.method ?? 'GET').toUpperCase() !== 'GET') return new Response(null, { status: 405 });
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return new Response(null, { status: 400 });
  }
  if (url.origin === PRINT_PAGE_ORIGIN) {
    if (!current || url.href !== current.url) return new Response(null, { status: 404 });
    return new Response(current.html, {
      status: 200,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': PRINT_PAGE_CSP,
        'Cache-Control': 'no-store',
      },
    });
  }
  if (url.origin === REPORT_FONT_ORIGIN) {
    const file = reportFontFile(url.pathname.slice(1));
    if (!file) return new Response(null, { status: 404 });
    return new Response(new Uint8Array(await readFile(file)), {
      status: 200,
      headers: {
        'Content-Type': 'font/woff2',
        'Access-Control-Allow-Origin': PRINT_PAGE_ORIGIN,
        'Cache-Control': 'public, max-age=86400',
      },
    });
  }
  return new Response(null, { status: 403 });
}
