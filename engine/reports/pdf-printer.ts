import type { FontSource } from './fonts';

/**
 * What prints a report's HTML to PDF. Two kinds: a headless Chromium through playwright-core
 * (engine/reports/chromium.ts: the CLI and the browser host) and the host's own printer
 * (HostPrinter: the desktop app prints with Electron's printToPDF in a hidden window, so it
 * needs no browser besides itself). The print job does not care which.
 */
export interface PdfPrinter {
  /** What prints, for the job's answer: a browser's path, or the host's name. */
  readonly name: string;
  /** How documents name the shipped font: `served` when the printer answers REPORT_FONT_ORIGIN. */
  readonly fonts: FontSource;
  print(html: string): Promise<PrintedPdf>;
  close(): Promise<void>;
}

/** One PDF's bytes and its number of pages. */
export interface PrintedPdf {
  bytes: Uint8Array;
  pages: number;
}

/** Pages of a PDF as Chromium writes it: one `/Type /Page` object each. */
export function countPdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/**
 * Run in the page before printing: every font face is loaded, not only awaited, because margin
 * boxes ask for their glyphs only when printed. A string, not a function: a bundler's helpers in
 * a function body do not exist in the page.
 */
export const FONTS_READY_SCRIPT =
  'Promise.all([...document.fonts].map((f) => f.load())).then(() => document.fonts.ready).then(() => true)';

/**
 * Work that must run one job at a time, in order (a printing page or window is never given the
 * next document while it prints); a failed job does not stop the ones after it.
 */
export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const job = this.tail.then(work);
    this.tail = job.catch(() => undefined);
    return job;
  }

  /** Resolves once every job queued so far has ended. */
  async idle(): Promise<void> {
    await this.tail;
  }
}

/** HTML to PDF bytes, done by the host (Electron's main process prints with printToPDF). */
export type HostPrint = (html: string) => Promise<Uint8Array>;

/**
 * The host's printer, seen from the engine: documents go to the host one at a time (the host
 * keeps one hidden window, which must not be given the next document while it prints).
 */
export class HostPrinter implements PdfPrinter {
  readonly fonts = 'served' as const;
  private readonly jobs = new OneAtATime();

  constructor(
    private readonly hostPrint: HostPrint,
    readonly name = 'Quartile Coach',
  ) {}

  print(html: string): Promise<PrintedPdf> {
    return this.jobs.run(async () => {
      const bytes = await this.hostPrint(html);
      return { bytes, pages: countPdfPages(bytes) };
    });
  }

  /** The host's window outlives a job; closing waits only for this job's documents. */
  async close(): Promise<void> {
    await this.jobs.idle();
  }
}
