import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../engine/db/open-database';
import { runImport } from '../../engine/import/run-import';
import { inspectTable } from '../../engine/import/stage-file';

/**
 * OpenOptions.exclusive, how the CLI holds a workspace for its imports: a rollback journal under
 * an exclusive lock, new or existing workspace alike, unless another connection has the file open;
 * WAL again afterwards. (The kill test checks that a killed import rolls back from the journal.)
 */
const dir = mkdtempSync(join(tmpdir(), 'qc-exclusive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mode = (db: BetterSqlite3.Database): unknown => db.pragma('journal_mode', { simple: true });

describe('a workspace opened exclusive', () => {
  it('keeps a rollback journal under an exclusive lock, new or existing, and the WAL afterwards', () => {
    const path = join(dir, 'alone.sqlite');
    for (const round of [1, 2]) {
      const workspace = openDatabase(path, { exclusive: true });
      expect(workspace.exclusive).toBe(true);
      expect(mode(workspace.sqlite)).toBe('delete');
      expect(workspace.sqlite.pragma('synchronous', { simple: true })).toBe(2);
      workspace.sqlite.exec(`INSERT INTO reps (name, name_key) VALUES ('Rep ${round}', 'rep ${round}')`);
      expect(existsSync(`${path}-wal`)).toBe(false);
      // Nobody else can read it meanwhile.
      const other = new BetterSqlite3(path, { timeout: 0 });
      expect(() => other.prepare('SELECT count(*) FROM reps').get()).toThrow(/locked/);
      other.close();
      workspace.finishExclusive();
      expect(workspace.exclusive).toBe(false);
      expect(mode(workspace.sqlite)).toBe('wal');
      expect(workspace.sqlite.pragma('synchronous', { simple: true })).toBe(1);
      workspace.close();
      const reader = new BetterSqlite3(path, { readonly: true });
      expect(mode(reader)).toBe('wal');
      expect(reader.prepare('SELECT count(*) FROM reps').pluck().get()).toBe(round);
      reader.close();
    }
  });

  it('stays in the WAL when another connection has the workspace open', () => {
    const path = join(dir, 'shared.sqlite');
    openDatabase(path).close();
    const app = openDatabase(path);
    expect(app.sqlite.prepare('SELECT count(*) FROM reps').pluck().get()).toBe(0);
    const cli = openDatabase(path, { exclusive: true });
    expect(cli.exclusive).toBe(false);
    expect(mode(cli.sqlite)).toBe('wal');
    cli.sqlite.exec("INSERT INTO reps (name, name_key) VALUES ('Ann', 'ann')");
    // The other connection still reads and writes.
    expect(app.sqlite.prepare('SELECT count(*) FROM reps').pluck().get()).toBe(1);
    app.sqlite.exec("INSERT INTO reps (name, name_key) VALUES ('Bo', 'bo')");
    cli.finishExclusive();
    expect(mode(cli.sqlite)).toBe('wal');
    cli.close();
    app.close();
  });
});

/**
 * The app keeps its workspace in the WAL but imports a large file holding it exclusively, as the
 * CLI does (run-import.ts, EXCLUSIVE_IMPORT_BYTES): `exclusiveFromBytes` stands in for a large file.
 */
describe('a large import into a workspace in the WAL', () => {
  const csv = join(dir, 'activities.csv');
  writeFileSync(
    csv,
    [
      'Activity ID,Assigned To,Activity Type,Activity Date',
      'A1,Ann,Call,2024-01-02',
      'A2,Bob,Email,2024-01-03',
    ].join('\n'),
  );
  /** Imports the file; during the import, whether another connection could read the workspace. */
  async function importWatched(
    path: string,
    db: BetterSqlite3.Database,
    exclusiveFromBytes?: number,
  ): Promise<{ readable: boolean; checkpoints: number }> {
    const staged = await inspectTable(csv, 'activities.csv', 'x', statSync(csv).size);
    if (!staged.ok || !staged.value.info.kind) throw new Error('not staged');
    let readable: boolean | null = null;
    let checkpoints = 0;
    const result = await runImport(db, {
      staged: staged.value,
      kind: staged.value.info.kind,
      mapping: staged.value.info.mapping,
      now: '2026-01-01T00:00:00.000Z',
      checkpoint: () => checkpoints++,
      onProgress: () => {
        if (readable !== null) return;
        const other = new BetterSqlite3(path, { readonly: true, timeout: 0 });
        try {
          other.prepare('SELECT count(*) FROM reps').get();
          readable = true;
        } catch {
          readable = false;
        } finally {
          other.close();
        }
      },
      ...(exclusiveFromBytes === undefined ? {} : { exclusiveFromBytes }),
    });
    expect(result.ok).toBe(true);
    return { readable: readable ?? true, checkpoints };
  }

  it('holds it for itself in a rollback journal, then gives it back in the WAL with nothing to copy', async () => {
    const path = join(dir, 'app-large.sqlite');
    const app = openDatabase(path);
    const watched = await importWatched(path, app.sqlite, 0);
    expect(watched.readable).toBe(false);
    // Written into the file itself: no copy of the WAL is asked for.
    expect(watched.checkpoints).toBe(0);
    expect(mode(app.sqlite)).toBe('wal');
    expect(app.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(existsSync(`${path}-journal`)).toBe(false);
    // Others read it again, and see the import.
    const reader = new BetterSqlite3(path, { readonly: true, timeout: 0 });
    expect(reader.prepare('SELECT count(*) FROM activities').pluck().get()).toBe(2);
    reader.close();
    app.close();
  });

  it('stays in the WAL for a small file, or when another connection has the workspace open', async () => {
    const small = join(dir, 'app-small.sqlite');
    const app = openDatabase(small);
    // The two-row file is far below the default size.
    expect(await importWatched(small, app.sqlite)).toEqual({ readable: true, checkpoints: 1 });
    app.close();

    const shared = join(dir, 'app-shared.sqlite');
    const engine = openDatabase(shared);
    const cli = openDatabase(shared);
    expect(await importWatched(shared, engine.sqlite, 0)).toEqual({ readable: true, checkpoints: 1 });
    expect(mode(engine.sqlite)).toBe('wal');
    expect(cli.sqlite.prepare('SELECT count(*) FROM activities').pluck().get()).toBe(2);
    cli.close();
    engine.close();
  });
});
