import type { Migration } from './migration';

/**
 * Reps are known by several ids across files: the CRM user id on deals, an employee id on the
 * quota sheet, an employee key in a warehouse export, an email on the roster, and other
 * spellings of the name the user merged ("Doroth Gardner"). Each is an alias of one rep.
 * Frozen: never edit once shipped.
 */
export const migration002: Migration = {
  version: 2,
  name: 'rep-aliases',
  sql: `
CREATE TABLE rep_aliases (
  alias TEXT PRIMARY KEY,
  rep_id INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source IN ('id', 'email', 'name'))
) STRICT;
CREATE INDEX rep_aliases_rep ON rep_aliases(rep_id);
INSERT OR IGNORE INTO rep_aliases (alias, rep_id, source)
  SELECT external_id, id, 'id' FROM reps WHERE external_id IS NOT NULL;
INSERT OR IGNORE INTO rep_aliases (alias, rep_id, source)
  SELECT lower(email), id, 'email' FROM reps WHERE email IS NOT NULL;
CREATE INDEX accounts_external_id ON accounts(external_id);
-- Activities that point at an opportunity by name (Salesforce WhatId) find its account.
CREATE INDEX deals_name ON deals(name);
-- A forecast for open deals, and the best available date for closed deals exported without one.
ALTER TABLE deals ADD COLUMN expected_close_date TEXT;
ALTER TABLE reps ADD COLUMN batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL;
ALTER TABLE accounts ADD COLUMN batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL;
`,
};
