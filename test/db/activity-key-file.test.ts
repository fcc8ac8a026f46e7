import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { activitiesToken } from '../../engine/analysis/activity-cache';
import { activityRowsPath } from '../../engine/analysis/activity-rows-file';
import { openDatabase, type SqliteHandle } from '../../engine/db/open-database';
import { ActivityStore } from '../../engine/import/activities/activity-store';
import { activityKeyFilePath, KeyFileWriter, readKeyFile } from '../../engine/import/activities/key-file';
import { undoImport } from '../../engine/import/undo-import';
import { importActivityFile } from './helpers/import-activity-file';
import { removeStaleTemporaries } from '../../engine/workspace/stale-temporaries';

const dir = mkdtempSync(join(tmpdir(), 'qc-key-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(lines: string[]): string {
  const path = join(dir, `file-${++n}.csv`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

const HEADER =
  'Activity ID,Assigned To,Activity Type,Subject,Activity Date,Account Name,Call Result,Duration (min)';
const NO_ID_HEADER = 'Assigned To,Activity Type,Subject,Activity Date,Account Name';

const importFile = importActivityFile;

/** The CRC-32 of these words' little-endian bytes (what a key file's checksums are). */
const wordsCrc = (words: number[]): number => crc32(new Uint8Array(Uint32Array.from(words).buffer));

function rows(sqlite: SqliteHandle) {
  return sqlite
    .prepare(
      `SELECT a.id, a.row_hash, a.external_id, r.name AS rep, c.name AS account, a.type, a.activity_date,
              a.subject, a.outcome, a.duration_min
       FROM activity_rows a JOIN reps r ON r.id = a.rep_id LEFT JOIN accounts c ON c.id = a.account_id
       ORDER BY a.id`,
    )
    .safeIntegers(true)
    .all();
}

/** Where a new import into this workspace would take its stored keys from. */
function keySource(sqlite: SqliteHandle, path: string): string {
  sqlite.exec('BEGIN');
  try {
    const store = new ActivityStore(sqlite, 1, {
      createAccounts: true,
      expectedRows: 10,
      sideFiles: {
        keys: activityKeyFilePath(path),
        rows: activityRowsPath(path),
        token: activitiesToken(sqlite),
      },
    });
    store.discardSideFiles();
    return store.storedKeySource;
  } finally {
    sqlite.exec('ROLLBACK');
  }
}

const activity = (id: string, i: number, subject = `Subject ${i % 9}`) =>
  `${id},Rep ${i % 5},${i % 3 === 0 ? 'Email' : 'Call'},${subject},2024-03-${String((i % 28) + 1).padStart(2, '0')},Account ${i % 11},Connected,${i % 40}`;

describe('the activity key file', () => {
  it('reads back what was written, and nothing when the token, the largest id or a byte differ', () => {
    const path = join(dir, 'unit.activity-keys');
    const writer = new KeyFileWriter(path);
    writer.addRecord(11, 12, 1, 13, 14);
    writer.addRecords(Uint32Array.from([21, 22, 2, 23, 24, 31, 32, 5, 33, 34]), 2);
    writer.addContent(41, 42);
    writer.addContent(41, 42);
    writer.seal('token-a', 7, 9);
    expect(existsSync(path)).toBe(false);
    writer.publish();
    const read = readKeyFile(path, { token: 'token-a', maxId: 7 });
    expect(
      read && {
        ...read,
        records: [...read.records],
        contents: [...read.contents],
      },
    ).toEqual({
      rows: 9,
      ids: 3,
      recordsCheck: wordsCrc([11, 12, 1, 13, 14, 21, 22, 2, 23, 24, 31, 32, 5, 33, 34]),
      records: [11, 12, 1, 13, 14, 21, 22, 2, 23, 24, 31, 32, 5, 33, 34],
      contents: [41, 42, 41, 42],
    });
    expect(readKeyFile(path, { token: 'token-b', maxId: 7 })).toBeNull();
    expect(readKeyFile(path, { token: 'token-a', maxId: 8 })).toBeNull();
    const bytes = readFileSync(path);
    const damaged = join(dir, 'damaged.activity-keys');
    for (const at of [520, bytes.length - 1]) {
      const copy = Buffer.from(bytes);
      copy[at] = (copy[at] as number) ^ 1;
      writeFileSync(damaged, copy);
      expect(readKeyFile(damaged, { token: 'token-a', maxId: 7 })).toBeNull();
    }
    writeFileSync(damaged, bytes.subarray(0, bytes.length - 4));
    expect(readKeyFile(damaged, { token: 'token-a', maxId: 7 })).toBeNull();
    expect(readKeyFile(join(dir, 'missing'), { token: 'token-a', maxId: 7 })).toBeNull();
  });

  it('is extended in place after the commit: kept records, patched hashes, new records, header last', () => {
    const path = join(dir, 'in-place.activity-keys');
    const first = new KeyFileWriter(path);
    const stored = Uint32Array.from([11, 12, 1, 13, 14, 21, 22, 2, 23, 24]);
    first.addRecords(stored, 2);
    first.addContent(41, 42);
    first.seal('token-a', 2, 3);
    first.publish();
    const read = readKeyFile(path, { token: 'token-a', maxId: 2 });
    expect(read?.ids).toBe(2);
    const before = readFileSync(path);
    const extend = (keep: boolean) => {
      const writer = new KeyFileWriter(path, { ids: 2 });
      const records = Uint32Array.from(read!.records);
      records[8] = 25;
      records[9] = 26;
      expect(writer.keepRecords(records, 2)).toBe(true);
      writer.patchRecord(1, 25, 26);
      writer.addRecord(31, 32, 3, 33, 34);
      writer.addContent(41, 42);
      writer.addContent(43, 44);
      writer.seal('token-b', 3, 5);
      // Nothing on disk changes before publish.
      expect(readFileSync(path).equals(before)).toBe(true);
      if (keep) writer.publish();
      else writer.discard();
    };
    extend(false);
    expect(readFileSync(path).equals(before)).toBe(true);
    extend(true);
    expect(readKeyFile(path, { token: 'token-a', maxId: 2 })).toBeNull();
    const after = readKeyFile(path, { token: 'token-b', maxId: 3 });
    expect(after && { ...after, records: [...after.records], contents: [...after.contents] }).toEqual({
      rows: 5,
      ids: 3,
      recordsCheck: wordsCrc([11, 12, 1, 13, 14, 21, 22, 2, 25, 26, 31, 32, 3, 33, 34]),
      records: [11, 12, 1, 13, 14, 21, 22, 2, 25, 26, 31, 32, 3, 33, 34],
      contents: [41, 42, 43, 44],
    });
    // What a kill in the middle of publish leaves (the data written, not the header) is refused.
    const torn = Buffer.from(readFileSync(path));
    before.copy(torn, 0, 0, 512);
    writeFileSync(path, torn);
    expect(readKeyFile(path, { token: 'token-a', maxId: 2 })).toBeNull();
    expect(readKeyFile(path, { token: 'token-b', maxId: 3 })).toBeNull();
  });

  it('is not written from records out of row id order, and the stale one goes', () => {
    const path = join(dir, 'order.activity-keys');
    writeFileSync(path, 'an older file');
    const writer = new KeyFileWriter(path);
    writer.addRecord(1, 1, 5, 1, 1);
    writer.addRecord(2, 2, 5, 2, 2);
    writer.seal('t', 5, 2);
    writer.publish();
    expect(existsSync(path)).toBe(false);
  });

  it('stays where it was when the import does not commit', () => {
    const path = join(dir, 'kept.activity-keys');
    writeFileSync(path, 'the workspace file');
    const writer = new KeyFileWriter(path);
    writer.addRecord(1, 1, 1, 1, 1);
    writer.seal('t', 1, 1);
    writer.discard();
    expect(readFileSync(path, 'utf8')).toBe('the workspace file');
  });
});

describe('imports with the key file', () => {
  // Repeated ids within a file (rejected, the first row kept), changed and unchanged rows, new ids, rows
  // without an id (copies counted), an undo in between, and a memory limit that moves the keys
  // to temporary tables halfway: every import gives what reading SQLite gives.
  const first = [HEADER];
  for (let i = 0; i < 3_000; i++) first.push(activity(`A-${i % 2_600}`, i));
  // Rows without an id in a file with ids, a few of them copies.
  for (let i = 0; i < 200; i++) first.splice(1 + i * 7, 0, activity('', i % 150, 'No id'));
  const second = [HEADER];
  for (let i = 0; i < 3_000; i++) second.push(activity(`A-${i}`, i, i % 4 === 0 ? 'changed' : undefined));
  for (let i = 0; i < 500; i++) second.push(activity(`B-${i % 400}`, i));
  const noIds = [NO_ID_HEADER];
  for (let i = 0; i < 900; i++)
    noIds.push(
      `Rep ${i % 4},Call,Copy ${i % 300},2024-04-${String((i % 28) + 1).padStart(2, '0')},Account ${i % 6}`,
    );
  const steps = [first, first, second, noIds, noIds, second].map(file);

  it('counts and stores exactly what reading SQLite does, and is used when it matches', async () => {
    const outcomes: unknown[][] = [];
    const sources: string[] = [];
    for (const [keyFile, maxKeysInMemory] of [
      [true, undefined],
      [false, undefined],
      [false, 0],
    ] as const) {
      const path = join(dir, `steps-${keyFile}-${maxKeysInMemory}.sqlite`);
      const database = openDatabase(path);
      const { sqlite } = database;
      const outcome: unknown[] = [];
      let undoId = 0;
      for (const [k, step] of steps.entries()) {
        if (keyFile) sources.push(keySource(sqlite, path));
        const { batchId, counts } = await importFile(sqlite, step, {
          sideFiles: keyFile,
          ...(maxKeysInMemory === undefined ? {} : { maxKeysInMemory }),
        });
        if (k === 2) undoId = batchId;
        outcome.push(counts);
        expect(existsSync(activityKeyFilePath(path))).toBe(keyFile);
      }
      undoImport(sqlite, undoId);
      if (keyFile) sources.push(keySource(sqlite, path));
      outcome.push((await importFile(sqlite, steps[2] as string, { sideFiles: keyFile })).counts);
      // Past the memory limit: no key file, and the stale one is removed.
      outcome.push(
        (await importFile(sqlite, steps[2] as string, { sideFiles: keyFile, maxKeysInMemory: 10 })).counts,
      );
      expect(existsSync(activityKeyFilePath(path))).toBe(false);
      if (keyFile) sources.push(keySource(sqlite, path));
      outcome.push(rows(sqlite));
      outcomes.push(outcome);
      database.close();
    }
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
    expect(outcomes[0]?.slice(0, 3)).toEqual([
      // 2,600 ids, 400 rows repeating one of them, 200 rows without an id.
      { read: 3_200, added: 2_800, updated: 0, unchanged: 0, rejected: 400 },
      // The same file again changes nothing; its repeats are rejected again.
      { read: 3_200, added: 0, updated: 0, unchanged: 2_800, rejected: 400 },
      // A-0..A-2599 stored (650 changed), 400 new A ids, 400 new B ids and 100 rows repeating them.
      { read: 3_500, added: 800, updated: 650, unchanged: 1_950, rejected: 100 },
    ]);
    expect(sources).toEqual([
      'none',
      'key-file',
      'key-file',
      'key-file',
      'key-file',
      'key-file',
      'table',
      'table',
    ]);
  });

  it('is not used once the workspace moved on without it (a kill after the commit, a restored copy)', async () => {
    const path = join(dir, 'moved-on.sqlite');
    const database = openDatabase(path);
    const { sqlite } = database;
    await importFile(sqlite, steps[0] as string);
    const keys = activityKeyFilePath(path);
    copyFileSync(keys, `${keys}.old`);
    await importFile(sqlite, steps[2] as string);
    expect(keySource(sqlite, path)).toBe('key-file');
    copyFileSync(`${keys}.old`, keys);
    expect(keySource(sqlite, path)).toBe('table');
    const counts = (await importFile(sqlite, steps[2] as string)).counts;
    // Nothing changes; the file's repeats are rejected again.
    expect(counts).toEqual({ read: 3_500, added: 0, updated: 0, unchanged: 3_400, rejected: 100 });
    expect(keySource(sqlite, path)).toBe('key-file');
    database.close();
  });

  it('a re-import that changes nothing keeps the token and the files beside the workspace; stale ones are written again', async () => {
    const path = join(dir, 'kept.sqlite');
    const database = openDatabase(path);
    const { sqlite } = database;
    await importFile(sqlite, steps[2] as string);
    const token = activitiesToken(sqlite);
    const keys = activityKeyFilePath(path);
    const rowsFile = activityRowsPath(path);
    const files = () => [statSync(keys), statSync(rowsFile)].map((f) => [f.ino, f.mtimeMs]);
    const before = files();
    const again = await importFile(sqlite, steps[2] as string);
    expect(again.counts).toMatchObject({ added: 0, updated: 0, unchanged: 3_400 });
    expect(activitiesToken(sqlite)).toBe(token);
    // Not written again: the same files.
    expect(files()).toEqual(before);
    expect(keySource(sqlite, path)).toBe('key-file');
    // A key file that does not hold (damaged here) is written again for the same token.
    writeFileSync(keys, 'damaged');
    expect(keySource(sqlite, path)).toBe('table');
    await importFile(sqlite, steps[2] as string);
    expect(activitiesToken(sqlite)).toBe(token);
    expect(keySource(sqlite, path)).toBe('key-file');
    // A change takes a new token.
    await importFile(sqlite, steps[0] as string);
    expect(activitiesToken(sqlite)).not.toBe(token);
    expect(keySource(sqlite, path)).toBe('key-file');
    database.close();
  });
});

describe('temporary files a killed process left', () => {
  it('are removed; those of running processes and other files stay', () => {
    const target = join(dir, 'litter.sqlite.activity-keys');
    const names = [
      'litter.sqlite.activity-keys.999999999-0a1b.tmp',
      'litter.sqlite.activity-keys.999999998.tmp',
      `litter.sqlite.activity-keys.${process.pid}-ff.tmp`,
      'litter.sqlite.activity-keys.1.tmp',
      'litter.sqlite.activity-keys.x.tmp',
      'other.sqlite.activity-keys.999999999.tmp',
    ];
    for (const name of names) writeFileSync(join(dir, name), '');
    removeStaleTemporaries(target);
    expect(names.filter((name) => existsSync(join(dir, name)))).toEqual(names.slice(2));
  });
});
