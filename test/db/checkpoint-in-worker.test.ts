import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type * as ActivityColumnsReader from '../../engine/analysis/activity-columns-reader';
import { checkpointInWorker } from '../../engine/analysis/activity-columns-reader';
import { Engine } from '../../engine/api/engine';
import { openDatabase } from '../../engine/db/open-database';
import { Workspace } from '../../engine/workspace/workspace';
import { importActivityFile } from './helpers/import-activity-file';

/**
 * After an import into a workspace in WAL (the app's), the WAL is copied into the database file
 * on another thread (checkpointInWorker), not on the engine's: the database file alone, without
 * its WAL, then holds the import.
 */
// The engine's calls are recorded, with what each copy resolved to; the worker still runs.
const asked = vi.hoisted(() => [] as string[]);
const copies = vi.hoisted(() => [] as Promise<boolean>[]);
vi.mock('../../engine/analysis/activity-columns-reader', async (original) => {
  const real = await original<typeof ActivityColumnsReader>();
  return {
    ...real,
    checkpointInWorker: (file: string, nativeBinding?: string) => {
      asked.push(file);
      const copy = real.checkpointInWorker(file, nativeBinding);
      copies.push(copy);
      return copy;
    },
  };
});

const root = resolve(import.meta.dirname, '../..');
const ACTIVITIES = resolve(root, 'resources/demo/activities.csv');
const DEMO = resolve(root, 'resources/demo');
const dir = mkdtempSync(join(tmpdir(), 'qc-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rows of a table in the database file as it is on disk, without its WAL. */
function rowsInFileAlone(path: string, table = 'activities'): number {
  const copy = `${path}.alone`;
  rmSync(copy, { force: true });
  copyFileSync(path, copy);
  const db = new BetterSqlite3(copy, { readonly: true });
  try {
    const exists = db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(table);
    return exists ? (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) : 0;
  } finally {
    db.close();
  }
}

describe('the WAL copied into the file on another thread after an import', () => {
  it('leaves the file alone holding every imported row, where no checkpoint leaves it none', async () => {
    for (const copied of [false, true]) {
      const path = join(dir, `direct-${copied}.sqlite`);
      const database = openDatabase(path);
      try {
        let checkpoint: Promise<boolean> | null = null;
        const { counts } = await importActivityFile(database.sqlite, ACTIVITIES, {
          checkpoint: () => {
            checkpoint = copied ? checkpointInWorker(path) : Promise.resolve(false);
          },
        });
        expect(counts.added).toBeGreaterThan(1000);
        expect(await (checkpoint as Promise<boolean> | null)).toBe(copied);
        expect(rowsInFileAlone(path)).toBe(copied ? counts.added : 0);
      } finally {
        database.close();
      }
    }
  });

  it('is what the engine asks for after an import into a workspace file in WAL, not one the CLI holds', async () => {
    asked.length = 0;
    const held = join(dir, 'held.sqlite');
    const cli = new Workspace(held, false, { exclusive: true });
    const cliEngine = Engine.inProcess(cli, { now: () => new Date('2026-01-02T03:04:05.000Z') });
    try {
      expect(((await cliEngine.call('import.files', { paths: [ACTIVITIES] })) as { ok: boolean }).ok).toBe(
        true,
      );
    } finally {
      cliEngine.close();
      cli.close();
    }
    expect(asked).toEqual([]);
    const path = join(dir, 'engine.sqlite');
    const workspace = new Workspace(path, false);
    const engine = Engine.inProcess(workspace, { now: () => new Date('2026-01-02T03:04:05.000Z') });
    try {
      const r = (await engine.call('import.files', { paths: [ACTIVITIES] })) as { ok: boolean };
      expect(r.ok).toBe(true);
      expect(asked).toEqual([path]);
      const imported = workspace.sqlite.prepare('SELECT count(*) FROM activities').pluck().get() as number;
      expect(imported).toBeGreaterThan(1000);
      // The engine answers at once; the worker copies meanwhile. The file alone is read once the
      // copy is done: a copy of the file taken while the worker writes it may be torn.
      expect(await copies.at(-1)).toBe(true);
      expect(rowsInFileAlone(path)).toBe(imported);
    } finally {
      engine.close();
      workspace.close();
    }
  });

  it('runs once after a run of several files, and the file alone then holds all of them', async () => {
    asked.length = 0;
    const path = join(dir, 'several.sqlite');
    const workspace = new Workspace(path, false);
    const engine = Engine.inProcess(workspace, { now: () => new Date('2026-01-02T03:04:05.000Z') });
    try {
      const paths = ['reps.csv', 'deals.csv', 'activities.csv'].map((f) => join(DEMO, f));
      const r = (await engine.call('import.files', { paths })) as { ok: boolean; value: unknown[] };
      expect(r.ok).toBe(true);
      expect(r.value).toHaveLength(3);
      expect(asked).toEqual([path]);
      const count = (table: string): number =>
        workspace.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      const imported = count('activities') + count('deals');
      expect(count('deals')).toBeGreaterThan(100);
      expect(await copies.at(-1)).toBe(true);
      expect(rowsInFileAlone(path) + rowsInFileAlone(path, 'deals')).toBe(imported);
    } finally {
      engine.close();
      workspace.close();
    }
  });
});
