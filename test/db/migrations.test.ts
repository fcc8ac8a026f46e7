import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../engine/db/migrations';
import { migrate, openDatabase } from '../../engine/db/open-database';

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
  ],
  activities: [
    'id',
    'record_key',
    'external_id',
    'rep_id',
    'account_id',
    'type',
    'type_raw',
    'activity_date',
    'subject',
    'outcome',
    'duration_min',
    'content_hash',
    'batch_id',
  ],
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
  rejected_rows: ['id', 'batch_id', 'row_number', 'reason_code', 'reason_params_json', 'raw_json'],
  rep_aliases: ['alias', 'rep_id', 'source'],
  saved_mappings: ['header_signature', 'kind', 'mapping_json', 'updated_at', 'stage_map_json'],
  settings: ['key', 'value_json'],
};

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
    const { sqlite, close } = openDatabase(':memory:');
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
    expect(sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    close();
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

  it('refuses a workspace written by a newer app', () => {
    const sqlite = new BetterSqlite3(':memory:');
    sqlite.pragma('user_version = 999');
    expect(() => migrate(sqlite)).toThrow(/newer Quartile Coach/);
    sqlite.close();
  });
});
