import type { Migration } from './migration';

/**
 * Deal history (file kind `deal_history`): how each opportunity stood on past dates, so forecast
 * accuracy can compare the pipeline at a period's start with what was won in it.
 * - deal_id: the deal the row names, resolved at import by its CRM id, else its name (null when
 *   the deals file is not imported yet, or the name is shared; the working set resolves those
 *   again when it loads). Removing the deal keeps the snapshot and clears the link. The rep is
 *   the deal's owner, so no rep is stored here (merging reps needs no change).
 * - deal_external_id / deal_name: the reference as the file wrote it, at least one of them.
 * - snapshot_date: the day the row was recorded (OpportunityHistory's CreatedDate), ISO.
 * - status / funnel_stage: read from the stage as for deals; probability 0..1 as for deals.
 * - record_key / content_hash: as for deals, so importing the same file again changes nothing.
 *
 * import_batches.kind has a CHECK listing the kinds, so the table is rebuilt with the new kind
 * exactly as migration 6 did (foreign keys off around the migration, foreign_key_check before
 * the commit, row ids copied). Frozen: never edit once shipped.
 */
export const migration008: Migration = {
  version: 8,
  name: 'deal-snapshots',
  rebuildsReferencedTable: 'import_batches',
  sql: `
CREATE TABLE import_batches_v8 (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('deals', 'activities', 'reps', 'accounts', 'quotas', 'rep_kpis', 'deal_history')),
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
INSERT INTO import_batches_v8 (id, file_name, file_sha256, kind, preset, mapping_json, encoding, delimiter,
  rows_read, rows_added, rows_updated, rows_unchanged, rows_rejected, imported_at)
SELECT id, file_name, file_sha256, kind, preset, mapping_json, encoding, delimiter,
  rows_read, rows_added, rows_updated, rows_unchanged, rows_rejected, imported_at FROM import_batches;
DROP TABLE import_batches;
ALTER TABLE import_batches_v8 RENAME TO import_batches;

CREATE TABLE deal_snapshots (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  record_key TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  deal_id INTEGER REFERENCES deals(id) ON DELETE SET NULL,
  deal_external_id TEXT,
  deal_name TEXT,
  snapshot_date TEXT NOT NULL,
  stage TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')),
  funnel_stage TEXT CHECK (funnel_stage IN ('target_market', 'prospect', 'target_customer', 'signed')),
  amount REAL,
  currency TEXT,
  expected_close_date TEXT,
  probability REAL CHECK (probability BETWEEN 0 AND 1),
  forecast_category TEXT,
  CHECK (deal_external_id IS NOT NULL OR deal_name IS NOT NULL)
) STRICT;
-- Deleting a deal clears its snapshots' link: without the index each deleted deal scans the table.
CREATE INDEX deal_snapshots_deal ON deal_snapshots(deal_id);
CREATE INDEX deal_snapshots_batch ON deal_snapshots(batch_id);
`,
};
