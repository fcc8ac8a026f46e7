import type { ColumnMapping } from './mapping-types';
import type { ActivityType } from '../domain/types';
import { normalizeHeader } from './field-catalog';

/** Headers that name the record an activity is about, not surely a customer (Salesforce's WhatId). */
export const RELATED_RECORD_HEADERS: readonly string[] = ['whatid', 'what id', 'related to', 'regarding'];

/**
 * What an activities file's rows are when no column says, and whether its account column names
 * customers: Salesforce telephony rows carry call fields, event rows a duration in minutes; an
 * account taken from "WhatId" or "Related To" may be an opportunity, so no account is created
 * from it (only existing accounts are linked).
 */
/**
 * Where an activities import reads a call's length: the minutes column when one is mapped, else
 * the seconds column (read as seconds / 60), else nowhere. `mapped` says whether a field has a
 * column.
 */
export function durationSource(
  mapped: (field: string) => boolean,
): { field: 'duration' | 'duration_seconds'; perMinute: 1 | 60 } | null {
  if (mapped('duration')) return { field: 'duration', perMinute: 1 };
  if (mapped('duration_seconds')) return { field: 'duration_seconds', perMinute: 60 };
  return null;
}

export function activityDefaults(
  headers: readonly string[],
  mapping: ColumnMapping,
): { defaultType: ActivityType; createAccounts: boolean } {
  const normalized = new Set(headers.map(normalizeHeader));
  let defaultType: ActivityType = 'other';
  if (
    ['call type', 'calltype', 'call result', 'calldurationinseconds', 'call duration'].some((h) =>
      normalized.has(h),
    )
  ) {
    defaultType = 'call';
  } else if (
    ['durationinminutes', 'startdatetime', 'enddatetime', 'isalldayevent'].some((h) => normalized.has(h))
  ) {
    defaultType = 'meeting';
  }
  const accountHeader = mapping.account ? normalizeHeader(mapping.account) : '';
  const createAccounts = !RELATED_RECORD_HEADERS.includes(accountHeader);
  return { defaultType, createAccounts };
}
