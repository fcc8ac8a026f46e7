import { activityRowHashInto } from '../../../shared/import/activity-row';
import type { ActivityType } from '../../../shared/domain/types';
import type { Migration } from './migration';

/**
 * Activities are the million-row table, so their row carries only what imports and analytics
 * need, in the cheapest form to write and read (see docs/decisions.md, "Import speed"):
 * - one 64-bit row hash (activityRowHashInto) instead of a text record key and a text content
 *   hash, and no unique index: the importer keeps record keys in memory;
 * - the type as a code (activity_types, in ACTIVITY_TYPES order) and the date as a day number
 *   (days since 1970-01-01): text costs SQLite more to store than numbers, and analytics want
 *   numbers anyway. The view activity_rows shows both as text for anyone reading the file.
 * - no CHECK on the type: it cost a quarter of the insert time, and only the importer writes.
 *
 * Rows imported before this migration get their hash from the rep's and account's stored names,
 * which is how the file wrote them unless a rep was matched through another spelling.
 * Frozen: never edit once shipped.
 */
export const migration004: Migration = {
  version: 4,
  name: 'activity-row-hash',
  sql: `
CREATE TABLE activity_types (
  code INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;
INSERT INTO activity_types (code, name) VALUES
  (0, 'call'), (1, 'meeting'), (2, 'visit'), (3, 'email'), (4, 'task'), (5, 'other');

CREATE TABLE activities_v4 (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  row_hash INTEGER NOT NULL,
  external_id TEXT,
  rep_id INTEGER REFERENCES reps(id) ON DELETE SET NULL,
  account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  type_code INTEGER NOT NULL,
  type_raw TEXT,
  activity_day INTEGER NOT NULL,
  subject TEXT,
  outcome TEXT,
  duration_min REAL
) STRICT;
INSERT INTO activities_v4 (id, batch_id, row_hash, external_id, rep_id, account_id, type_code, type_raw,
  activity_day, subject, outcome, duration_min)
SELECT a.id, a.batch_id, 0, a.external_id, a.rep_id, a.account_id, coalesce(t.code, 5), a.type_raw,
  CAST(round(julianday(a.activity_date) - 2440587.5) AS INTEGER), a.subject, a.outcome, a.duration_min
FROM activities a LEFT JOIN activity_types t ON t.name = a.type;
DROP TABLE activities;
ALTER TABLE activities_v4 RENAME TO activities;

CREATE VIEW activity_rows AS
SELECT a.id, a.batch_id, a.row_hash, a.external_id, a.rep_id, a.account_id, t.name AS type, a.type_raw,
  date(a.activity_day * 86400, 'unixepoch') AS activity_date, a.subject, a.outcome, a.duration_min
FROM activities a JOIN activity_types t ON t.code = a.type_code;
`,
  run: (sqlite) => {
    const rows = sqlite
      .prepare(
        `SELECT a.id, r.name AS owner, c.name AS account, a.type, a.type_raw, a.activity_date, a.subject,
                a.outcome, a.duration_min
         FROM activity_rows a LEFT JOIN reps r ON r.id = a.rep_id LEFT JOIN accounts c ON c.id = a.account_id`,
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
