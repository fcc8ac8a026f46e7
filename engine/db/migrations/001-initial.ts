import type { Migration } from './migration';

/**
 * Frozen: never edit a shipped migration; add a new numbered one instead.
 *
 * Fact tables carry no secondary indexes on purpose: analytics read them whole into typed arrays,
 * and every extra index costs each of the millions of inserts an import makes (two indexes on
 * activities made imports 1.5x slower). Undoing a batch scans instead, which is rare and fast enough.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('deals', 'activities', 'reps', 'accounts', 'quotas')),
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

CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  region TEXT,
  manager_name TEXT
) STRICT;

CREATE TABLE reps (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  external_id TEXT,
  email TEXT,
  team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL,
  region TEXT,
  manager_name TEXT,
  role TEXT,
  hire_date TEXT,
  in_roster INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX reps_external_id ON reps(external_id);
CREATE INDEX reps_email ON reps(email);

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  external_id TEXT,
  industry TEXT,
  tier TEXT,
  annual_revenue REAL,
  owner_rep_id INTEGER REFERENCES reps(id) ON DELETE SET NULL
) STRICT;

CREATE TABLE deals (
  id INTEGER PRIMARY KEY,
  record_key TEXT NOT NULL UNIQUE,
  external_id TEXT,
  rep_id INTEGER REFERENCES reps(id) ON DELETE SET NULL,
  account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  name TEXT,
  stage TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')),
  amount REAL,
  currency TEXT,
  created_date TEXT,
  close_date TEXT,
  product TEXT,
  deal_type TEXT,
  content_hash TEXT NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE activities (
  id INTEGER PRIMARY KEY,
  record_key TEXT NOT NULL UNIQUE,
  external_id TEXT,
  rep_id INTEGER REFERENCES reps(id) ON DELETE SET NULL,
  account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  type TEXT NOT NULL CHECK (type IN ('call', 'meeting', 'visit', 'email', 'task', 'other')),
  type_raw TEXT,
  activity_date TEXT NOT NULL,
  subject TEXT,
  outcome TEXT,
  duration_min REAL,
  content_hash TEXT NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE quotas (
  id INTEGER PRIMARY KEY,
  record_key TEXT NOT NULL UNIQUE,
  rep_id INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  amount REAL NOT NULL,
  currency TEXT,
  content_hash TEXT NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE rejected_rows (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  row_number INTEGER NOT NULL,
  reason_code TEXT NOT NULL,
  reason_params_json TEXT,
  raw_json TEXT NOT NULL
) STRICT;
CREATE INDEX rejected_rows_batch ON rejected_rows(batch_id);

CREATE TABLE saved_mappings (
  header_signature TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  mapping_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value_json TEXT NOT NULL
) STRICT;
`,
};
