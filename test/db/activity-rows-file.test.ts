import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { activityCachePath } from '../../engine/analysis/activity-cache';
import { readActivityColumns } from '../../engine/analysis/activity-columns';
import {
  activityRowsPath,
  activityRowsState,
  ActivityRowsWriter,
  readActivityRows,
} from '../../engine/analysis/activity-rows-file';
import { loadWorkingSet, loadWorkingSetAsync } from '../../engine/analysis/working-set';
import type { SqliteHandle } from '../../engine/db/open-database';
import { undoImport } from '../../engine/import/undo-import';
import { Workspace } from '../../engine/workspace/workspace';
import { importActivityFile } from './helpers/import-activity-file';

const dir = mkdtempSync(join(tmpdir(), 'qc-rows-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(lines: string[]): string {
  const path = join(dir, `file-${++n}.csv`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

const HEADER =
  'Activity ID,Assigned To,Activity Type,Subject,Activity Date,Account Name,Call Result,Duration (min)';
const NO_ID_HEADER = 'Assigned To,Activity Type,Activity Date,Account Name,Call Result,Duration (min)';
// Every branch of the connected flag: outcomes connecting always, from a minute, never, none; and
// durations missing, zero, under and over a minute. Rows without an account, and every type.
const OUTCOMES = [
  'Connected',
  'No answer',
  'Left voicemail',
  '',
  '已接通',
  'Call Back',
  'Completed',
  '未接通',
];
const DURATIONS = ['', '0', '0.5', '1', '12', '3'];
const TYPES = ['Call', 'Call', 'Meeting', 'Email', 'Call', 'Task', 'Visit'];
const day = (i: number) => `2024-0${(i % 9) + 1}-${String((i % 28) + 1).padStart(2, '0')}`;
const activity = (id: string, i: number, subject = `Subject ${i % 9}`) =>
  `${id},Rep ${i % 7},${TYPES[i % 7]},${subject},${day(i)},${i % 13 === 0 ? '' : `Account ${i % 11}`},${OUTCOMES[i % 8]},${DURATIONS[i % 6]}`;

// Repeated ids within the file (rejected, the first row kept), rows without an id among them.
const firstLines = [HEADER];
for (let i = 0; i < 3_000; i++) firstLines.push(activity(`A-${i % 2_600}`, i));
for (let i = 0; i < 200; i++) firstLines.splice(1 + i * 7, 0, activity('', i % 150, 'No id'));
// Changed rows (patches of stored rows) and new ids.
const secondLines = [HEADER];
for (let i = 0; i < 3_000; i++) secondLines.push(activity(`A-${i}`, i + (i % 4 === 0 ? 1 : 0)));
for (let i = 0; i < 500; i++) secondLines.push(activity(`B-${i % 400}`, i + 3));
const noIdLines = [NO_ID_HEADER];
for (let i = 0; i < 900; i++)
  noIdLines.push(`Rep ${i % 4},Call,${day(i)},Account ${i % 6},${OUTCOMES[(i + 3) % 8]},${DURATIONS[i % 6]}`);
const [first, second, noIds] = [firstLines, secondLines, noIdLines].map(file) as [string, string, string];

/** The rows file's activities when it names the workspace as it is now. */
function fromFile(sqlite: SqliteHandle, path: string) {
  const state = activityRowsState(sqlite);
  return state === null ? null : readActivityRows(activityRowsPath(path), state);
}

/** The rows file gives exactly what reading the table gives. */
function expectSameAsTable(sqlite: SqliteHandle, path: string): void {
  const stored = fromFile(sqlite, path);
  const table = readActivityColumns(sqlite);
  expect(stored).not.toBeNull();
  expect([...(stored?.codes ?? [])]).toEqual([...table.codes]);
  expect([...(stored?.accounts ?? [])]).toEqual([...table.accounts]);
  // The file keeps every call outcome it saw (a patched-away one too), classified as today.
  expect(stored?.outcomes).toEqual(expect.arrayContaining(table.outcomes));
}

describe('the activity rows file', () => {
  it('gives what the table gives after every import, and is extended, rewritten or dropped as the ids allow', async () => {
    const path = join(dir, 'steps.sqlite');
    const ws = new Workspace(path, false);
    const { sqlite } = ws;
    await importActivityFile(sqlite, first);
    expectSameAsTable(sqlite, path);
    await importActivityFile(sqlite, first);
    expectSameAsTable(sqlite, path);
    const changed = await importActivityFile(sqlite, second);
    expect(changed.counts.updated).toBeGreaterThan(0);
    expectSameAsTable(sqlite, path);
    const idless = await importActivityFile(sqlite, noIds);
    expectSameAsTable(sqlite, path);

    // Undoing the last import leaves consecutive ids: the file no longer names the workspace,
    // and the next open, reading the table, writes it again.
    undoImport(sqlite, idless.batchId);
    expect(fromFile(sqlite, path)).toBeNull();
    ws.invalidate();
    ws.getWorkingSet();
    expectSameAsTable(sqlite, path);
    await importActivityFile(sqlite, noIds);
    expectSameAsTable(sqlite, path);

    // Undoing an import in the middle leaves a gap in the ids: no file is written, and the next
    // import removes the stale one.
    undoImport(sqlite, changed.batchId);
    ws.invalidate();
    ws.getWorkingSet();
    expect(fromFile(sqlite, path)).toBeNull();
    await importActivityFile(sqlite, second);
    expect(existsSync(activityRowsPath(path))).toBe(false);
    ws.close();
  });

  it('is written when the record keys move to temporary tables, and not by tests that ask for none', async () => {
    const spilled = join(dir, 'spilled.sqlite');
    const a = new Workspace(spilled, false);
    await importActivityFile(a.sqlite, first, { maxKeysInMemory: 10 });
    await importActivityFile(a.sqlite, second, { maxKeysInMemory: 10 });
    expectSameAsTable(a.sqlite, spilled);
    a.close();
    const none = join(dir, 'none.sqlite');
    const b = new Workspace(none, false);
    await importActivityFile(b.sqlite, first, { sideFiles: false });
    expect(existsSync(activityRowsPath(none))).toBe(false);
    b.close();
  });

  it('is what an open after an import reads, on one thread or two', async () => {
    const path = join(dir, 'opened.sqlite');
    const ws = new Workspace(path, false);
    await importActivityFile(ws.sqlite, first);
    const expected = loadWorkingSet(ws.sqlite).activities;
    // Rows changed behind the token's back (nothing in the app does this): an open that shows
    // the imported types read the file, not the table.
    ws.sqlite.exec('UPDATE activities SET type_code = 5');
    const cache = { path: activityCachePath(path), rows: activityRowsPath(path), writable: true };
    for (const load of [
      () => Promise.resolve(loadWorkingSet(ws.sqlite, cache)),
      () => loadWorkingSetAsync(ws.sqlite, { file: path }, cache),
    ]) {
      rmSync(cache.path, { force: true });
      const loaded = (await load()).activities;
      expect([...loaded.type]).toEqual([...expected.type]);
      expect([...loaded.day]).toEqual([...expected.day]);
      expect([...loaded.flags]).toEqual([...expected.flags]);
    }
    ws.close();
  });

  it('is extended in place after the commit, or on a copy once a stored row changes or the new rows pass its memory cap', async () => {
    const path = join(dir, 'in-place.sqlite');
    const ws = new Workspace(path, false);
    await importActivityFile(ws.sqlite, first);
    const state = activityRowsState(ws.sqlite);
    if (!state) throw new Error('no state');
    const rows = activityRowsPath(path);
    const before = readFileSync(rows);
    const old = readActivityRows(rows, state);
    const n = old?.codes.length ?? 0;
    expect(n).toBeGreaterThan(2_000);
    // More new rows than the writer buffers (65,536), so some are written before the patch.
    const added = 70_000;
    const next = { token: 'next', maxId: state.maxId + added, schema: state.schema };
    /** A copy being written beside the workspace's file (the in-place road writes none). */
    const copying = () => readdirSync(dir).some((f) => f.startsWith('in-place.sqlite.activity-rows.'));
    /**
     * New rows, and with `patchAfter` the first stored row changed to the first new row's values,
     * after them; `maxHeld`, the bytes of new records held in memory (the first 65,536 pass 100 KB).
     */
    const extend = (patchAfter: boolean, maxHeld: number | undefined, commit: boolean) => {
      const writer = ActivityRowsWriter.extending(rows, state, n, maxHeld);
      writer.add(3, 7, 0, 19_800, 'Connected', 2);
      for (let i = 1; i < added; i++) writer.add(4, i % 2 === 0 ? null : i, 1, 19_801, null, null);
      if (patchAfter) writer.patch(state.firstId, 3, 7, 0, 19_800, 'Connected', 2);
      writer.seal(next);
      expect(copying()).toBe(patchAfter || maxHeld !== undefined);
      // Nothing on disk changes before the import commits (publish).
      expect(readFileSync(rows).equals(before)).toBe(true);
      if (commit) writer.publish();
      else writer.discard();
      expect(copying()).toBe(false);
    };
    for (const [patchAfter, maxHeld] of [
      [false, undefined],
      [true, undefined],
      [false, 100_000],
      [true, 100_000],
    ] as const) {
      extend(patchAfter, maxHeld, false);
      expect(readFileSync(rows).equals(before)).toBe(true);
      extend(patchAfter, maxHeld, true);
      expect(readActivityRows(rows, state)).toBeNull();
      const after = readActivityRows(rows, next);
      const codes = [...(after?.codes ?? [])];
      const accounts = [...(after?.accounts ?? [])];
      expect(codes.length).toBe(n + added);
      // The stored rows as they were (the first one changed like the first new row), then the new rows.
      expect(codes.slice(1, n)).toEqual([...(old?.codes ?? [])].slice(1, n));
      expect(codes[0]).toBe(patchAfter ? codes[n] : old?.codes[0]);
      expect(accounts.slice(n)).toEqual(
        Array.from({ length: added }, (_, i) => (i === 0 ? 7 : i % 2 === 0 ? 0 : i)),
      );
      expect(codes[n]).not.toBe(codes[n + 1]);
      expect(new Set(codes.slice(n + 1)).size).toBe(1);
      writeFileSync(rows, before);
    }
    ws.close();
  });

  it('is refused when its token, its largest id, the schema, a byte or its length differ', async () => {
    const path = join(dir, 'damaged.sqlite');
    const ws = new Workspace(path, false);
    await importActivityFile(ws.sqlite, first);
    const state = activityRowsState(ws.sqlite);
    if (!state) throw new Error('no state');
    const rows = activityRowsPath(path);
    expect(readActivityRows(rows, state)).not.toBeNull();
    expect(readActivityRows(rows, { ...state, token: 'another' })).toBeNull();
    expect(readActivityRows(rows, { ...state, maxId: state.maxId + 1 })).toBeNull();
    expect(readActivityRows(rows, { ...state, schema: state.schema + 1 })).toBeNull();
    const bytes = readFileSync(rows);
    const copy = join(dir, 'copy.activity-rows');
    // A record, the outcomes after them, and the last byte.
    for (const at of [600, bytes.length - 40, bytes.length - 1]) {
      const damaged = Buffer.from(bytes);
      damaged[at] = (damaged[at] as number) ^ 4;
      writeFileSync(copy, damaged);
      expect(readActivityRows(copy, state)).toBeNull();
    }
    writeFileSync(copy, bytes.subarray(0, bytes.length - 12));
    expect(readActivityRows(copy, state)).toBeNull();
    expect(readActivityRows(join(dir, 'missing'), state)).toBeNull();

    // A damaged file is never extended into one that passes: appended to (its checksum carried
    // on) or patched (its records checked first).
    for (const next of [noIds, second]) {
      const damaged = Buffer.from(readFileSync(rows));
      damaged[600] = (damaged[600] as number) ^ 4;
      writeFileSync(rows, damaged);
      await importActivityFile(ws.sqlite, next);
      expect(fromFile(ws.sqlite, path)).toBeNull();
      // The next open reads the table and writes a whole file again.
      ws.invalidate();
      ws.getWorkingSet();
      expectSameAsTable(ws.sqlite, path);
    }
    ws.close();
  });
});
