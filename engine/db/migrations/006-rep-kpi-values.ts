import type { Migration } from './migration';

/**
 * Rep KPI summaries (file kind `rep_kpis`): one value per rep, period and metric, keyed like
 * quotas (`k:<rep>:<start>:<end>:<metric>`) so a newer export of the same month updates it. The
 * metric is a known activity metric (`calls`, `meetings`, ...) or `custom:<header text>`;
 * metric_label keeps the header as the file wrote it.
 *
 * import_batches.kind has a CHECK listing the kinds (migration 1), so the table is rebuilt with
 * the new kind, following SQLite's procedure for schema changes ALTER TABLE cannot make: create
 * the new table, copy, drop the old, rename. Deals, activities, quotas, rejected rows, reps and
 * accounts reference import_batches(id), so the runner switches foreign keys off around this
 * migration (with them on, dropping the old table would delete every row that cascades from it)
 * and runs foreign_key_check before the commit. Row ids are copied, so every reference holds.
 * The table has no indexes, triggers or views to recreate.
 * Frozen: never edit once shipped.
 */
export const migration006: Migration = {
  version: 6,
  name: 'rep-kpi-values',
  rebuildsReferencedTable: 'import_batches',
  sql: `
CREATE TABLE import_batches_v6 (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('deals', 'activities', 'reps', 'accounts', 'quotas', 'rep_kpis')),
  preset TEXT,
  mapping_json TEXT NOT NULL,
  encoding TEXT NOT NULL,
  delimiter TEXT NOT NULL,
  rows_read INTEGER NOT NULL DEFAULT 0,
  rows_added INTEGER NOT NULL DEFAULT 0,
  rows_updated INTEGER NOT NULL DEFAULT 0,
  rows_unchanged INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  imported_at TEXT NOT NULL
) STRICT;
INSERT INTO import_batches_v6 (id, file_name, file_sha256, kind, preset, mapping_json, encoding, delimiter,
  rows_read, rows_added, rows_updated, rows_unchanged, rows_rejected, imported_at)
SELECT id, file_name, file_sha256, kind, preset, mapping_json, encoding, delimiter,
  rows_read, rows_added, rows_updated, rows_unchanged, rows_rejected, imported_at FROM import_batches;
DROP TABLE import_batches;
ALTER TABLE import_batches_v6 RENAME TO import_batches;

CREATE TABLE rep_kpi_values (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  rep_id INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  metric TEXT NOT NULL,
  metric_label TEXT NOT NULL,
  value REAL NOT NULL,
  record_key TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL
) STRICT;
`,
};
