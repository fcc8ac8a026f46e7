import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { activityCachePath, readActivityCache } from '../../engine/analysis/activity-cache';
import { loadWorkingSet } from '../../engine/analysis/working-set';
import { importPaths } from '../../engine/import/import-files';
import { undoImport } from '../../engine/import/undo-import';
import { mergeReps } from '../../engine/workspace/rep-duplicates';
import { Workspace } from '../../engine/workspace/workspace';
import type { ActivityColumns } from '../../shared/domain/types';

const NOW = '2026-01-01T00:00:00.000Z';
const dir = mkdtempSync(join(tmpdir(), 'qc-activity-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeActivities(name: string, rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    ['Activity ID,Assigned To,Activity Type,Activity Date,Account Name,Call Result', ...rows].join('\n'),
  );
  return path;
}

const first = writeActivities('first.csv', [
  'A-1,Ann Lee,Call,2025-01-03,Acme,Connected',
  'A-2,Bob Stone,Meeting,2025-01-02,Globex,',
  'A-3,Ann Lee,Call,2025-01-01,Initech,No answer',
  'A-4,Cy Young,Email,2025-02-01,Acme,',
]);
const second = writeActivities('second.csv', ['B-1,Bob Stone,Call,2025-03-01,Umbrella,Connected']);

/** The columns as plain arrays, to compare two loads. */
const plain = (a: ActivityColumns) => ({
  rep: [...a.rep],
  type: [...a.type],
  day: [...a.day],
  account: [...a.account],
  flags: [...a.flags],
  repStart: [...a.repStart],
});

/** What a load from the table (no cache) gives now. */
function fromTable(ws: Workspace): ReturnType<typeof plain> {
  return plain(loadWorkingSet(ws.sqlite).activities);
}

/** Opens the file as the app does (a fresh Workspace) and loads through the cache. */
function reopen(file: string): { ws: Workspace; activities: ReturnType<typeof plain> } {
  const ws = new Workspace(file, false);
  return { ws, activities: plain(ws.getWorkingSet().activities) };
}

/** A cache file's header: its key, its row count, and where its data starts. */
function headerOf(raw: Buffer): { key: string; n: number; dataStart: number } {
  const headerLength = raw.readUInt32LE(4);
  const { key, n } = JSON.parse(raw.subarray(8, 8 + headerLength).toString('utf8')) as {
    key: string;
    n: number;
  };
  return { key, n, dataStart: Math.ceil((8 + headerLength) / 8) * 8 };
}

/** A workspace file with the first file imported and its working set loaded (the cache written). */
async function cachedWorkspace(name: string) {
  const file = join(dir, name);
  const ws = new Workspace(file, false);
  expect((await importPaths(ws.sqlite, [first], NOW)).ok).toBe(true);
  const loaded = plain(ws.getWorkingSet().activities);
  ws.close();
  const cache = activityCachePath(file);
  return { file, loaded, cache, whole: readFileSync(cache) };
}

function cacheHolds(file: string, activities: ReturnType<typeof plain>): boolean {
  // The cache's own key is in its header; reading under it gives the columns it holds.
  const { key } = headerOf(readFileSync(activityCachePath(file)));
  const cached = readActivityCache(activityCachePath(file), key);
  return cached !== null && JSON.stringify(plain(cached)) === JSON.stringify(activities);
}

