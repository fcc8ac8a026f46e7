import type { Migration } from './migration';

/**
 * The activities' repeated texts as dictionary codes (issue #14, docs/decisions.md "Speed at
 * scale, eleventh part"). A file's raw type, subject and outcome repeat a handful of values over
 * millions of rows, and binding each as a string, then storing it in every row, was about a tenth
 * of a first import. Now:
 * - activity_texts holds each distinct text once, numbered; the same text has one number whatever
 *   column it came from;
 * - type_raw_code, subject_code and outcome_code name a row's text by that number. A row keeps
 *   each text in one form or the other: in the text column (NULL code) or as a code (NULL text).
 *   The importer codes a file's first few thousand distinct values of a column and writes the
 *   rest as text, so a column unique per row (free-text subjects) never fills the dictionary.
 *   Rows stored before this migration keep their text.
 * - The view activity_rows shows the text either way, so anyone reading the file, and every
 *   query but the hot paths, still sees one text column each.
 * No foreign key from the codes: it would cost a look-up per inserted row, only the importer
 * writes codes, and it takes them from this table in the same transaction. A text remembers the
 * import that added it (batch_id, as reps and accounts do): undoing that import removes the texts
 * it added that no activity names any more (engine/import/undo-import.ts), so an import and its
 * undo leave the workspace as it was.
 * ADD COLUMN leaves the stored rows as they are (no rewrite of a 10M-row table).
 * Frozen: never edit once shipped.
 */
export const migration011: Migration = {
  version: 11,
  name: 'activity-texts',
  sql: `
CREATE TABLE activity_texts (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL UNIQUE,
  batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL
) STRICT;
ALTER TABLE activities ADD COLUMN type_raw_code INTEGER;
ALTER TABLE activities ADD COLUMN subject_code INTEGER;
ALTER TABLE activities ADD COLUMN outcome_code INTEGER;

DROP VIEW activity_rows;
CREATE VIEW activity_rows AS
SELECT a.id, a.batch_id, a.row_hash, a.external_id, a.rep_id, a.account_id, t.name AS type,
  coalesce(a.type_raw, tr.text) AS type_raw,
  date(a.activity_day * 86400, 'unixepoch') AS activity_date,
  coalesce(a.subject, s.text) AS subject, coalesce(a.outcome, o.text) AS outcome, a.duration_min
FROM activities a
  JOIN activity_types t ON t.code = a.type_code
  LEFT JOIN activity_texts tr ON tr.id = a.type_raw_code
  LEFT JOIN activity_texts s ON s.id = a.subject_code
  LEFT JOIN activity_texts o ON o.id = a.outcome_code;
`,
};
