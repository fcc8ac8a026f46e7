import type { ColumnMapping } from './mapping-types';
import type { FileKind } from '../domain/types';
import { activityDefaults, RELATED_RECORD_HEADERS } from './activity-defaults';
import { classifyActivityType } from './activity-types';
import { callOutcomeClass } from './call-outcome';
import { normalizeHeader } from './field-catalog';

/**
 * Mappings to ask about before an import (issue #12): the mapping screen lists them and enables
 * Import once the user has kept or changed each; the CLI imports and reports them as warnings.
 * The rules (docs/decisions.md, "Doubtful mappings"), each from the staged sample:
 *
 * - `not_mapped`: an activities file with no activity-type column: every row gets one type.
 * - `one_value_per_row`: a field that groups rows (owner, account) or names a category (stage,
 *   status, activity type, result) whose column has a different value on (nearly) every row: an
 *   "account" that is unique per row is the record's own name (an opportunity), not a customer.
 * - `values_not_recognised`: a result or activity-type column whose values mostly say nothing the
 *   app can read as one ("Not Started" is a task's state, not a call's result).
 * - `weak_header`: a header that names the field only sometimes ("WhatId", "Related To" name the
 *   record an activity is about: a customer, or an opportunity).
 *
 * One reason per field, the first that applies in that order.
 */

export type DoubtReason = 'not_mapped' | 'one_value_per_row' | 'values_not_recognised' | 'weak_header';

export interface DoubtfulField {
  field: string;
  /** The column the field is mapped to; null for a field left unmapped. */
  column: string | null;
  reason: DoubtReason;
  /** What the reason rests on: `distinct` and `rows`, `examples`, or the `type` every row gets. */
  params: Record<string, string | number>;
}

/** Identifies a doubt the user kept: keeping one column does not keep another put in its place. */
export function doubtKey(d: DoubtfulField): string {
  return `${d.field}\u0001${d.column ?? ''}\u0001${d.reason}`;
}

/** Fewer non-empty sample values than this say nothing about a column. */
const MIN_ROWS = 20;
/** A column with at least this share of distinct values has a different value on nearly every row. */
const UNIQUE_SHARE = 0.9;
/** A result or type column must be readable on at least half of its rows. */
const READABLE_SHARE = 0.5;

/** Fields that group or classify rows, per kind: one value per row is implausible for them. */
const GROUPING: Partial<Record<FileKind, readonly string[]>> = {
  deals: ['owner', 'account', 'stage', 'status'],
  activities: ['owner', 'account', 'activity_type', 'outcome'],
  quotas: ['rep'],
};

/** Headers that name a field only sometimes, per kind and field (normalised). */
const WEAK_HEADERS: Partial<Record<FileKind, Readonly<Record<string, readonly string[]>>>> = {
  activities: { account: RELATED_RECORD_HEADERS, outcome: ['status'] },
};

/** Whether a value of the field says something the app can read. */
const READABLE: Readonly<Record<string, (value: string) => boolean>> = {
  outcome: (v) => callOutcomeClass(v) !== null,
  activity_type: (v) => classifyActivityType(v, 'other') !== 'other',
};

const MISSING = new Set(['', '-', '--', '—', 'null', 'n/a', 'na', 'none', '#n/a']);

function valuesOf(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  column: string,
): string[] {
  const index = headers.indexOf(column);
  if (index < 0) return [];
  return rows.map((r) => (r[index] ?? '').trim()).filter((v) => !MISSING.has(v.toLowerCase()));
}

/** The most frequent values, most frequent first, as a short list for the message. */
function examples(values: readonly string[], max = 3): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([v]) => v)
    .join(', ');
}

function doubtOf(
  kind: FileKind,
  field: string,
  column: string,
  values: readonly string[],
): Omit<DoubtfulField, 'field' | 'column'> | null {
  const distinct = new Set(values).size;
  if (
    GROUPING[kind]?.includes(field) &&
    values.length >= MIN_ROWS &&
    distinct >= UNIQUE_SHARE * values.length
  ) {
    return { reason: 'one_value_per_row', params: { distinct, rows: values.length } };
  }
  const readable = READABLE[field];
  if (readable && values.length >= 5) {
    const read = values.filter(readable).length;
    if (read < READABLE_SHARE * values.length)
      return {
        reason: 'values_not_recognised',
        params: { examples: examples(values.filter((v) => !readable(v))) },
      };
  }
  if (WEAK_HEADERS[kind]?.[field]?.includes(normalizeHeader(column)))
    return { reason: 'weak_header', params: {} };
  return null;
}

/** The doubtful fields of a file read as `kind` with `mapping`, in the catalog's field order. */
export function doubtfulFields(
  kind: FileKind | null,
  fieldOrder: readonly string[],
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
): DoubtfulField[] {
  if (kind === null) return [];
  const out: DoubtfulField[] = [];
  for (const field of fieldOrder) {
    const column = mapping[field] ?? null;
    if (column === null) {
      if (kind === 'activities' && field === 'activity_type') {
        const { defaultType } = activityDefaults(headers, mapping);
        out.push({ field, column: null, reason: 'not_mapped', params: { type: defaultType } });
      }
      continue;
    }
    const doubt = doubtOf(kind, field, column, valuesOf(headers, rows, column));
    if (doubt) out.push({ field, column, ...doubt });
  }
  return out;
}
