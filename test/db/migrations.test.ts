import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../engine/db/migrations';
import { ACTIVITY_TYPES } from '../../shared/domain/types';
import { migrate, openDatabase } from '../../engine/db/open-database';
import { UNDO_HANDLED_REFERENCES, UNDO_STATEMENTS } from '../../engine/import/undo-import';

/** Every table and column the kysely Database type declares (engine/db/schema.ts). */
const EXPECTED: Record<string, string[]> = {
  import_batches: [
    'id',
    'file_name',
    'file_sha256',
    'kind',
    'preset',
    'mapping_json',
    'encoding',
    'delimiter',
    'rows_read',
    'rows_added',
    'rows_updated',
    'rows_unchanged',
    'rows_rejected',
    'imported_at',
  ],
  teams: ['id', 'name', 'name_key', 'region', 'manager_name'],
  reps: [
    'id',
    'name',
    'name_key',
    'external_id',
    'email',
    'team_id',
    'region',
    'manager_name',
    'role',
    'hire_date',
    'in_roster',
    'batch_id',
  ],
  accounts: [
    'id',
    'name',
    'name_key',
    'external_id',
    'industry',
    'tier',
    'annual_revenue',
    'owner_rep_id',
    'batch_id',
    'employees',
    'authority',
    'need',
  ],
  deals: [
    'id',
    'record_key',
    'external_id',
    'rep_id',
    'account_id',
    'name',
    'stage',
    'status',
    'amount',
    'currency',
    'created_date',
    'close_date',
    'product',
    'deal_type',
    'content_hash',
    'batch_id',
    'expected_close_date',
    'funnel_stage',
    'probability',
  ],
  activities: [
    'id',
    'batch_id',
    'row_hash',
    'external_id',
    'rep_id',
    'account_id',
    'type_code',
    'type_raw',
    'activity_day',
    'subject',
    'outcome',
    'duration_min',
    'type_raw_code',
    'subject_code',
    'outcome_code',
  ],
  activity_types: ['code', 'name'],
  activity_texts: ['id', 'text', 'batch_id'],
  quotas: [
    'id',
    'record_key',
    'rep_id',
    'period_start',
    'period_end',
    'amount',
    'currency',
    'content_hash',
    'batch_id',
  ],
  rep_kpi_values: [
    'id',
    'batch_id',
    'rep_id',
    'period_start',
    'period_end',
    'metric',
    'metric_label',
    'value',
    'record_key',
    'content_hash',
  ],
  deal_snapshots: [
    'id',
    'batch_id',
    'record_key',
    'content_hash',
    'deal_id',
    'deal_external_id',
    'deal_name',
    'snapshot_date',
    'stage',
    'status',
    'funnel_stage',
    'amount',
    'currency',
    'expected_close_date',
    'probability',
    'forecast_category',
  ],
  rejected_rows: ['id', 'batch_id', 'row_number', 'reason_code', 'reason_params_json', 'raw_json'],
  rep_aliases: ['alias', 'rep_id', 'source'],
  saved_mappings: ['header_signature', 'kind', 'mapping_json', 'updated_at', 'stage_map_json', 'date_order'],
  settings: ['key', 'value_json'],
  coaching_notes: ['note_id', 'rep_id', 'created_at', 'period', 'text'],
  coaching_plans: ['plan_id', 'rep_id', 'period', 'saved_at', 'goals_json'],
  team_scenarios: [
    'scenario_id',
    'name',
    'period',
    'top_by',
    'constraints_json',
    'assignment_json',
    'summary_json',
    'saved_at',
  ],
};

