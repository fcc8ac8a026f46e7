import { activityRowHashInto } from '../../../shared/import/activity-row';
import type { ActivityType } from '../../../shared/domain/types';
import type { Migration } from './migration';

/**
 * Activities are the million-row table, so their row carries only what imports and analytics
 * need: one 64-bit row hash (activityRowHashInto) replaces the text record key and text
 * content hash, and there is no unique index. The importer keeps record keys in memory instead
 * (a CRM id, else the row hash and its occurrence), which made importing a million rows several
 * times faster; see docs/decisions.md. The type list is no longer a CHECK constraint: evaluating
 * it cost a quarter of the insert time, the importer only writes ACTIVITY_TYPES, and readers map
 * anything else to 'other'.
 *
 * Rows imported before this migration get their hash from the rep's and account's stored names,
 * which is how the file wrote them unless a rep was matched through another spelling.
 * Frozen: never edit once shipped.
 */
export const migration004: Migration = {
  version: 4,
  name: 'activity-row-hash',
  sql: `
CREATE TABLE activities_v4 (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  row_hash INTEGER NOT NULL,
  external_id TEXT,
  rep_id INTEGER REFERENCES reps(id) ON DELETE SET NULL,
  account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  type TEXT NOT NULL,
  type_raw TEXT,
  activity_date TEXT NOT NULL,
  subject TEXT,
  outcome TEXT,
  duration_min REAL
) STRICT;
INSERT INTO activities_v4 (id, batch_id, row_hash, external_id, rep_id, account_id, type, type_raw,
  activity_date, subject, outcome, duration_min)
SELECT id, batch_id, 0, external_id, rep_id, account_id, type, type_raw, activity_date, subject, outcome,
  duration_min FROM activities;
DROP TABLE activities;
ALTER TABLE activities_v4 RENAME TO activities;
`,
  run: (sqlite) => {
    const rows = sqlite
      .prepare(
        `SELECT a.id, r.name AS owner, c.name AS account, a.type, a.type_raw, a.activity_date, a.subject,
                a.outcome, a.duration_min
         FROM activities a LEFT JOIN reps r ON r.id = a.rep_id LEFT JOIN accounts c ON c.id = a.account_id`,
      )
      .all() as {
      id: number;
      owner: string | null;
      account: string | null;
      type: ActivityType;
      type_raw: string | null;
      activity_date: string;
      subject: string | null;
      outcome: string | null;
      duration_min: number | null;
    }[];
    const update = sqlite.prepare('UPDATE activities SET row_hash = ? WHERE id = ?');
    const hash = new BigInt64Array(1);
    const words = new Uint32Array(hash.buffer);
    for (const r of rows) {
      activityRowHashInto(
        {
          owner: r.owner ?? '',
          account: r.account,
          type: r.type,
          typeRaw: r.type_raw,
          date: r.activity_date,
          subject: r.subject,
          outcome: r.outcome,
          durationMin: r.duration_min,
        },
        words,
        0,
      );
      update.run(hash[0], r.id);
    }
  },
};
