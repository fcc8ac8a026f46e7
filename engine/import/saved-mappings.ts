import { execute, query, selectFirst } from '../db/sync-query';
import type { ColumnMapping, DayMonthOrder, StageMap } from '../../shared/api/contract';
import { FILE_KINDS, type FileKind } from '../../shared/domain/types';
import { headerSaysSeconds, kindSpec, normalizeHeader } from '../../shared/import/field-catalog';
import { stageKey } from '../../shared/import/stages';
import type { SqliteHandle } from '../db/open-database';
import { headerSignature, withMapping, type StagedTable } from './stage-file';

/** Saved stage choices per header row: the newest first, older ones dropped past this many. */
const MAX_SAVED_STAGES = 1000;

function readStageMap(json: string | null): StageMap {
  if (json === null) return {};
  try {
    const parsed = JSON.parse(json) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as StageMap)
      : {};
  } catch {
    return {};
  }
}

function readDateOrder(value: string | null): DayMonthOrder | null {
  return value === 'mdy' || value === 'dmy' ? value : null;
}

/**
 * A mapping the user confirmed by importing is remembered per exact header row, so next month's
 * export of the same CRM report imports with the same choices and no questions. Stage choices
 * are merged into the ones saved before: next month's file may lack a stage this one had. The
 * saved day/month order (rememberDateOrder) stays while the kind does.
 */
export function saveMapping(
  sqlite: SqliteHandle,
  headers: readonly string[],
  kind: FileKind,
  mapping: ColumnMapping,
  now: string,
  stageMap?: StageMap,
): void {
  const signature = headerSignature(headers);
  let stagesJson: string | null = null;
  if (stageMap !== undefined || kind === 'deals') {
    const previous = selectFirst(
      sqlite,
      query
        .selectFrom('saved_mappings')
        .select(['kind', 'stage_map_json'])
        .where('header_signature', '=', signature),
    );
    const merged = new Map<string, [string, StageMap[string]]>();
    const add = (map: StageMap): void => {
      for (const [value, choice] of Object.entries(map)) {
        merged.delete(stageKey(value));
        merged.set(stageKey(value), [value, { status: choice.status, funnel: choice.funnel }]);
      }
    };
    if (previous?.kind === kind) add(readStageMap(previous.stage_map_json));
    add(stageMap ?? {});
    const kept = [...merged.values()].slice(-MAX_SAVED_STAGES);
    stagesJson = kept.length > 0 ? JSON.stringify(Object.fromEntries(kept)) : null;
  }
  execute(
    sqlite,
    query
      .insertInto('saved_mappings')
      .values({
        header_signature: signature,
        kind,
        mapping_json: JSON.stringify(mapping),
        updated_at: now,
        stage_map_json: stagesJson,
      })
      .onConflict((c) =>
        c.column('header_signature').doUpdateSet((eb) => ({
          kind: eb.ref('excluded.kind'),
          mapping_json: eb.ref('excluded.mapping_json'),
          updated_at: eb.ref('excluded.updated_at'),
          stage_map_json: eb.ref('excluded.stage_map_json'),
          // A day/month order answered for these headers stays while they hold the same kind.
          date_order: eb
            .case()
            .when('saved_mappings.kind', '=', eb.ref('excluded.kind'))
            .then(eb.ref('saved_mappings.date_order'))
            .end(),
        })),
      ),
  );
}

/**
 * Remembers how the dates of an imported file's header row read, after its import (which saved
 * the mapping): the order the file proved, else the user's answer for its ambiguous columns.
 * Nothing to remember (ISO dates, no answer) keeps what was saved before.
 */
export function rememberDateOrder(
  sqlite: SqliteHandle,
  staged: StagedTable,
  answer: DayMonthOrder | null | undefined,
): void {
  const order = staged.info.dateOrder.decided ?? answer ?? null;
  if (order === null) return;
  execute(
    sqlite,
    query
      .updateTable('saved_mappings')
      .set({ date_order: order })
      .where('header_signature', '=', headerSignature(staged.info.headers)),
  );
}

/** The day/month order saved for a header row, or null. */
export function savedDateOrder(sqlite: SqliteHandle, headers: readonly string[]): DayMonthOrder | null {
  const row = selectFirst(
    sqlite,
    query
      .selectFrom('saved_mappings')
      .select('date_order')
      .where('header_signature', '=', headerSignature(headers)),
  );
  return readDateOrder(row?.date_order ?? null);
}

/**
 * An activities mapping saved before activities had a seconds field (no `duration_seconds` key)
 * took a header that says seconds ("Call Duration (in seconds)") for the minutes: detection did,
 * as a unit in brackets names no field. Such a header is the seconds field's. A mapping saved
 * since has the key, and keeps whatever the user chose.
 */
function secondsAsSeconds(kind: FileKind, saved: ColumnMapping): ColumnMapping {
  const minutes = saved.duration;
  if (kind !== 'activities' || Object.hasOwn(saved, 'duration_seconds') || typeof minutes !== 'string')
    return saved;
  return headerSaysSeconds(normalizeHeader(minutes))
    ? { ...saved, duration: null, duration_seconds: minutes }
    : saved;
}

/**
 * Replaces the detected kind and mapping with the saved ones when the headers match exactly,
 * with the saved stage choices and day/month order.
 */
export function applySavedMapping(sqlite: SqliteHandle, staged: StagedTable): StagedTable {
  const row = selectFirst(
    sqlite,
    query
      .selectFrom('saved_mappings')
      .select(['kind', 'mapping_json', 'stage_map_json', 'date_order'])
      .where('header_signature', '=', headerSignature(staged.info.headers)),
  );
  if (!row || !(FILE_KINDS as readonly string[]).includes(row.kind)) return staged;
  const kind = row.kind as FileKind;
  const saved = secondsAsSeconds(kind, JSON.parse(row.mapping_json) as ColumnMapping);
  // Only columns that still exist, only fields the kind still has.
  const headers = new Set(staged.info.headers);
  const mapping: ColumnMapping = {};
  for (const field of kindSpec(kind).fields) {
    const header = saved[field.id] ?? null;
    mapping[field.id] = header !== null && headers.has(header) ? header : null;
  }
  return withMapping(
    {
      ...staged,
      info: { ...staged.info, savedDateOrder: readDateOrder(row.date_order) },
      stageMap: readStageMap(row.stage_map_json),
    },
    kind,
    mapping,
    'saved',
  );
}
