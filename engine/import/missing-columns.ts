import type { FileKind } from '../../shared/domain/types';
import type { DoubtfulField } from '../../shared/import/doubtful-fields';
import { kindSpec } from '../../shared/import/field-catalog';
import type { Notice } from '../../shared/i18n/notice';
import { translate } from '../../shared/i18n/translate';

/**
 * What the CLI, which asks nobody, says about columns: a file refused for a missing column is told (issue #12): which field no column was
 * recognised as, and how to pick it on the mapping screen, rather than "could not tell what it
 * holds". English, for the CLI and logs; the app shows its own translated text.
 */
export function missingColumnsMessage(fileName: string, kind: FileKind, missing: readonly string[]): string {
  const spec = kindSpec(kind);
  const labels = missing.map((id) => spec.fields.find((f) => f.id === id)?.label_en ?? id).join(', ');
  const kindLabel = translate('en', `kind.${kind}`);
  const first = spec.fields.find((f) => f.id === missing[0])?.synonyms[0]?.replace(/^=/, '') ?? '';
  const header = first.charAt(0).toUpperCase() + first.slice(1);
  return (
    `"${fileName}" looks like ${kindLabel}, but no column was recognised as ${labels}. In the Import ` +
    `screen, choose "${kindLabel}" under "This file holds" and pick the column for ${labels} in the ` +
    `mapping table (remembered for files with the same columns)` +
    (header ? `, or rename that column "${header}".` : '.')
  );
}

/** The English labels of missing fields, as the error's `fields` parameter. */
export function missingLabels(kind: FileKind, missing: readonly string[]): string {
  const spec = kindSpec(kind);
  return missing.map((id) => spec.fields.find((f) => f.id === id)?.label_en ?? id).join(', ');
}

/** Doubtful mappings as the warnings of an import summary (English labels, as for the CLI). */
export function doubtNotices(kind: FileKind, doubts: readonly DoubtfulField[]): Notice[] {
  const spec = kindSpec(kind);
  return doubts.map((d) => ({
    code: `doubt_${d.reason}` as const,
    params: {
      field: spec.fields.find((f) => f.id === d.field)?.label_en ?? d.field,
      ...(d.column === null ? {} : { column: d.column }),
      ...d.params,
    },
  }));
}