/** A workspace in memory, with foreign keys on, migrated up to the one before `version`. */
function migratedBefore(version: number): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.pragma('foreign_keys = ON');
  migrate(
    sqlite,
    MIGRATIONS.filter((m) => m.version < version),
  );
  return sqlite;
}

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('migrations', () => {
  it('are numbered consecutively from 1', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    expect(Object.isFrozen(MIGRATIONS)).toBe(true);
  });

  it('the migrations create exactly the tables and columns of the Database type', () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const tables = (
      sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all() as string[]
    ).sort();
    expect(tables).toEqual(Object.keys(EXPECTED).sort());
    for (const [table, columns] of Object.entries(EXPECTED)) {
      const actual = (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map(
        (c) => c.name,
      );
      expect(actual, table).toEqual(columns);
    }
    // The one view: activities with their type and date as text, for anyone reading the file.
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'view'").pluck().all()).toEqual([
      'activity_rows',
    ]);
    expect(
      (sqlite.prepare('PRAGMA table_info(activity_rows)').all() as { name: string }[]).map((c) => c.name),
    ).toEqual([
      'id',
      'batch_id',
      'row_hash',
      'external_id',
      'rep_id',
      'account_id',
      'type',
      'type_raw',
      'activity_date',
      'subject',
      'outcome',
      'duration_min',
    ]);
    // The stored type codes are ACTIVITY_TYPES' positions.
    expect(sqlite.prepare('SELECT name FROM activity_types ORDER BY code').pluck().all()).toEqual([
      ...ACTIVITY_TYPES,
    ]);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    database.close();
  });

  it('opens a file with WAL, foreign keys and synchronous NORMAL, and re-opening applies nothing twice', () => {
    dir = mkdtempSync(join(tmpdir(), 'qc-mig-'));
    const file = join(dir, 'w.sqlite');
    const first = openDatabase(file);
    expect(first.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(first.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    first.close();
    const again = openDatabase(file);
    expect(migrate(again.sqlite)).toBe(0);
    again.close();
  });

  it('rolls back a failing migration entirely and leaves the version alone', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrate(sqlite);
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        sql: 'CREATE TABLE half (id INTEGER); SELECT * FROM nope;',
      },
    ];
    expect(() => migrate(sqlite, broken)).toThrow();
    expect(sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    sqlite.close();
  });

  it('migration 2 moves existing rep ids and emails into rep_aliases', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrate(sqlite, MIGRATIONS.slice(0, 1));
    sqlite.exec(
      "INSERT INTO reps (name, name_key, external_id, email) VALUES ('Ann', 'ann', 'E1', 'Ann@X.com'), ('Bob', 'bob', NULL, NULL)",
    );
    migrate(sqlite);
    expect(sqlite.prepare('SELECT alias, rep_id, source FROM rep_aliases ORDER BY alias').all()).toEqual([
      { alias: 'E1', rep_id: 1, source: 'id' },
      { alias: 'ann@x.com', rep_id: 1, source: 'email' },
    ]);
    sqlite.close();
  });

  it('migration 3 keeps existing deals and saved mappings, with no funnel stage or stage choices', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrate(sqlite, MIGRATIONS.slice(0, 2));
    sqlite.exec(
      `INSERT INTO import_batches (file_name, file_sha256, kind, mapping_json, encoding, delimiter, imported_at)
         VALUES ('a.csv', 'x', 'deals', '{}', 'utf-8', ',', '2024-01-01');
       INSERT INTO deals (record_key, status, content_hash, batch_id) VALUES ('k', 'won', 'h', 1);
       INSERT INTO saved_mappings (header_signature, kind, mapping_json, updated_at) VALUES ('s', 'deals', '{}', 'now');`,
    );
    migrate(sqlite);
    expect(sqlite.prepare('SELECT status, funnel_stage FROM deals').all()).toEqual([
      { status: 'won', funnel_stage: null },
    ]);
    expect(sqlite.prepare('SELECT stage_map_json FROM saved_mappings').pluck().get()).toBeNull();
    expect(() =>
      sqlite.exec(
        "INSERT INTO deals (record_key, status, content_hash, batch_id, funnel_stage) VALUES ('k2', 'open', 'h', 1, 'nonsense')",
      ),
    ).toThrow(/CHECK/);
    sqlite.close();
  });

  it('migration 5 keeps saved mappings, with no date order, and accepts only mdy or dmy', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrate(sqlite, MIGRATIONS.slice(0, 4));
    sqlite.exec(
      `INSERT INTO saved_mappings (header_signature, kind, mapping_json, updated_at, stage_map_json)
         VALUES ('s', 'deals', '{"owner":"Owner"}', 'now', '{}');`,
    );
    migrate(sqlite);
    expect(
      sqlite.prepare('SELECT kind, mapping_json, stage_map_json, date_order FROM saved_mappings').all(),
    ).toEqual([{ kind: 'deals', mapping_json: '{"owner":"Owner"}', stage_map_json: '{}', date_order: null }]);
    sqlite.exec("UPDATE saved_mappings SET date_order = 'dmy'");
    expect(() => sqlite.exec("UPDATE saved_mappings SET date_order = 'ymd'")).toThrow(/CHECK/);
    sqlite.close();
  });

  it('migration 6 rebuilds import_batches for rep_kpis and keeps every row that references it', () => {
    const sqlite = new BetterSqlite3(':memory:');
    sqlite.pragma('foreign_keys = ON');
    migrate(sqlite, MIGRATIONS.slice(0, 5));
    sqlite.exec(
      `INSERT INTO import_batches (id, file_name, file_sha256, kind, preset, mapping_json, encoding, delimiter,
           rows_read, rows_added, imported_at)
         VALUES (7, 'd.csv', 'sha', 'deals', 'maven', '{"owner":"Owner"}', 'utf-8', ',', 3, 2, '2024-01-01'),
                (9, 'q.csv', 'sha2', 'quotas', NULL, '{}', 'utf-16le', ';', 1, 1, '2024-01-02');
       INSERT INTO teams (id, name, name_key) VALUES (1, 'East', 'east');
       INSERT INTO reps (id, name, name_key, team_id, batch_id) VALUES (1, 'Ann', 'ann', 1, 7);
       INSERT INTO accounts (id, name, name_key, owner_rep_id, batch_id) VALUES (1, 'Acme', 'acme', 1, 7);
       INSERT INTO deals (record_key, rep_id, account_id, status, content_hash, batch_id)
         VALUES ('d1', 1, 1, 'won', 'h', 7), ('d2', 1, NULL, 'open', 'h', 7);
       INSERT INTO activities (batch_id, row_hash, rep_id, type_code, activity_day) VALUES (7, 42, 1, 0, 19723);
       INSERT INTO quotas (record_key, rep_id, period_start, period_end, amount, content_hash, batch_id)
         VALUES ('q', 1, '2024-01-01', '2024-01-31', 100, 'h', 9);
       INSERT INTO rejected_rows (batch_id, row_number, reason_code, raw_json) VALUES (7, 4, 'missing_owner', '[]');`,
    );
    const batchesBefore = sqlite.prepare('SELECT * FROM import_batches ORDER BY id').all();
    const count = (table: string): unknown => sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    const counts = (): unknown[] =>
      ['reps', 'accounts', 'deals', 'activities', 'quotas', 'rejected_rows', 'teams'].map(count);
    const before = counts();
    expect(before).toEqual([1, 1, 2, 1, 1, 1, 1]);

    migrate(sqlite, MIGRATIONS.slice(0, 6));

    expect(sqlite.pragma('user_version', { simple: true })).toBe(6);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.prepare('SELECT * FROM import_batches ORDER BY id').all()).toEqual(batchesBefore);
    expect(counts()).toEqual(before);
    expect(sqlite.prepare('SELECT batch_id FROM reps').pluck().get()).toBe(7);
    expect(
      sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'import_batches_v6'").pluck().get(),
    ).toBe(0);
    // The new kind is accepted, an unknown one still refused.
    sqlite.exec(
      `INSERT INTO import_batches (id, file_name, file_sha256, kind, mapping_json, encoding, delimiter, imported_at)
         VALUES (10, 'k.csv', 'sha3', 'rep_kpis', '{}', 'utf-8', ',', '2024-02-01')`,
    );
    expect(() =>
      sqlite.exec(
        `INSERT INTO import_batches (file_name, file_sha256, kind, mapping_json, encoding, delimiter, imported_at)
           VALUES ('x.csv', 'x', 'other', '{}', 'utf-8', ',', '2024-02-01')`,
      ),
    ).toThrow(/CHECK/);
    sqlite.exec(
      `INSERT INTO rep_kpi_values (batch_id, rep_id, period_start, period_end, metric, metric_label, value, record_key, content_hash)
         VALUES (10, 1, '2024-01-01', '2024-01-31', 'calls', 'Outbound Calls', 12, 'k:1:2024-01-01:2024-01-31:calls', 'h')`,
    );
    // The references still point at the rebuilt table: deleting a batch cascades as before.
    sqlite.exec('DELETE FROM import_batches WHERE id IN (7, 10)');
    expect(['deals', 'activities', 'rejected_rows', 'rep_kpi_values', 'quotas'].map(count)).toEqual([
      0, 0, 0, 0, 1,
    ]);
    expect(sqlite.prepare('SELECT batch_id FROM reps').pluck().get()).toBeNull();
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    sqlite.close();
  });

  it('migration 7 keeps deals and accounts, with no probability or scores, and accepts only 0..1', () => {
    const sqlite = new BetterSqlite3(':memory:');
    sqlite.pragma('foreign_keys = ON');
    migrate(sqlite, MIGRATIONS.slice(0, 6));
    sqlite.exec(
      `INSERT INTO import_batches (id, file_name, file_sha256, kind, mapping_json, encoding, delimiter, imported_at)
         VALUES (1, 'd.csv', 'sha', 'deals', '{}', 'utf-8', ',', '2024-01-01');
       INSERT INTO accounts (id, name, name_key, industry, tier, annual_revenue, batch_id)
         VALUES (1, 'Acme', 'acme', 'Retail', 'A', 1000000, 1);
       INSERT INTO deals (record_key, account_id, status, amount, content_hash, batch_id, funnel_stage)
         VALUES ('d1', 1, 'won', 500, 'h', 1, 'signed');`,
    );
    migrate(sqlite, MIGRATIONS.slice(0, 7));
    expect(sqlite.pragma('user_version', { simple: true })).toBe(7);
    expect(
      sqlite
        .prepare('SELECT name, industry, tier, annual_revenue, employees, authority, need FROM accounts')
        .all(),
    ).toEqual([
      {
        name: 'Acme',
        industry: 'Retail',
        tier: 'A',
        annual_revenue: 1000000,
        employees: null,
        authority: null,
        need: null,
      },
    ]);
    expect(
      sqlite.prepare('SELECT record_key, status, amount, funnel_stage, probability FROM deals').all(),
    ).toEqual([{ record_key: 'd1', status: 'won', amount: 500, funnel_stage: 'signed', probability: null }]);
    sqlite.exec('UPDATE deals SET probability = 0.6');
    sqlite.exec('UPDATE accounts SET employees = 5000, authority = 1, need = 0.5');
    expect(sqlite.prepare('SELECT probability FROM deals').pluck().get()).toBe(0.6);
    // A percentage written as is, or a level on a 1..5 scale, is refused: the unit is 0..1.
    expect(() => sqlite.exec('UPDATE deals SET probability = 60')).toThrow(/CHECK/);
    expect(() => sqlite.exec('UPDATE accounts SET authority = 3')).toThrow(/CHECK/);
    expect(() => sqlite.exec('UPDATE accounts SET need = -0.5')).toThrow(/CHECK/);
    expect(() => sqlite.exec('UPDATE accounts SET employees = -1')).toThrow(/CHECK/);
    // STRICT tables: text is refused too.
    expect(() => sqlite.exec("UPDATE deals SET probability = 'high'")).toThrow();
    sqlite.close();
  });

  it('migration 8 rebuilds import_batches for deal_history, keeps every reference, and adds deal_snapshots', () => {
    const sqlite = new BetterSqlite3(':memory:');
    sqlite.pragma('foreign_keys = ON');
    migrate(sqlite, MIGRATIONS.slice(0, 7));
    sqlite.exec(
      `INSERT INTO import_batches (id, file_name, file_sha256, kind, preset, mapping_json, encoding, delimiter,
           rows_read, rows_added, imported_at)
         VALUES (3, 'd.csv', 'sha', 'deals', 'salesforce-api', '{"owner":"Owner.Name"}', 'utf-8', ',', 2, 2, '2024-01-01'),
                (5, 'k.csv', 'sha2', 'rep_kpis', NULL, '{}', 'utf-8', ',', 1, 1, '2024-01-02');
       INSERT INTO reps (id, name, name_key, batch_id) VALUES (1, 'Ann', 'ann', 3);
       INSERT INTO deals (id, record_key, rep_id, name, status, content_hash, batch_id, probability)
         VALUES (1, 'd1', 1, 'Opportunity for A', 'open', 'h', 3, 0.5), (2, 'd2', 1, 'B', 'won', 'h', 3, NULL);
       INSERT INTO rep_kpi_values (batch_id, rep_id, period_start, period_end, metric, metric_label, value, record_key, content_hash)
         VALUES (5, 1, '2024-01-01', '2024-01-31', 'calls', 'Calls', 3, 'k:1:2024-01-01:2024-01-31:calls', 'h');
       INSERT INTO rejected_rows (batch_id, row_number, reason_code, raw_json) VALUES (3, 4, 'missing_owner', '[]');`,
    );
    const batchesBefore = sqlite.prepare('SELECT * FROM import_batches ORDER BY id').all();
    const dealsBefore = sqlite.prepare('SELECT * FROM deals ORDER BY id').all();
    migrate(sqlite, MIGRATIONS.slice(0, 8));
    expect(sqlite.pragma('user_version', { simple: true })).toBe(8);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.prepare('SELECT * FROM import_batches ORDER BY id').all()).toEqual(batchesBefore);
    expect(sqlite.prepare('SELECT * FROM deals ORDER BY id').all()).toEqual(dealsBefore);
    expect(sqlite.prepare('SELECT count(*) FROM deal_snapshots').pluck().get()).toBe(0);
    expect(
      sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'import_batches_v8'").pluck().get(),
    ).toBe(0);
    sqlite.exec(
      `INSERT INTO import_batches (id, file_name, file_sha256, kind, mapping_json, encoding, delimiter, imported_at)
         VALUES (6, 'h.csv', 'sha3', 'deal_history', '{}', 'utf-8', ',', '2024-02-01');
       INSERT INTO deal_snapshots (batch_id, record_key, content_hash, deal_id, deal_name, snapshot_date, stage, status,
           funnel_stage, amount, expected_close_date, probability)
         VALUES (6, 'row:a#1', 'h', 1, 'Opportunity for A', '2024-01-15', 'Qualification', 'open', 'target_customer',
           100, '2024-03-01', 0.1),
                (6, 'row:b#1', 'h', NULL, 'Unknown deal', '2024-01-15', NULL, 'open', NULL, NULL, NULL, NULL);`,
    );
    const insert = (values: string): void => {
      sqlite.exec(
        `INSERT INTO deal_snapshots (batch_id, record_key, content_hash, deal_id, deal_external_id, deal_name, snapshot_date,
           status, funnel_stage, probability) VALUES ${values}`,
      );
    };
    // The same record twice, an unknown status, a percentage, no deal reference, an unknown batch.
    expect(() => insert("(6, 'row:a#1', 'h', NULL, NULL, 'x', '2024-01-01', 'open', NULL, NULL)")).toThrow(
      /UNIQUE/,
    );
    expect(() => insert("(6, 'k1', 'h', NULL, NULL, 'x', '2024-01-01', 'pending', NULL, NULL)")).toThrow(
      /CHECK/,
    );
    expect(() => insert("(6, 'k2', 'h', NULL, NULL, 'x', '2024-01-01', 'open', NULL, 60)")).toThrow(/CHECK/);
    expect(() => insert("(6, 'k3', 'h', NULL, NULL, NULL, '2024-01-01', 'open', NULL, NULL)")).toThrow(
      /CHECK/,
    );
    expect(() => insert("(6, 'k4', 'h', NULL, NULL, 'x', '2024-01-01', 'open', 'stage 9', NULL)")).toThrow(
      /CHECK/,
    );
    expect(() => insert("(99, 'k5', 'h', NULL, NULL, 'x', '2024-01-01', 'open', NULL, NULL)")).toThrow(
      /FOREIGN KEY/,
    );
    expect(() =>
      sqlite.exec(
        `INSERT INTO import_batches (file_name, file_sha256, kind, mapping_json, encoding, delimiter, imported_at)
           VALUES ('x.csv', 'x', 'history', '{}', 'utf-8', ',', '2024-02-01')`,
      ),
    ).toThrow(/CHECK/);
    // Removing the deal keeps its snapshot and clears the link; removing the batch removes them.
    sqlite.exec('DELETE FROM deals WHERE id = 1');
    expect(sqlite.prepare('SELECT deal_id FROM deal_snapshots ORDER BY id').pluck().all()).toEqual([
      null,
      null,
    ]);
    sqlite.exec('DELETE FROM import_batches WHERE id = 6');
    expect(sqlite.prepare('SELECT count(*) FROM deal_snapshots').pluck().get()).toBe(0);
    // References into the rebuilt table still cascade.
    sqlite.exec('DELETE FROM import_batches WHERE id IN (3, 5)');
    expect(
      ['deals', 'rep_kpi_values', 'rejected_rows'].map((t) =>
        sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get(),
      ),
    ).toEqual([0, 0, 0]);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    sqlite.close();
  });

  it('migration 9 adds coaching notes and plans for existing reps, and refuses empty or malformed ones', () => {
    const sqlite = new BetterSqlite3(':memory:');
    sqlite.pragma('foreign_keys = ON');
    const before9 = MIGRATIONS.filter((m) => m.version < 9);
    migrate(sqlite, before9);
    sqlite.exec("INSERT INTO reps (id, name, name_key) VALUES (1, 'Ann', 'ann'), (2, 'Bob', 'bob')");
    migrate(
      sqlite,
      MIGRATIONS.filter((m) => m.version <= 9),
    );
    expect(sqlite.pragma('user_version', { simple: true })).toBe(9);
    expect(sqlite.prepare('SELECT count(*) FROM reps').pluck().get()).toBe(2);
    sqlite.exec(
      `INSERT INTO coaching_notes (rep_id, created_at, period, text)
         VALUES (1, '2026-01-02T03:04:05.000Z', '2017-Q3', 'Call the A accounts first.'),
                (2, '2026-01-02T03:04:06.000Z', NULL, 'Good quarter.');
       INSERT INTO coaching_plans (rep_id, period, saved_at, goals_json)
         VALUES (1, '2017', '2026-01-02T03:04:05.000Z', '[]');`,
    );
    expect(
      sqlite.prepare('SELECT note_id, rep_id, period FROM coaching_notes ORDER BY note_id').all(),
    ).toEqual([
      { note_id: 1, rep_id: 1, period: '2017-Q3' },
      { note_id: 2, rep_id: 2, period: null },
    ]);
    // Empty text, a goals list that is not a JSON array, and an unknown rep are refused.
    expect(() =>
      sqlite.exec("INSERT INTO coaching_notes (rep_id, created_at, text) VALUES (1, 'now', '')"),
    ).toThrow(/CHECK/);
    expect(() =>
      sqlite.exec(
        "INSERT INTO coaching_plans (rep_id, period, saved_at, goals_json) VALUES (1, '2017', 'now', '{\"a\":1}')",
      ),
    ).toThrow(/CHECK/);
    expect(() =>
      sqlite.exec(
        "INSERT INTO coaching_plans (rep_id, period, saved_at, goals_json) VALUES (1, '2017', 'now', 'not json')",
      ),
    ).toThrow();
    expect(() =>
      sqlite.exec("INSERT INTO coaching_notes (rep_id, created_at, text) VALUES (99, 'now', 'x')"),
    ).toThrow(/FOREIGN KEY/);
    // A rep removed some other way than a merge takes its notes and plans along.
    sqlite.exec('DELETE FROM reps WHERE id = 1');
    expect(sqlite.prepare('SELECT rep_id FROM coaching_notes').pluck().all()).toEqual([2]);
    expect(sqlite.prepare('SELECT count(*) FROM coaching_plans').pluck().get()).toBe(0);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    sqlite.close();
  });

  it('migration 10 adds team scenarios beside existing data, and refuses malformed ones', () => {
    const sqlite = migratedBefore(10);
    sqlite.exec(
      `INSERT INTO reps (id, name, name_key) VALUES (1, 'Ann', 'ann'), (2, 'Bob', 'bob');
       INSERT INTO coaching_notes (rep_id, created_at, text) VALUES (1, '2026-01-02T03:04:05.000Z', 'Kept.');`,
    );
    migrate(
      sqlite,
      MIGRATIONS.filter((m) => m.version <= 10),
    );
    expect(sqlite.pragma('user_version', { simple: true })).toBe(10);
    expect(sqlite.prepare('SELECT count(*) FROM reps').pluck().get()).toBe(2);
    expect(sqlite.prepare('SELECT text FROM coaching_notes').pluck().all()).toEqual(['Kept.']);
    expect(sqlite.prepare('SELECT count(*) FROM team_scenarios').pluck().get()).toBe(0);
    const insert = sqlite.prepare(
      `INSERT INTO team_scenarios (name, period, top_by, constraints_json, assignment_json, summary_json, saved_at)
       VALUES (?, ?, ?, ?, ?, ?, '2026-01-02T03:04:05.000Z')`,
    );
    const summary = '{"teams":1,"benefit":0,"moves":0,"placed":2,"movedRepIds":[]}';
    const assignment = '[{"repId":1,"leaderId":1},{"repId":2,"leaderId":1}]';
    insert.run('Plan A', '2025-Q3', 'results', '{"teams":1}', assignment, summary);
    expect(
      sqlite
        .prepare(
          'SELECT scenario_id, name, top_by, json_array_length(assignment_json) AS n FROM team_scenarios',
        )
        .get(),
    ).toEqual({ scenario_id: 1, name: 'Plan A', top_by: 'results', n: 2 });
    // A blank or too long name, an unknown top-by, JSON that is not the right shape: refused.
    const refused: unknown[][] = [
      ['  ', '2025', 'results', '{}', '[]', summary],
      ['x'.repeat(201), '2025', 'results', '{}', '[]', summary],
      ['B', '2025', 'activity', '{}', '[]', summary],
      ['B', '2025', 'results', '[]', '[]', summary],
      ['B', '2025', 'results', 'not json', '[]', summary],
      ['B', '2025', 'results', '{}', '{"repId":1}', summary],
      ['B', '2025', 'results', '{}', '[', summary],
      ['B', '2025', 'results', '{}', '[]', '[]'],
    ];
    for (const row of refused) expect(() => insert.run(...row), JSON.stringify(row)).toThrow();
    // STRICT: bytes are no text.
    expect(() => insert.run('B', Buffer.from('2025'), 'results', '{}', '[]', summary)).toThrow(
      /STRICT|cannot store/,
    );
    expect(sqlite.prepare('SELECT count(*) FROM team_scenarios').pluck().get()).toBe(1);
    // No foreign key: removing a rep leaves the scenario (and its stale id) for the planner to report.
    sqlite.exec('DELETE FROM coaching_notes; DELETE FROM reps WHERE id = 2');
    expect(sqlite.prepare('SELECT count(*) FROM team_scenarios').pluck().get()).toBe(1);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    sqlite.close();
  });

  it('migration 11 keeps stored activities as text, and the view shows a text in either form', () => {
    const sqlite = migratedBefore(11);
    sqlite.exec(
      `INSERT INTO import_batches (id, file_name, file_sha256, kind, mapping_json, encoding, delimiter, imported_at)
         VALUES (1, 'a.csv', 'sha', 'activities', '{}', 'utf-8', ',', '2024-01-01');
       INSERT INTO activities (batch_id, row_hash, type_code, type_raw, activity_day, subject, outcome, duration_min)
         VALUES (1, 7, 0, 'Phone', 19000, 'Intro', 'Connected', 3), (1, 8, 1, NULL, 19001, NULL, NULL, NULL);`,
    );
    const before = sqlite.prepare('SELECT * FROM activity_rows ORDER BY id').all();
    migrate(sqlite);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    // The stored rows are not rewritten: their texts stay where they were, with no codes.
    expect(sqlite.prepare('SELECT * FROM activity_rows ORDER BY id').all()).toEqual(before);
    expect(
      sqlite.prepare('SELECT type_raw_code, subject_code, outcome_code FROM activities').raw().all(),
    ).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    // A row written with codes reads the same through the view as one written with text.
    sqlite.exec(
      `INSERT INTO activity_texts (id, text) VALUES (1, 'Phone'), (2, 'Intro'), (3, 'Connected');
       INSERT INTO activities (batch_id, row_hash, type_code, type_raw_code, activity_day, subject_code, outcome_code, duration_min)
         VALUES (1, 7, 0, 1, 19000, 2, 3, 3);
       INSERT INTO activities (batch_id, row_hash, type_code, type_raw, activity_day, subject_code, outcome, duration_min)
         VALUES (1, 7, 0, 'Phone', 19000, 2, 'Connected', 3);`,
    );
    const rows = sqlite
      .prepare(
        'SELECT type, type_raw, activity_date, subject, outcome, duration_min FROM activity_rows ORDER BY id',
      )
      .raw()
      .all();
    expect(rows).toEqual([
      ['call', 'Phone', '2022-01-08', 'Intro', 'Connected', 3],
      ['meeting', null, '2022-01-09', null, null, null],
      ['call', 'Phone', '2022-01-08', 'Intro', 'Connected', 3],
      ['call', 'Phone', '2022-01-08', 'Intro', 'Connected', 3],
    ]);
    // One entry per text, and text only (STRICT).
    expect(() => sqlite.exec("INSERT INTO activity_texts (text) VALUES ('Phone')")).toThrow(/UNIQUE/);
    expect(() =>
      sqlite.prepare('INSERT INTO activity_texts (text) VALUES (?)').run(Buffer.from('x')),
    ).toThrow(/STRICT|cannot store/);
    expect(() => sqlite.exec('INSERT INTO activity_texts (text) VALUES (NULL)')).toThrow(/NOT NULL/);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    sqlite.close();
  });

  it('an undo looks nothing up row by row, and handles every foreign key into what it deletes', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrate(sqlite);
    // As the undo runs them: with foreign keys off, so no ON DELETE action scans a child table
    // once per deleted row (EXPLAIN QUERY PLAN lists those actions when they are on).
    sqlite.pragma('foreign_keys = OFF');
    const large = ['activities', 'deals', 'quotas', 'rep_kpi_values', 'deal_snapshots', 'accounts'];
    for (const [name, sql] of Object.entries(UNDO_STATEMENTS)) {
      const args = !sql.includes('?') ? [] : sql.includes('json_each(?)') ? ['[1]'] : [1];
      const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as {
        id: number;
        parent: number;
        detail: string;
      }[];
      // A scan is fine once per statement; inside a correlated subquery it runs once per row
      // (SCAN activities per account: the 402 s of issue #13).
      const byId = new Map(plan.map((row) => [row.id, row]));
      const perRow = plan.filter((row) => {
        if (!large.some((table) => new RegExp(`^SCAN ${table}\\b`).test(row.detail))) return false;
        for (let up = byId.get(row.parent); up !== undefined; up = byId.get(up.parent))
          if (up.detail.startsWith('CORRELATED')) return true;
        return false;
      });
      expect(
        perRow.map((row) => row.detail),
        name,
      ).toEqual([]);
    }
    const references: string[] = [];
    const parents = new Set([
      'deals',
      'activities',
      'quotas',
      'rep_kpi_values',
      'deal_snapshots',
      'accounts',
      'reps',
      'teams',
      'import_batches',
    ]);
    for (const table of sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[]) {
      for (const fk of sqlite.prepare(`PRAGMA foreign_key_list(${table})`).all() as {
        table: string;
        from: string;
      }[])
        if (parents.has(fk.table)) references.push(`${table}.${fk.from} -> ${fk.table}`);
    }
    // A new reference into these tables must be handled by the undo (it runs with foreign keys off).
    expect(references.sort()).toEqual([...UNDO_HANDLED_REFERENCES].sort());
    sqlite.close();
  });

  it('a table rebuild that would break references is rolled back, with foreign keys back on', () => {
    const sqlite = new BetterSqlite3(':memory:');
    sqlite.pragma('foreign_keys = ON');
    migrate(sqlite);
    sqlite.exec(
      `INSERT INTO import_batches (id, file_name, file_sha256, kind, mapping_json, encoding, delimiter, imported_at)
         VALUES (1, 'd.csv', 'sha', 'deals', '{}', 'utf-8', ',', '2024-01-01');
       INSERT INTO deals (record_key, status, content_hash, batch_id) VALUES ('d1', 'won', 'h', 1);`,
    );
    const losesRows = {
      version: MIGRATIONS.length + 1,
      name: 'loses-rows',
      rebuildsReferencedTable: 'import_batches',
      // Forgets to copy the rows: every deal would point at a batch that is gone.
      sql: `CREATE TABLE import_batches_x (id INTEGER PRIMARY KEY, file_name TEXT, kind TEXT);
            DROP TABLE import_batches;
            ALTER TABLE import_batches_x RENAME TO import_batches;`,
    };
    expect(() => migrate(sqlite, [...MIGRATIONS, losesRows])).toThrow(/break 1 reference/);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(1);
    expect(sqlite.prepare('SELECT count(*) FROM deals').pluck().get()).toBe(1);
    sqlite.close();
  });

  it('refuses a workspace written by a newer app', () => {
    const sqlite = new BetterSqlite3(':memory:');
    sqlite.pragma('user_version = 999');
    expect(() => migrate(sqlite)).toThrow(/newer Quartile Coach/);
    sqlite.close();
  });
});
