import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { documentHtml } from '../../engine/reports/print-reports';
import { findBrowser } from '../../engine/reports/chromium';
import { REPORT_FONT_ORIGIN } from '../../engine/reports/fonts';
import { PRINT_PAGE_CSP, PRINT_PAGE_ORIGIN, PRINT_PARTITION } from '../../electron/print-page';
import { fonts, isA4, pageSizes, text } from './poppler';

/**
 * The desktop app's printing (electron/print-window.ts) under Node. Electron's binary cannot run
 * here, so `electron` is a stand-in whose window is a real headless Chromium page (Debian's, as
 * the CLI prints with): the stand-in's session hands every request to the handler the printer
 * registers and applies its request filter, loadURL navigates, executeJavaScript evaluates,
 * printToPDF prints with the options given. What is checked is the printer's own part: the
 * session it sets up, what it serves, the fonts it waits for, the order of documents, and PDFs
 * that poppler reads as A4 with the shipped font embedded.
 */
const stand = vi.hoisted(() => ({
  browser: null as Browser | null,
  partitions: [] as string[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  filter: null as ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null,
  pdfOptions: [] as unknown[],
  loaded: [] as string[],
  evaluated: [] as string[],
  destroyed: 0,
  blocked: [] as string[],
  served: [] as string[],
}));

vi.mock('electron', () => {
  const ses = {
    protocol: {
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        stand.handlers.set(scheme, handler),
    },
    webRequest: {
      onBeforeRequest: (f: NonNullable<typeof stand.filter>) => {
        stand.filter = f;
      },
    },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
  };
  class BrowserWindow {
    private page: Page | null = null;
    private destroyedFlag = false;
    constructor(options: { webPreferences: { partition: string } }) {
      stand.partitions.push(options.webPreferences.partition);
    }
    private async ensurePage(): Promise<Page> {
      if (this.page) return this.page;
      const page = await stand.browser!.newPage();
      await page.route('**/*', async (route) => {
        const url = route.request().url();
        const cancel = await new Promise<boolean>((r) => stand.filter!({ url }, (x) => r(x.cancel)));
        if (cancel) {
          stand.blocked.push(url);
          return route.abort();
        }
        stand.served.push(url);
        const handler = stand.handlers.get(new URL(url).protocol.slice(0, -1));
        if (!handler) return route.abort();
        const response = await handler(new Request(url, { method: route.request().method() }));
        await route.fulfill({
          status: response.status,
          headers: Object.fromEntries(response.headers.entries()),
          body: Buffer.from(await response.arrayBuffer()),
        });
      });
      this.page = page;
      return page;
    }
    webContents = {
      setWindowOpenHandler: vi.fn(),
      on: vi.fn(),
      loadURL: async (url: string) => {
        stand.loaded.push(url);
        await (await this.ensurePage()).goto(url, { waitUntil: 'load' });
      },
      executeJavaScript: async (code: string) => {
        stand.evaluated.push(code);
        return (await this.ensurePage()).evaluate(code);
      },
      printToPDF: async (options: {
        pageSize: 'A4';
        printBackground: boolean;
        preferCSSPageSize: boolean;
      }) => {
        stand.pdfOptions.push(options);
        return (await this.ensurePage()).pdf({
          format: options.pageSize,
          printBackground: options.printBackground,
          preferCSSPageSize: options.preferCSSPageSize,
        });
      },
    };
    isDestroyed = () => this.destroyedFlag;
    destroy = () => {
      this.destroyedFlag = true;
      stand.destroyed++;
      void this.page?.close();
    };
  }
  return { BrowserWindow, session: { fromPartition: () => ses } };
});

const { ElectronPdfPrinter } = await import('../../electron/print-window');
const dir = mkdtempSync(join(tmpdir(), 'qc-electron-print-'));

beforeAll(async () => {
  const path = findBrowser();
  if (!path.ok) throw new Error(path.error.message);
  const { chromium } = await import('playwright-core');
  stand.browser = await chromium.launch({
    executablePath: path.value,
    headless: true,
    args: ['--no-sandbox'],
  });
}, 60_000);

afterAll(async () => {
  await stand.browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const part = (body: string) => ({
  pageName: 'doc',
  body,
  header: { left: 'Northwind · 测试', right: 'right' },
});

describe('printing in the desktop app (Electron stand-in)', () => {
  it('prints documents one after another, in its own session, with the served font embedded', async () => {
    const printer = new ElectronPdfPrinter();
    const english = documentHtml(
      [part('<h1>Coaching dossier</h1><p>Ana Souza</p>')],
      'en',
      'Dossier',
      'served',
    );
    const chinese = documentHtml([part('<h1>辅导档案</h1><p>王芳 目标</p>')], 'zh-CN', '辅导档案', 'served');
    expect(english).toContain(REPORT_FONT_ORIGIN);
    // Both asked at once: the second waits for the first, in the one window.
    const [a, b] = await Promise.all([printer.print(english), printer.print(chinese)]);
    expect(stand.partitions).toEqual([PRINT_PARTITION]);
    expect(stand.loaded).toEqual([
      `${PRINT_PAGE_ORIGIN}/report-1.html`,
      `${PRINT_PAGE_ORIGIN}/report-2.html`,
    ]);
    expect(stand.evaluated).toHaveLength(2);
    expect(stand.pdfOptions[0]).toMatchObject({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
    for (const [name, bytes, words] of [
      ['en.pdf', a, 'Ana Souza'],
      ['zh.pdf', b, '王芳'],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      expect(isA4(pageSizes(file)[0]!, 'portrait')).toBe(true);
      expect(text(file)).toContain(words);
      const used = fonts(file);
      expect(used.length).toBeGreaterThan(0);
      for (const font of used)
        expect([font.name.includes('NotoSansSC'), font.embedded, font.type]).toEqual([
          true,
          true,
          'CID TrueType',
        ]);
    }
    await printer.close();
    expect(stand.destroyed).toBe(1);
  }, 60_000);

  it('lets nothing else out: only the page and the font slices are fetched', async () => {
    const printer = new ElectronPdfPrinter();
    stand.served.length = 0;
    const html = documentHtml(
      [part('<p>x</p><img src="https://example.com/track.png"><img src="http://example.com/a.png">')],
      'en',
      'x',
      'served',
    );
    const pdf = await printer.print(html);
    expect(pdf.byteLength).toBeGreaterThan(0);
    expect(stand.served.length).toBeGreaterThan(1);
    for (const url of stand.served)
      expect(url.startsWith(PRINT_PAGE_ORIGIN) || url.startsWith(REPORT_FONT_ORIGIN), url).toBe(true);
    await printer.close();
  }, 60_000);

  it('serves the document under the print page policy: no script element runs', async () => {
    const printer = new ElectronPdfPrinter();
    const pdf = await printer.print(
      documentHtml(
        [part(`<p id="p">before</p><script>document.getElementById('p').textContent='after'</script>`)],
        'en',
        'x',
        'served',
      ),
    );
    writeFileSync(join(dir, 'script.pdf'), pdf);
    expect(text(join(dir, 'script.pdf'))).toContain('before');
    expect(text(join(dir, 'script.pdf'))).not.toContain('after');
    expect(PRINT_PAGE_CSP).toContain("default-src 'none'");
    await printer.close();
  }, 60_000);
});
