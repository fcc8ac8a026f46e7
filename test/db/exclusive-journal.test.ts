import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../engine/db/open-database';

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
