/**
 * The key people and companies are matched on across files: case, width, accents of spacing and
 * surrounding punctuation do not make two reps.
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
