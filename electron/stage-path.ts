import type { ApiRequest } from '../shared/api/contract';
import { validateRequest } from '../shared/api/validate';
import type { Result } from '../shared/result';
import { checkSourceFile } from '../engine/import/source-file';

/**
 * `import.stagePath` in the main process. The path comes from the preload, which read it from a
 * File the user dropped or picked; but nothing from a renderer is trusted, so the payload is
 * validated like any other (an absolute path, string lengths) and the path checked on disk (a
 * regular file, not a folder or device, within the size limit) before the engine is asked to copy
 * it. The engine checks again: it never trusts its host either.
 */
export async function forwardStagePath(
  payload: unknown,
  call: (request: ApiRequest<'import.stagePath'>) => Promise<Result<unknown>>,
): Promise<Result<unknown>> {
  const request = validateRequest('import.stagePath', payload);
  if (!request.ok) return request;
  const file = await checkSourceFile(request.value.path, request.value.fileName);
  if (!file.ok) return file;
  return call(request.value);
}