describe('the working-set activity cache', () => {
  it('is written at the first open and read at the next, with the same columns as the table', async () => {
    const file = join(dir, 'a.sqlite');
    const ws = new Workspace(file, false);
    expect((await importPaths(ws.sqlite, [first], NOW)).ok).toBe(true);
    const loaded = plain(ws.getWorkingSet().activities);
    expect(loaded.day).toHaveLength(4);
    expect(existsSync(activityCachePath(file))).toBe(true);
    expect(cacheHolds(file, loaded)).toBe(true);
    ws.close();
    const again = reopen(file);
    expect(again.activities).toEqual(loaded);
    expect(again.activities).toEqual(fromTable(again.ws));
    // The open read the file, not the table: a change made behind the workspace's back (no
    // token change, which no code path of the app does) is not seen until the token changes.
    again.ws.sqlite.prepare('UPDATE activities SET activity_day = activity_day + 1').run();
    again.ws.close();
    const stale = reopen(file);
    expect(stale.activities).toEqual(loaded);
    expect(stale.activities).not.toEqual(fromTable(stale.ws));
    stale.ws.close();
  });

  it('is not used after an activities import, an undo or a rep merge: each gives the table’s columns', async () => {
    const file = join(dir, 'b.sqlite');
    let ws = new Workspace(file, false);
    const imported = await importPaths(ws.sqlite, [first], NOW);
    expect(imported.ok).toBe(true);
    ws.getWorkingSet();
    ws.close();

    // A second activities file.
    ({ ws } = reopen(file));
    const next = await importPaths(ws.sqlite, [second], NOW);
    expect(next.ok).toBe(true);
    ws.close();
    let opened = reopen(file);
    expect(opened.activities.day).toHaveLength(5);
    expect(opened.activities).toEqual(fromTable(opened.ws));

    // Undo of that file.
    const batch = opened.ws.sqlite.prepare('SELECT max(id) FROM import_batches').pluck().get() as number;
    expect(undoImport(opened.ws.sqlite, batch)).not.toBeNull();
    opened.ws.close();
    opened = reopen(file);
    expect(opened.activities.day).toHaveLength(4);
    expect(opened.activities).toEqual(fromTable(opened.ws));

    // Two reps merged: the positions move.
    const ids = opened.ws.sqlite
      .prepare("SELECT id FROM reps WHERE name IN ('Ann Lee', 'Cy Young') ORDER BY name")
      .pluck()
      .all() as number[];
    expect(mergeReps(opened.ws.sqlite, ids[1]!, ids[0]!)).toBe(true);
    const before = opened.activities;
    opened.ws.close();
    opened = reopen(file);
    expect(opened.activities).not.toEqual(before);
    expect(opened.activities).toEqual(fromTable(opened.ws));
    opened.ws.close();
  });

  it('does not match a restored copy of the workspace whose activities differ', async () => {
    const file = join(dir, 'c.sqlite');
    const backup = join(dir, 'c-backup.sqlite');
    let ws = new Workspace(file, false);
    expect((await importPaths(ws.sqlite, [first], NOW)).ok).toBe(true);
    ws.getWorkingSet();
    ws.close();
    copyFileSync(file, backup);
    // Another import, then undone: the same rows, the same largest id, but a new token.
    ({ ws } = reopen(file));
    expect((await importPaths(ws.sqlite, [second], NOW)).ok).toBe(true);
    ws.close();
    ({ ws } = reopen(file));
    ws.close();
    copyFileSync(backup, file);
    for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
    const restored = reopen(file);
    expect(restored.activities.day).toHaveLength(4);
    expect(restored.activities).toEqual(fromTable(restored.ws));
    restored.ws.close();
  });

  it('falls back to the table when the cache file is damaged', async () => {
    const { file, loaded, cache, whole } = await cachedWorkspace('d.sqlite');
    for (const damaged of [
      whole.subarray(0, whole.length - 3), // truncated
      Buffer.concat([whole, Buffer.from([0])]), // longer
      Buffer.from('not a cache at all'),
      Buffer.alloc(0),
    ]) {
      writeFileSync(cache, damaged);
      const opened = reopen(file);
      expect(opened.activities).toEqual(loaded);
      opened.ws.close();
    }
    // Rep boundaries out of order under a matching key are refused too.
    writeFileSync(cache, whole);
    const raw = Buffer.from(whole);
    const { n, dataStart } = headerOf(raw);
    const repStartAt = dataStart + 3 * Math.ceil((4 * n) / 8) * 8;
    raw.writeInt32LE(99, repStartAt); // repStart[0] must be 0
    writeFileSync(cache, raw);
    const opened = reopen(file);
    expect(opened.activities).toEqual(loaded);
    opened.ws.close();
  });

  it('is not used when today’s rules classify a stored call outcome differently', async () => {
    const { file, loaded, cache, whole } = await cachedWorkspace('f.sqlite');
    expect(cacheHolds(file, loaded)).toBe(true);
    // The header says "Connected" was a connected call; "Connectex" (same length) is a word the
    // rules do not know, so its stored classes are not today's.
    const at = whole.indexOf('"Connected"');
    expect(at).toBeGreaterThan(0);
    const edited = Buffer.from(whole);
    edited.write('"Connectex"', at);
    writeFileSync(cache, edited);
    const { key } = headerOf(edited);
    expect(readActivityCache(cache, key)).toBeNull();
    writeFileSync(cache, whole);
    expect(readActivityCache(cache, key)).not.toBeNull();
  });

  it('is not written for a read-only workspace without a token, and never for one in memory', async () => {
    const file = join(dir, 'e.sqlite');
    const ws = new Workspace(file, false);
    expect((await importPaths(ws.sqlite, [first], NOW)).ok).toBe(true);
    ws.sqlite.prepare("DELETE FROM settings WHERE key = 'activities_token'").run();
    ws.close();
    rmSync(activityCachePath(file), { force: true });
    const readonly = new Workspace(file, false, { readonly: true });
    expect(readonly.getWorkingSet().activities.length).toBe(4);
    readonly.close();
    expect(existsSync(activityCachePath(file))).toBe(false);

    const memory = new Workspace(':memory:', false);
    expect((await importPaths(memory.sqlite, [first], NOW)).ok).toBe(true);
    expect(memory.getWorkingSet().activities.length).toBe(4);
    memory.close();
    expect(existsSync(activityCachePath(':memory:'))).toBe(false);
  });
});
