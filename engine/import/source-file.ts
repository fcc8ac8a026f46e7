import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { MAX_IMPORT_FILE_BYTES } from '../../shared/api/contract';
import { err, ok, type Result } from '../../shared/result';

/** `4 GB`, `512 MB`: the limit as a person reads it, in either language. */
export function formatFileSize(bytes: number): string {
  const gb = bytes / 1024 ** 3;
  if (gb >= 1) return `${Number(gb.toFixed(1))} GB`;
  return `${Number((bytes / 1024 ** 2).toFixed(1))} MB`;
}

export function fileTooLarge<T>(fileName: string, maxBytes: number): Result<T> {
  const max = formatFileSize(maxBytes);
  return err('file_too_large', `"${fileName}" is larger than ${max}, the largest file the app imports.`, {
    file: fileName,
    max,
  });
}

/**
 * Checks a path a host wants staged: absolute for this operating system, an existing regular
 * file (not a folder, device, socket or pipe; a symbolic link counts as what it points to), and
 * within the size limit. Electron's main process checks before forwarding a path, and the engine
 * again before copying it.
 */
export async function checkSourceFile(
  path: string,
  fileName: string,
  maxBytes = MAX_IMPORT_FILE_BYTES,
): Promise<Result<{ size: number }>> {
  if (!isAbsolute(path))
    return err('invalid_request', `Invalid request: "${path}" is not an absolute path.`, { detail: path });
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return err('not_found', `"${fileName}" was not found at ${path}.`, { file: fileName });
    return err('io_error', `"${fileName}" could not be read: ${code}`, { file: fileName, detail: code });
  }
  if (!info.isFile()) {
    const what = info.isDirectory() ? 'a folder' : 'not a regular file';
    return err('not_a_file', `"${fileName}" is ${what}, not a file the app can import.`, { file: fileName });
  }
  if (info.size > maxBytes) return fileTooLarge(fileName, maxBytes);
  return ok({ size: info.size });
}
