import type { ColumnMapping } from '../../shared/api/contract';
import { FILE_KINDS, type FileKind } from '../../shared/domain/types';
import { kindSpec, missingFields } from '../../shared/import/field-catalog';
import type { SqliteHandle } from '../db/open-database';
import { headerSignature, type StagedTable } from './stage-file';

/**
 * A mapping the user confirmed by importing is remembered per exact header row, so next month's
 * export of the same CRM report imports with the same choices and no questions.
 */
export function saveMapping(
  sqlite: SqliteHandle,
  headers: readonly string[],
  kind: FileKind,
  mapping: ColumnMapping,
  now: string,
): void {
  sqlite
    .prepare(
      `INSERT INTO saved_mappings (header_signature, kind, mapping_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(header_signature) DO UPDATE SET kind = excluded.kind, mapping_json = excluded.mapping_json, updated_at = excluded.updated_at`,
    )
    .run(headerSignature(headers), kind, JSON.stringify(mapping), now);
}

/** Replaces the detected kind and mapping with the saved ones when the headers match exactly. */
export function applySavedMapping(sqlite: SqliteHandle, staged: StagedTable): StagedTable {
  const row = sqlite
    .prepare('SELECT kind, mapping_json FROM saved_mappings WHERE header_signature = ?')
    .get(headerSignature(staged.info.headers)) as { kind: string; mapping_json: string } | undefined;
  if (!row || !(FILE_KINDS as readonly string[]).includes(row.kind)) return staged;
  const kind = row.kind as FileKind;
  const saved = JSON.parse(row.mapping_json) as ColumnMapping;
  // Only columns that still exist, only fields the kind still has.
  const headers = new Set(staged.info.headers);
  const mapping: ColumnMapping = {};
  for (const field of kindSpec(kind).fields) {
    const header = saved[field.id] ?? null;
    mapping[field.id] = header !== null && headers.has(header) ? header : null;
  }
  const missingRequired = missingFields(kindSpec(kind), mapping);
  return { ...staged, info: { ...staged.info, kind, mapping, missingRequired, mappingSource: 'saved' } };
}
