import { describe, expect, it } from 'vitest';
import { REPORT_FONT_ORIGIN } from '../../engine/reports/fonts';
import {
  isPrintRequestAllowed,
  PRINT_PAGE_CSP,
  PRINT_PAGE_ORIGIN,
  printPageResponse,
  printPageUrl,
} from '../../electron/print-page';

/**
 * What the desktop app's hidden print window may load (electron/print-page.ts): the document now
 * printing, at its own address only while it prints, and the shipped font's slices; nothing else.
 */
const current = { url: printPageUrl(3), html: '<!doctype html><p>Dossier</p>' };

describe('the print window’s session', () => {
  it('serves the document printing now, under the print page policy, never cached', async () => {
    const r = await printPageResponse({ url: current.url }, current);
    expect(r.status).toBe(200);
    expect(await r.text()).toBe(current.html);
    expect(r.headers.get('content-security-policy')).toBe(PRINT_PAGE_CSP);
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('serves no other document address, nor any once printing is done', async () => {
    expect((await printPageResponse({ url: printPageUrl(2) }, current)).status).toBe(404);
    expect((await printPageResponse({ url: current.url }, null)).status).toBe(404);
    expect((await printPageResponse({ url: `${current.url}?x=1` }, current)).status).toBe(404);
  });

  it('serves the font’s slices by name, and nothing else from the font folder', async () => {
    const css = (await import('../../engine/reports/fonts')).reportFontCss('Ab', 'served');
    const slice = /report-fonts\.invalid\/([\w.-]+\.woff2)/.exec(css)![1]!;
    const font = await printPageResponse({ url: `${REPORT_FONT_ORIGIN}/${slice}` }, null);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect((await font.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    for (const name of ['../package.json', '%2e%2e/400.css', '400.css', 'x.woff2'])
      expect((await printPageResponse({ url: `${REPORT_FONT_ORIGIN}/${name}` }, null)).status).toBe(404);
  });

  it('refuses other origins and other methods', async () => {
    expect((await printPageResponse({ url: 'http://example.com/' }, current)).status).toBe(403);
    expect((await printPageResponse({ url: 'http://127.0.0.1:8080/' }, current)).status).toBe(403);
    expect((await printPageResponse({ url: current.url, method: 'POST' }, current)).status).toBe(405);
  });

  it('lets only its own addresses and data URLs out of the session', () => {
    expect(isPrintRequestAllowed(current.url)).toBe(true);
    expect(isPrintRequestAllowed(`${REPORT_FONT_ORIGIN}/a.woff2`)).toBe(true);
    expect(isPrintRequestAllowed('data:image/png;base64,AAAA')).toBe(true);
    for (const url of [
      'https://example.com/',
      'file:///etc/passwd',
      'app://quartile/index.html',
      'ws://x',
      'nonsense',
    ])
      expect(isPrintRequestAllowed(url), url).toBe(false);
    expect(PRINT_PAGE_ORIGIN.endsWith('.invalid')).toBe(true);
  });

  it('runs no script element: the policy has no inline or external script source', () => {
    expect(PRINT_PAGE_CSP).toContain("default-src 'none'");
    expect(PRINT_PAGE_CSP).not.toMatch(/script-src[^;]*('unsafe-inline'|'self'|http)/);
  });
});
