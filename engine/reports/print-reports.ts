import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrintedFile, PrintedReports, ReportHtml, ReportPrintRequest } from '../../shared/api/contract';
import type { RankingRow } from '../../shared/api/contract';
import { err, ok, type Result } from '../../shared/result';
import { translate } from '../../shared/i18n/translate';
import {
  directorTitle,
  dossierTitle,
  renderDirector,
  renderDossier,
  reportDocument,
} from '../../reports/render-report';
import type { DirectorData, DossierData, ReportPart } from '../../reports/types';
import { errorDetail, ReportPrinter } from './chromium';
import type { PdfPrinter } from './pdf-printer';
import { reportFontCss, type FontSource } from './fonts';
import { printableRows, type ReportSource } from './report-data';

/**
 * Report HTML and PDFs, engine side: the pure documents (reports/) with the shipped font's
 * slices inlined, printed one after another in one headless browser.
 */

/** Every character a document prints, margin boxes included (they are not in the body). */
function fontText(parts: readonly ReportPart[], extra: string): string {
  return parts.map((p) => `${p.body}${p.header.left}${p.header.right}`).join('') + extra;
}

/** A whole HTML document of the parts, with the font slices their text needs. */
export function documentHtml(
  parts: readonly ReportPart[],
  locale: DossierData['context']['locale'],
  title: string,
  fonts: FontSource = 'inline',
): string {
  // The page numbers' words and digits are in the margin boxes only.
  const numbers = `${translate(locale, 'report.page', { page: '0123456789', pages: '' })}`;
  return reportDocument(parts, {
    locale,
    title,
    headCss: reportFontCss(fontText(parts, numbers + title), fonts),
  });
}

/**
 * A file name from a rep's name: what the file systems of all three platforms accept (no path
 * separators, reserved characters, control characters or trailing dots), Chinese kept.
 */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  const base = cleaned.length === 0 ? fallback : cleaned.slice(0, 120);
  // Windows' reserved device names cannot be file names, whatever the extension.
  return /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base) ? `${base}_` : base;
}

export function dossierHtml(data: DossierData): ReportHtml {
  const title = dossierTitle(data);
  return {
    title,
    fileName: `${safeFileName(data.coaching.rep.name, `rep-${data.coaching.rep.repId}`)}.pdf`,
    html: documentHtml([renderDossier(data)], data.context.locale, title),
  };
}

export const DIRECTOR_FILE = 'director-report.pdf';
export const COMBINED_FILE = 'all-dossiers.pdf';

export function directorHtml(data: DirectorData): ReportHtml {
  const title = directorTitle(data);
  return {
    title,
    fileName: DIRECTOR_FILE,
    html: documentHtml([renderDirector(data)], data.context.locale, title),
  };
}

export interface PrintJobOptions {
  request: ReportPrintRequest;
  source: ReportSource;
  /** Runs work that reads the workspace, in the engine's one-at-a-time queue. */
  gather: <T>(work: () => Promise<T>) => Promise<T>;
  outDir: string;
  onProgress: (done: number, total: number, fileName: string | null) => void;
  isCancelled: () => boolean;
  /**
   * What prints: a browser already started (tests, the bench) or the host's printer (the desktop
   * app). Without one, a browser is started for the job and closed after.
   */
  printer?: PdfPrinter;
}

const hasData = (r: RankingRow): boolean =>
  r.unrankedReason !== 'no_data_in_period' && r.unrankedReason !== 'joined_after_period';

/**
 * The reps whose dossiers a request asks for, in print order. An unknown id is `not_found`; a
 * rep without data in the period, or a period nobody has data in, is `nothing_to_print`: a
 * dossier of empty tables (or a report on nobody) is not something to hand anyone.
 */
export function dossierRows(request: ReportPrintRequest, source: ReportSource): Result<RankingRow[]> {
  const view = source.view;
  const period = view.period.id;
  if (!view.rows.some(hasData))
    return err('nothing_to_print', `No rep has data in ${period}.`, { why: `no rep has data in ${period}` });
  const rows: RankingRow[] = request.allReps ? printableRows(view, request.team) : [];
  const seen = new Set(rows.map((r) => r.repId));
  for (const id of request.repIds ?? []) {
    const row = view.rows.find((r) => r.repId === id);
    if (!row) return err('not_found', `No rep ${id} in ${period}.`, { repId: id });
    if (!hasData(row))
      return err('nothing_to_print', `${row.rep} has no data in ${period}.`, {
        why: `${row.rep} has no data in ${period}`,
      });
    if (!seen.has(id)) rows.push(row);
    seen.add(id);
  }
  return ok(rows);
}

/**
 * Prints the job's documents into `outDir`: each dossier, then the combined dossiers, then the
 * director's report. Between two documents the cancel flag is read; a cancelled or failed job
 * removes the files it wrote, so a folder never holds half a batch that looks whole.
 */
