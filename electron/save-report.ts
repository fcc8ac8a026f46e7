import { copyFile } from 'node:fs/promises';
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
