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