export async function printReports(options: PrintJobOptions): Promise<Result<PrintedReports>> {
  const { request, source, gather, outDir } = options;
  // The browser starts while the ranking is built: a second process, so the two overlap.
  const launching: Promise<Result<PdfPrinter>> | null = options.printer ? null : ReportPrinter.launch();
  const abandon = async <T>(result: Result<T>): Promise<Result<T>> => {
    const launched = await launching;
    if (launched?.ok) await launched.value.close();
    return result;
  };
  const rows = await gather(() => Promise.resolve(dossierRows(request, source)));
  if (!rows.ok) return abandon(rows);
  if (rows.value.length === 0 && !request.director) {
    const why = `nobody${request.team ? ` in team ${request.team}` : ''} has data in ${source.period.id}`;
    return abandon(err('nothing_to_print', `Nothing to print: ${why}.`, { why }));
  }
  const combined = request.combined === true && rows.value.length > 1;
  const total = rows.value.length + (combined ? 1 : 0) + (request.director ? 1 : 0);

  let printer = options.printer ?? null;
  if (!printer) {
    const launched = await launching!;
    if (!launched.ok) return launched;
    printer = launched.value;
  }
  const written: string[] = [];
  const files: PrintedFile[] = [];
  const usedNames = new Set<string>();
  const uniqueName = (name: string): string => {
    let candidate = name;
    for (let n = 2; usedNames.has(candidate.toLowerCase()); n++)
      candidate = name.replace(/\.pdf$/, ` (${n}).pdf`);
    usedNames.add(candidate.toLowerCase());
    return candidate;
  };
  // The fixed names first, so a rep called "director-report" gets the suffix, not the report.
  if (request.director) usedNames.add(DIRECTOR_FILE);
  if (combined) usedNames.add(COMBINED_FILE);

  const write = async (
    html: string,
    fileName: string,
    kind: PrintedFile['kind'],
    repId: number | null,
  ): Promise<void> => {
    const pdf = await printer.print(html);
    const path = join(outDir, fileName);
    writeFileSync(path, pdf.bytes);
    written.push(path);
    files.push({ fileName, kind, repId, pages: pdf.pages, sizeBytes: pdf.bytes.byteLength });
    options.onProgress(files.length, total, fileName);
  };

  const cancelled = (): Result<never> =>
    err('cancelled', 'Printing was cancelled; the files printed so far were removed.');
  // One document prints while the next is gathered and laid out: Chromium and this thread work
  // side by side. The print in flight is always awaited before anything is removed or closed.
  let pending: Promise<void> | null = null;
  const settle = async (): Promise<void> => {
    const current = pending;
    pending = null;
    await current;
  };
  const stop = async <T>(result: Result<T>): Promise<Result<T>> => {
    await settle().catch(() => undefined);
    return cleanup(written, result);
  };
  try {
    mkdirSync(outDir, { recursive: true });
    options.onProgress(0, total, null);
    const parts: ReportPart[] = [];
    let locale = request.lang;
    let title = '';
    for (const [i, row] of rows.value.entries()) {
      if (options.isCancelled()) return await stop(cancelled());
      const data = await gather(() => Promise.resolve(source.dossier(row.repId)));
      if (!data.ok) return await stop(data);
      const part = renderDossier(data.value);
      locale = data.value.context.locale;
      title = translate(locale, 'report.dossier.title');
      if (combined) parts.push({ ...part, pageName: `dossier-${i + 1}` });
      const name = uniqueName(`${safeFileName(row.rep, `rep-${row.repId}`)}.pdf`);
      const html = documentHtml([part], locale, dossierTitle(data.value), printer.fonts);
      await settle();
      pending = write(html, name, 'dossier', row.repId);
    }
    if (combined) {
      if (options.isCancelled()) return await stop(cancelled());
      const html = documentHtml(parts, locale, title, printer.fonts);
      await settle();
      pending = write(html, COMBINED_FILE, 'dossiers', null);
    }
    if (request.director) {
      if (options.isCancelled()) return await stop(cancelled());
      const data = await gather(() => source.director(request.anonymise === true));
      if (!data.ok) return await stop(data);
      const html = documentHtml(
        [renderDirector(data.value)],
        locale,
        directorTitle(data.value),
        printer.fonts,
      );
      await settle();
      pending = write(html, DIRECTOR_FILE, 'director', null);
    }
    await settle();
    return ok({ jobId: request.jobId, files, browser: printer.name });
  } catch (e) {
    const detail = errorDetail(e);
    return await stop(err('print_failed', `Printing failed: ${detail}`, { detail }));
  } finally {
    if (!options.printer) await printer.close();
  }
}

function cleanup<T>(paths: readonly string[], result: Result<T>): Result<T> {
  for (const path of paths) rmSync(path, { force: true });
  return result;
}
