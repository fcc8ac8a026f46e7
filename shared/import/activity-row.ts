import type { ActivityType } from '../domain/types';

/**
 * What identifies an activity row's content across re-imports. The owner and the account are
 * taken as written in the file, not as the rep or account they resolve to, so merging two reps
 * never makes old rows look new.
 *
 * Part of the workspace format, like the hash itself: stored row hashes were computed from
 * exactly this text.
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

const SEP = '\u001f';
const NULL = '\u001e';

export function activityRowText(c: ActivityRowContent): string {
  return (
    c.owner +
    SEP +
    (c.account ?? NULL) +
    SEP +
    c.type +
    SEP +
    (c.typeRaw ?? NULL) +
    SEP +
    c.date +
    SEP +
    (c.subject ?? NULL) +
    SEP +
    (c.outcome ?? NULL) +
    SEP +
    (c.durationMin === null ? NULL : String(c.durationMin))
  );
}

/**
 * The text a record key is hashed from. A CRM record id is the record's identity; without one,
 * the n-th row with the same content is the n-th record with it (two calls to the same account
 * on the same day are two records), which is stable across re-imports of the same export.
 */
export function activityKeyText(
  externalId: string | null,
  rowHashLo: number,
  rowHashHi: number,
  occurrence: number,
): string {
  return externalId !== null
    ? `id${SEP}${externalId}`
    : `row${SEP}${rowHashLo >>> 0}${SEP}${rowHashHi >>> 0}${SEP}${occurrence}`;
}
