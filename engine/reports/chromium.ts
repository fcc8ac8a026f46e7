import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { err, ok, type Result } from '../../shared/result';
import { REPORT_FONT_ORIGIN, reportFontFile } from './fonts';
import {
  countPdfPages,
  FONTS_READY_SCRIPT,
  OneAtATime,
  type PdfPrinter,
  type PrintedPdf,
} from './pdf-printer';

/**
 * Printing HTML to PDF with a Chromium already on the machine, through playwright-core (which
 * downloads no browser of its own): the system's Chromium, Chrome or Edge. The desktop app can
 * print the same HTML with its own window's printToPDF; the CLI and the browser host use this.
 */

/** What a failure says, on one line: the first line of an error's message (Playwright adds a log). */
export function errorDetail(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const end = e.message.indexOf('\n');
  return end < 0 ? e.message : e.message.slice(0, end);
}

/**
 * Where browsers live, most likely first. QC_CHROMIUM, when set, is the only one: whoever names a
 * browser means that one, and a wrong path should say so rather than print with another.
 */
export function browserCandidates(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (env.QC_CHROMIUM) return [env.QC_CHROMIUM];
  const list: string[] = [];
  if (platform === 'darwin') {
    list.push(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    );
  } else if (platform === 'win32') {
    for (const root of [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]) {
      if (!root) continue;
      list.push(
        join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
        join(root, 'Chromium', 'Application', 'chrome.exe'),
      );
    }
  } else {
    list.push(
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/usr/bin/microsoft-edge',
      '/snap/bin/chromium',
    );
  }
  return list;
}

/** The first browser that exists, or the `no_browser` error naming where we looked. */
export function findBrowser(
  candidates: readonly string[] = browserCandidates(),
  exists: (path: string) => boolean = existsSync,
): Result<string> {
  const found = candidates.find((p) => p !== '' && exists(p));
  if (found) return ok(found);
  return err(
    'no_browser',
    `No Chrome, Chromium or Edge found to print with (looked at ${candidates.join(', ')}); set QC_CHROMIUM to its path.`,
  );
}

/**
 * A headless browser that prints one document at a time: a page is opened, given the HTML,
 * waits for every font face to load (margin boxes only ask for glyphs when printed, so the
 * faces are loaded explicitly, not just awaited), is printed, and is closed only once its PDF
 * is in hand. Documents queue: a page is never closed, nor the browser, while one prints.
 */
export class ReportPrinter implements PdfPrinter {
  readonly fonts = 'served' as const;
  private browser: Browser | null = null;
  /** One page prints every document in turn: a new page per document costs more than the print. */
  private page: Page | null = null;
  private readonly jobs = new OneAtATime();

  private constructor(private readonly executablePath: string) {}

  static async launch(executablePath?: string): Promise<Result<ReportPrinter>> {
    const path = executablePath ? ok(executablePath) : findBrowser();
    if (!path.ok) return path;
    const printer = new ReportPrinter(path.value);
    try {
      const { chromium } = await import('playwright-core');
      printer.browser = await chromium.launch({
        executablePath: path.value,
        headless: true,
        // Root in CI and containers; the page is our own HTML with no network access to guard.
        args: ['--no-sandbox'],
      });
    } catch (e) {
      const detail = errorDetail(e);
      return err('print_failed', `Could not start ${path.value}: ${detail}`, { detail });
    }
    return ok(printer);
  }

  get name(): string {
    return this.executablePath;
  }

  print(html: string): Promise<PrintedPdf> {
    return this.jobs.run(() => this.printNow(html));
  }

  private async printNow(html: string): Promise<PrintedPdf> {
    if (!this.browser) throw new Error('the browser is closed');
    if (!this.page) {
      this.page = await this.browser.newPage();
      // The font slices a `served` document names; anything else under that origin is refused.
      await this.page.route(`${REPORT_FONT_ORIGIN}/**`, async (route) => {
        const file = reportFontFile(new URL(route.request().url()).pathname.slice(1));
        if (!file) return route.abort();
        await route.fulfill({
          status: 200,
          body: readFileSync(file),
          headers: {
            'Content-Type': 'font/woff2',
            // The document is about:blank, an opaque origin: fonts need CORS to be used.
            'Access-Control-Allow-Origin': '*',
            'Cache-Control': 'public, max-age=86400',
          },
        });
      });
    }
    const page = this.page;
    // Styles and charts are inline; fonts are data URLs or served above: nothing leaves the machine.
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(FONTS_READY_SCRIPT);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, format: 'A4' });
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    return { bytes, pages: countPdfPages(bytes) };
  }

  /** Closes the browser once every queued document has printed. */
  async close(): Promise<void> {
    await this.jobs.idle();
    const browser = this.browser;
    this.browser = null;
    this.page = null;
    await browser?.close();
  }
}
