import { combine64Into, hash64Into } from '../hash/hash64';
import type { ActivityType } from '../domain/types';

/**
 * What identifies an activity row's content across re-imports. The owner and the account are
 * taken as written in the file, not as the rep or account they resolve to, so merging two reps
 * never makes old rows look new.
 *
 * Part of the workspace format, like hash64 itself: stored row hashes were computed this way.
 */
export interface ActivityRowContent {
  owner: string;
  account: string | null;
  type: ActivityType;
  typeRaw: string | null;
  date: string;
  subject: string | null;
  outcome: string | null;
  durationMin: number | null;
}

/** The fields in hashing order. */
export const ACTIVITY_ROW_FIELDS = 8;

const NULL_TEXT = '\u001e';

/** One field's fingerprint: hash64 of its text; null has its own. Numbers hash as String(n). */
export function activityFieldHashInto(value: string | null, out: Uint32Array, index: number): void {
  hash64Into(value ?? NULL_TEXT, out, index);
}

/**
 * The row's fingerprint: its fields' fingerprints combined in ActivityRowContent order. Built
 * from per-field hashes so an import hashes each distinct owner, date or subject once.
 */
export function activityRowHashInto(c: ActivityRowContent, out: Uint32Array, index: number): void {
  const parts = new Uint32Array(2 * ACTIVITY_ROW_FIELDS);
  const values = [
    c.owner,
    c.account,
    c.type,
    c.typeRaw,
    c.date,
    c.subject,
    c.outcome,
    c.durationMin === null ? null : String(c.durationMin),
  ];
  values.forEach((v, i) => activityFieldHashInto(v, parts, i));
  combine64Into(parts, ACTIVITY_ROW_FIELDS, out, index);
}

/** The text a CRM record id's key is hashed from: the id is the record's identity. */
export function activityIdKeyText(externalId: string): string {
  return `id\u001f${externalId}`;
}
