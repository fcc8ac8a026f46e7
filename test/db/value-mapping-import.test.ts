import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { openDatabase, type OpenDatabase, type SqliteHandle } from '../../engine/db/open-database';
import { importPaths } from '../../engine/import/import-files';
import { runImport } from '../../engine/import/run-import';
import { applySavedMapping } from '../../engine/import/saved-mappings';
import { inspectTable, type StagedTable } from '../../engine/import/stage-file';

/**
 * test/fixtures/import/odd-headers-deals.csv: a deals export whose headers (Person, When, Value,
 * Where we are, Client, Notes) name only the amount. Staging must tell the kind and the other
 * columns from their values, mark them as guesses, and remember nothing before the import.
 * Expected values are written out by hand from the file.
 */

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/import/odd-headers-deals.csv');
const NOW = '2024-07-01T09:00:00.000Z';

const MAPPING = {
  external_id: null,
  owner: 'Person',
  stage: 'Where we are',
  status: null,
  amount: 'Value',
  close_date: 'When',
  won_date: null,
  lost_date: null,
  status_changed_date: null,
  expected_close_date: null,
  created_date: null,
  account: 'Client',
  name: null,
  currency: null,
  probability: null,
  product: null,
  deal_type: null,
  given_name: null,
  family_name: null,
};

