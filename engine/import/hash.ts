import { createHash } from 'node:crypto';

/** Short stable hash of normalised values: identifies a row's content across re-imports. */
export function contentHash(values: readonly (string | number | null)[]): string {
  return createHash('sha1').update(JSON.stringify(values)).digest('base64url');
}
