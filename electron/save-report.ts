import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateRequest } from '../shared/api/validate';
import { err, ok, type Result } from '../shared/result';

/** What saving a printed PDF needs from main: the engine's answer, a save dialog, a copy. */
export interface SaveReportDeps {
  /** `reports.printedFile`: the path of a job's file by its name, or not_found. */
  printedFile: (request: { jobId: string; fileName: string }) => Promise<Result<{ path: string }>>;
  /** The save dialog, opened on the file's name; null when the user cancels it. */
  askWhere: (fileName: string) => Promise<string | null>;
  copy?: (from: string, to: string) => Promise<void>;
}

/**
 * `qc:reports.save` (the preload's `savePrintedFile`): the page names a job and a file name, the
 * engine maps them to the file it printed, the user names where it goes. No path crosses from
 * the page; a name the job did not print is the engine's not_found.
 */
export async function savePrintedReport(
  payload: unknown,
  deps: SaveReportDeps,
): Promise<Result<{ saved: boolean }>> {
  const request = validateRequest('reports.printedFile', payload);
  if (!request.ok) return request;
  const file = await deps.printedFile(request.value);
  if (!file.ok) return file;
  const target = await deps.askWhere(request.value.fileName);
  if (target === null || target === '') return ok({ saved: false });
  try {
    await (deps.copy ?? copyFile)(file.value.path, target);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return err('io_error', `The report could not be saved: ${detail}`, { detail });
  }
  return ok({ saved: true });
}

/** What saving every PDF of a job into one folder needs from main. */
export interface SaveReportsDeps {
  printedFile: SaveReportDeps['printedFile'];
  /** The folder dialog; null when the user cancels it. */
  askFolder: () => Promise<string | null>;
  exists: (path: string) => boolean;
  copy?: (from: string, to: string) => Promise<void>;
}

const MAX_FILES = 1000;

/** `Ann Lee.pdf`, else `Ann Lee (2).pdf`, …: a file already in the folder is never overwritten. */
export function freeName(dir: string, fileName: string, exists: (path: string) => boolean): string {
  let candidate = fileName;
  for (let n = 2; exists(join(dir, candidate)); n++) candidate = fileName.replace(/(\.pdf)?$/i, ` (${n})$1`);
  return candidate;
}

/**
 * `qc:reports.saveAll` (the preload's `savePrintedFiles`): every PDF a print-all job printed, into
 * one folder the user picks. Each name is checked with the engine first (a name the job did not
 * print is not_found and nothing is copied); the page names no path.
 */
export async function savePrintedReports(
  payload: unknown,
  deps: SaveReportsDeps,
): Promise<Result<{ saved: number }>> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    return err('invalid_request', 'Invalid request: expected { jobId, fileNames }.');
  const { jobId, fileNames, ...rest } = payload as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !Array.isArray(fileNames) || fileNames.length === 0)
    return err('invalid_request', 'Invalid request: expected { jobId, fileNames }.');
  if (fileNames.length > MAX_FILES) return err('invalid_request', 'Invalid request: too many files.');
  const paths: { fileName: string; path: string }[] = [];
  for (const fileName of new Set<unknown>(fileNames)) {
    const request = validateRequest('reports.printedFile', { jobId, fileName });
    if (!request.ok) return request;
    const file = await deps.printedFile(request.value);
    if (!file.ok) return file;
    paths.push({ fileName: request.value.fileName, path: file.value.path });
  }
  const dir = await deps.askFolder();
  if (dir === null || dir === '') return ok({ saved: 0 });
  let saved = 0;
  try {
    for (const { fileName, path } of paths) {
      await (deps.copy ?? copyFile)(path, join(dir, freeName(dir, fileName, deps.exists)));
      saved++;
    }
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return err('io_error', `${saved} of ${paths.length} reports were saved: ${detail}`, { detail });
  }
  return ok({ saved });
}