async function stage(): Promise<StagedTable> {
  const r = await inspectTable(FIXTURE, 'odd-headers-deals.csv', 'test:odd', statSync(FIXTURE).size);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const count = (db: SqliteHandle, sql: string): number => db.prepare(sql).pluck().get() as number;

describe('odd-headers-deals.csv: columns guessed from their values', () => {
  let ws: OpenDatabase;
  let db: SqliteHandle;
  beforeEach(() => {
    ws = openDatabase(':memory:');
    db = ws.sqlite;
  });
  afterEach(() => ws.close());

  it('is staged as deals with owner, stage, close date and account guessed', async () => {
    const staged = applySavedMapping(db, await stage());
    expect(staged.info.headers).toEqual(['Person', 'When', 'Value', 'Where we are', 'Client', 'Notes']);
    expect(staged.info.kind).toBe('deals');
    expect(staged.info.kindScores[0]?.kind).toBe('deals');
    expect(staged.info.mapping).toEqual(MAPPING);
    expect(staged.info.mappingSource).toBe('detected');
    // Value is the amount by its header: not a guess.
    expect(staged.info.guessedFromValues).toEqual(['owner', 'stage', 'close_date', 'account']);
    expect(staged.info.missingRequired).toEqual([]);
    expect(staged.info.dateOrder).toEqual({ decided: null, ambiguousColumns: [] });
    expect(staged.info.stages.map((s) => [s.value, s.count, s.status, s.known])).toEqual([
      ['Closed Won', 6, 'won', true],
      ['Closed Lost', 2, 'lost', true],
      ['Negotiation', 2, 'open', true],
      ['谈判', 2, 'open', true],
      ['赢单', 2, 'won', true],
      ['Prospecting', 1, 'open', true],
      ['输单', 1, 'lost', true],
    ]);
    // Staging remembers nothing: a guess is only saved once the user imports with it.
    expect(count(db, 'SELECT count(*) FROM saved_mappings')).toBe(0);
  });

  it('imports 16 deals of 3 reps and 8 accounts with the guessed mapping', async () => {
    const staged = await stage();
    const r = await runImport(db, { staged, kind: 'deals', mapping: staged.info.mapping, now: NOW });
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    expect(r.value.counts).toEqual({ read: 16, added: 16, updated: 0, unchanged: 0, rejected: 0 });
    expect(db.prepare('SELECT name FROM reps ORDER BY id').pluck().all()).toEqual([
      'Anna Berg',
      'José Müller',
      '陈静',
    ]);
    expect(count(db, 'SELECT count(*) FROM accounts')).toBe(8);
    expect(
      db
        .prepare('SELECT status, count(*), sum(amount) FROM deals GROUP BY status ORDER BY status')
        .raw()
        .all(),
    ).toEqual([
      ['lost', 3, 17_150.5],
      ['open', 5, 37_350],
      ['won', 8, 162_000],
    ]);
    const deal = db.prepare(
      `SELECT r.name, a.name, d.stage, d.status, d.amount, d.close_date
       FROM deals d JOIN reps r ON r.id = d.rep_id LEFT JOIN accounts a ON a.id = d.account_id
       WHERE d.id = ?`,
    );
    expect(deal.raw().get(1)).toEqual(['Anna Berg', 'Acme Corp', 'Closed Won', 'won', 12_500, '2024-01-15']);
    expect(deal.raw().get(3)).toEqual(['陈静', '北京星辰科技有限公司', '赢单', 'won', 45_000, '2024-02-03']);
    expect(deal.raw().get(13)).toEqual(['Anna Berg', 'Hooli', 'Closed Lost', 'lost', 2_750.5, '2024-04-26']);
    expect(deal.raw().get(15)).toEqual(['陈静', '上海明月贸易有限公司', '谈判', 'open', 12_000, null]);

    // Importing is the confirmation: now the mapping is saved, and a file with the same headers
    // comes back with it as the user's, no longer marked as guessed.
    expect(db.prepare('SELECT kind, mapping_json FROM saved_mappings').raw().all()).toEqual([
      ['deals', JSON.stringify(MAPPING)],
    ]);
    const again = applySavedMapping(db, await stage());
    expect(again.info).toMatchObject({ kind: 'deals', mappingSource: 'saved', mapping: MAPPING });
    expect(again.info.guessedFromValues).toBeUndefined();
  });
});

describe('odd-headers-deals.csv through the engine', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qc-value-mapping-'));
  const engine = new Engine({
    dataDir: dir,
    resourcesDir: path.resolve(import.meta.dirname, '../../resources'),
    now: () => new Date(NOW),
  });
  afterAll(() => {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function stageBytes() {
    const r = await engine.handlers['import.stage']({
      fileName: 'odd-headers-deals.csv',
      bytes: new Uint8Array(readFileSync(FIXTURE)),
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }

  it('marks guesses until the user changes them, saves them only with the import', async () => {
    const first = await stageBytes();
    expect(first).toMatchObject({ kind: 'deals', mappingSource: 'detected', mapping: MAPPING });
    expect(first.guessedFromValues).toEqual(['owner', 'stage', 'close_date', 'account']);

    // The user maps the account elsewhere: that field is no longer a guess, the others still are.
    const remapped = await engine.handlers['import.remap']({
      stagedId: first.stagedId,
      kind: 'deals',
      mapping: { ...MAPPING, account: null, name: 'Client' },
    });
    expect(remapped.ok && remapped.value.guessedFromValues).toEqual(['owner', 'stage', 'close_date']);

    // Choosing the kind again redetects the same guesses.
    const redetected = await engine.handlers['import.redetect']({ stagedId: first.stagedId, kind: 'deals' });
    expect(redetected.ok && redetected.value.guessedFromValues).toEqual([
      'owner',
      'stage',
      'close_date',
      'account',
    ]);

    // Staged again before any import: still a guess, nothing was remembered.
    const second = await stageBytes();
    expect(second).toMatchObject({ mappingSource: 'detected' });
    expect(second.guessedFromValues).toEqual(['owner', 'stage', 'close_date', 'account']);

    const run = await engine.handlers['import.run']({
      jobId: 'value-mapping',
      stagedId: second.stagedId,
      kind: 'deals',
      mapping: second.mapping,
    });
    expect(run.ok && run.value.counts).toEqual({
      read: 16,
      added: 16,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });

    const third = await stageBytes();
    expect(third).toMatchObject({ kind: 'deals', mappingSource: 'saved', mapping: MAPPING });
    expect(third.guessedFromValues).toBeUndefined();
  });
});

describe('the headless import of a file whose columns were guessed', () => {
  it('imports with the guess but does not remember it as a confirmed mapping', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    try {
      const result = await importPaths(sqlite, [FIXTURE], '2026-01-01T00:00:00.000Z');
      expect(result.ok && result.value.map((s) => s.counts.added)).toEqual([16]);
      expect(sqlite.prepare('SELECT count(*) FROM saved_mappings').pluck().get()).toBe(0);
    } finally {
      database.close();
    }
  });
});
