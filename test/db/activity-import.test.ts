import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../engine/db/migrations';
import { migrate, openDatabase, type SqliteHandle } from '../../engine/db/open-database';
import { importActivityFile } from './helpers/import-activity-file';
import { undoImport } from '../../engine/import/undo-import';
import { applySavedMapping, saveMapping } from '../../engine/import/saved-mappings';
import { inspectTable } from '../../engine/import/stage-file';
import { readActivityColumns } from '../../engine/analysis/activity-columns';
import { callConnected } from '../../shared/import/call-outcome';

/**
 * The activities path (engine/import/activities): a worker reads, this thread inserts, record
 * keys live in an index instead of a unique constraint. Every case runs with the keys in memory
 * and in temporary tables (the path for imports too large for the memory budget).
 */

const dir = mkdtempSync(join(tmpdir(), 'qc-activity-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(text: string): string {
  const path = join(dir, `file-${++n}.csv`);
  writeFileSync(path, text);
  return path;
}

async function importFile(sqlite: SqliteHandle, path: string, maxKeysInMemory?: number) {
  return (await importActivityFile(sqlite, path, maxKeysInMemory === undefined ? {} : { maxKeysInMemory }))
    .counts;
}

const HEADER =
  'Activity ID,Assigned To,Activity Type,Subject,Activity Date,Account Name,Call Result,Duration (min)';
const NO_ID_HEADER = 'Assigned To,Activity Type,Subject,Activity Date,Account Name';

function rows(sqlite: SqliteHandle) {
  return sqlite
    .prepare(
      `SELECT a.external_id, r.name AS rep, c.name AS account, a.type, a.type_raw, a.activity_date, a.subject,
              a.outcome, a.duration_min
       FROM activity_rows a JOIN reps r ON r.id = a.rep_id LEFT JOIN accounts c ON c.id = a.account_id ORDER BY a.id`,
    )
    .all();
}

describe.each([
  ['record keys in memory', undefined],
  ['record keys in temporary tables', 0],
])('activities import, %s', (_label, maxKeys) => {
  it('imports every field, and re-importing the same file changes nothing', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const path = file(
      [
        HEADER,
        'A-1,Ann Lee,Call,Intro call,2024-03-01,Acme Inc,Connected,12',
        'A-2,Ann Lee,Meeting,Demo,2024-03-02,Acme Inc,,60',
        'A-3,Bo Chen,Site visit,Visit,2024-03-03,Beta Ltd,,',
        'A-4,Bo Chen,Email,"Proposal, v2",2024-03-04,,,',
      ].join('\n'),
    );
    expect(await importFile(sqlite, path, maxKeys)).toEqual({
      read: 4,
      added: 4,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    expect(rows(sqlite)).toEqual([
      {
        external_id: 'A-1',
        rep: 'Ann Lee',
        account: 'Acme Inc',
        type: 'call',
        type_raw: 'Call',
        activity_date: '2024-03-01',
        subject: 'Intro call',
        outcome: 'Connected',
        duration_min: 12,
      },
      {
        external_id: 'A-2',
        rep: 'Ann Lee',
        account: 'Acme Inc',
        type: 'meeting',
        type_raw: 'Meeting',
        activity_date: '2024-03-02',
        subject: 'Demo',
        outcome: null,
        duration_min: 60,
      },
      {
        external_id: 'A-3',
        rep: 'Bo Chen',
        account: 'Beta Ltd',
        type: 'visit',
        type_raw: 'Site visit',
        activity_date: '2024-03-03',
        subject: 'Visit',
        outcome: null,
        duration_min: null,
      },
      {
        external_id: 'A-4',
        rep: 'Bo Chen',
        account: null,
        type: 'email',
        type_raw: 'Email',
        activity_date: '2024-03-04',
        subject: 'Proposal, v2',
        outcome: null,
        duration_min: null,
      },
    ]);
    expect(await importFile(sqlite, path, maxKeys)).toEqual({
      read: 4,
      added: 0,
      updated: 0,
      unchanged: 4,
      rejected: 0,
    });
    expect(sqlite.prepare('SELECT count(*) FROM activities').pluck().get()).toBe(4);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    database.close();
  });

  it('a newer export updates the records it carries by CRM id and adds the new ones', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    await importFile(
      sqlite,
      file(
        [HEADER, 'A-1,Ann Lee,Call,Intro,2024-03-01,Acme Inc,,5', 'A-2,Ann Lee,Call,Two,2024-03-02,,,'].join(
          '\n',
        ),
      ),
      maxKeys,
    );
    const counts = await importFile(
      sqlite,
      file(
        [
          HEADER,
          'A-1,Ann Lee,Call,Intro,2024-03-01,Acme Inc,Connected,5',
          'A-2,Ann Lee,Call,Two,2024-03-02,,,',
          'A-3,Bo Chen,Meeting,Three,2024-03-05,,,',
        ].join('\n'),
      ),
      maxKeys,
    );
    expect(counts).toEqual({ read: 3, added: 1, updated: 1, unchanged: 1, rejected: 0 });
    expect(
      sqlite.prepare('SELECT external_id, outcome, batch_id FROM activity_rows ORDER BY external_id').all(),
    ).toEqual([
      { external_id: 'A-1', outcome: 'Connected', batch_id: 2 },
      { external_id: 'A-2', outcome: null, batch_id: 1 },
      { external_id: 'A-3', outcome: null, batch_id: 2 },
    ]);
    database.close();
  });

  it('a CRM id twice in one file: the later rows are rejected with their row and the first row, and a re-import changes nothing', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const path = file(
      [
        HEADER,
        'A-1,Ann Lee,Call,First,2024-03-01,,,',
        'A-2,Ann Lee,Call,Other,2024-03-01,,,',
        'A-1,Ann Lee,Call,Second,2024-03-01,,,',
        // Rejected by the reader (no date): not the row A-3 first came on.
        'A-3,Ann Lee,Call,Undated,,,,',
        ' A-1 ,Ann Lee,Call,First,2024-03-01,,,',
        'A-3,Bo Chen,Call,Dated,2024-03-02,,,',
        'A-3,Bo Chen,Call,Again,2024-03-02,,,',
      ].join('\n'),
    );
    const rejected = () =>
      sqlite
        .prepare(
          'SELECT row_number, reason_code, reason_params_json, raw_json FROM rejected_rows ORDER BY batch_id, row_number',
        )
        .all();
    expect(await importFile(sqlite, path, maxKeys)).toEqual({
      read: 7,
      added: 3,
      updated: 0,
      unchanged: 0,
      rejected: 4,
    });
    const subjects = [
      { external_id: 'A-1', subject: 'First' },
      { external_id: 'A-2', subject: 'Other' },
      { external_id: 'A-3', subject: 'Dated' },
    ];
    expect(sqlite.prepare('SELECT external_id, subject FROM activity_rows ORDER BY id').all()).toEqual(
      subjects,
    );
    const repeats = [
      {
        row_number: 4,
        reason_code: 'repeated_id',
        reason_params_json: '{"id":"A-1","row":2}',
        raw_json: JSON.stringify(['A-1', 'Ann Lee', 'Call', 'Second', '2024-03-01', '', '', '']),
      },
      {
        row_number: 6,
        reason_code: 'repeated_id',
        reason_params_json: '{"id":"A-1","row":2}',
        raw_json: JSON.stringify([' A-1 ', 'Ann Lee', 'Call', 'First', '2024-03-01', '', '', '']),
      },
      {
        row_number: 8,
        reason_code: 'repeated_id',
        reason_params_json: '{"id":"A-3","row":7}',
        raw_json: JSON.stringify(['A-3', 'Bo Chen', 'Call', 'Again', '2024-03-02', '', '', '']),
      },
    ];
    expect(rejected().filter((r) => (r as { reason_code: string }).reason_code === 'repeated_id')).toEqual(
      repeats,
    );
    expect(rejected()).toHaveLength(4);
    // Again: the stored records match the first rows, the repeats are rejected again.
    expect(await importFile(sqlite, path, maxKeys)).toEqual({
      read: 7,
      added: 0,
      updated: 0,
      unchanged: 3,
      rejected: 4,
    });
    expect(
      sqlite.prepare('SELECT external_id, subject, batch_id FROM activity_rows ORDER BY id').all(),
    ).toEqual(subjects.map((r) => ({ ...r, batch_id: 1 })));
    // Into a workspace holding the ids: the first row of each updates or matches, the rest are rejected.
    const next = file(
      [
        HEADER,
        'A-2,Ann Lee,Call,Newer,2024-03-01,,,',
        'A-2,Ann Lee,Call,Newest,2024-03-01,,,',
        'A-1,Ann Lee,Call,First,2024-03-01,,,',
        'A-1,Ann Lee,Call,First,2024-03-01,,,',
      ].join('\n'),
    );
    expect(await importFile(sqlite, next, maxKeys)).toEqual({
      read: 4,
      added: 0,
      updated: 1,
      unchanged: 1,
      rejected: 2,
    });
    expect(
      sqlite.prepare("SELECT subject FROM activity_rows WHERE external_id = 'A-2'").pluck().all(),
    ).toEqual(['Newer']);
    expect(rejected().slice(-2)).toMatchObject([
      { row_number: 3, reason_params_json: '{"id":"A-2","row":2}' },
      { row_number: 5, reason_params_json: '{"id":"A-1","row":4}' },
    ]);
    database.close();
  });

  it('without CRM ids, identical rows are distinct records, stable across re-imports', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const first = file(
      [
        NO_ID_HEADER,
        'Ann Lee,Call,Follow-up,2024-03-01,Acme Inc',
        'Ann Lee,Call,Follow-up,2024-03-01,Acme Inc',
        'Bo Chen,Call,Follow-up,2024-03-01,Acme Inc',
      ].join('\n'),
    );
    expect(await importFile(sqlite, first, maxKeys)).toEqual({
      read: 3,
      added: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    expect(await importFile(sqlite, first, maxKeys)).toEqual({
      read: 3,
      added: 0,
      updated: 0,
      unchanged: 3,
      rejected: 0,
    });
    // A later export: the same three rows, a third identical call, and one new row.
    const later = file(
      [
        NO_ID_HEADER,
        'Ann Lee,Call,Follow-up,2024-03-01,Acme Inc',
        'Bo Chen,Call,Follow-up,2024-03-01,Acme Inc',
        'Ann Lee,Call,Follow-up,2024-03-01,Acme Inc',
        'Ann Lee,Call,Follow-up,2024-03-01,Acme Inc',
        'Ann Lee,Meeting,Review,2024-03-02,Acme Inc',
      ].join('\n'),
    );
    expect(await importFile(sqlite, later, maxKeys)).toEqual({
      read: 5,
      added: 2,
      updated: 0,
      unchanged: 3,
      rejected: 0,
    });
    expect(sqlite.prepare('SELECT count(*) FROM activities').pluck().get()).toBe(5);
    database.close();
  });

  it('rows it cannot read are kept with their row number and reason', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const counts = await importFile(
      sqlite,
      file(
        [
          HEADER,
          'A-1,Ann Lee,Call,Ok,2024-03-01,,,',
          'A-2,,Call,No owner,2024-03-01,,,',
          'A-3,Ann Lee,Call,Bad date,31/31/2024,,,',
          'A-4,Ann Lee,Call,Ok,2024-03-04,,,',
        ].join('\n'),
      ),
      maxKeys,
    );
    expect(counts).toEqual({ read: 4, added: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(
      sqlite.prepare('SELECT row_number, reason_code FROM rejected_rows ORDER BY row_number').all(),
    ).toEqual([
      { row_number: 3, reason_code: 'missing_owner' },
      { row_number: 4, reason_code: 'invalid_date' },
    ]);
    database.close();
  });
});

describe('activities import: repeated texts as codes (migration 011)', () => {
  it('codes a value from its second row, up to the cap, and every row reads back as the file wrote it', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const outcomes = ['Connected', 'No answer', '', 'Left voicemail'];
    const ROWS = 10_000;
    // Each subject twice, 5,000 rows apart. Rows 5,000 on repeat their subject, which takes a code
    // until the column has 4,096 of them (row 9,095). Rows are written 32 to a statement, and a
    // group with a subject not coded writes all its subjects as text: the groups holding row
    // 4,999 (a first) and row 9,096 (past the cap).
    const line = (i: number, outcome = outcomes[i % 4] as string, subject = `S-${i % 5000}`) =>
      `A-${i},Rep ${i % 7},${i % 2 ? 'Call' : 'Phone call'},${subject},2024-03-01,Acme,${outcome},${i % 5}`;
    const lines = Array.from({ length: ROWS }, (_, i) => line(i));
    const path = file([HEADER, ...lines].join('\n'));
    expect(await importFile(sqlite, path)).toMatchObject({ read: ROWS, added: ROWS, rejected: 0 });
    const stored = () =>
      sqlite
        .prepare(`SELECT external_id, type_raw, subject, outcome FROM activity_rows ORDER BY id`)
        .raw()
        .all();
    const expected = (change: Record<number, [subject: string, outcome: string]> = {}) =>
      Array.from({ length: ROWS }, (_, i) => {
        const [subject, outcome] = change[i] ?? [`S-${i % 5000}`, outcomes[i % 4] as string];
        return [`A-${i}`, i % 2 ? 'Call' : 'Phone call', subject, outcome === '' ? null : outcome];
      });
    expect(stored()).toEqual(expected());
    const forms = () =>
      sqlite
        .prepare(
          `SELECT count(type_raw), count(type_raw_code), count(subject), count(subject_code), count(outcome),
                  count(outcome_code)
           FROM activities`,
        )
        .raw()
        .get();
    // Types and outcomes: text in the first group (their first rows), codes after it.
    const codedSubjects = Math.floor(9096 / 32) * 32 - Math.ceil(5000 / 32) * 32;
    expect(forms()).toEqual([32, ROWS - 32, ROWS - codedSubjects, codedSubjects, 24, 7500 - 24]);
    const texts = () => sqlite.prepare('SELECT count(*) FROM activity_texts').pluck().get();
    expect(texts()).toBe(2 + 3 + 4096);
    // Re-importing the same file changes nothing, the texts included (the row hashes are of the
    // texts, and a row not written asks for no code).
    expect(await importFile(sqlite, path)).toMatchObject({ added: 0, updated: 0, unchanged: ROWS });
    expect(texts()).toBe(2 + 3 + 4096);
    // A newer export of two records that were stored with text subjects, now both "Renewal" and
    // "Wrong number": the first row writes them as text, the second as codes, clearing its text.
    const form = (id: string) =>
      sqlite
        .prepare(
          'SELECT subject, subject_code IS NOT NULL, outcome, outcome_code IS NOT NULL FROM activities WHERE external_id = ?',
        )
        .raw()
        .get(id);
    expect([form('A-9500'), form('A-9600')]).toEqual([
      ['S-4500', 0, null, 1],
      ['S-4600', 0, null, 1],
    ]);
    const newer = file(
      [HEADER, line(9500, 'Wrong number', 'Renewal'), line(9600, 'Wrong number', 'Renewal')].join('\n'),
    );
    expect(await importFile(sqlite, newer)).toMatchObject({ added: 0, updated: 2, unchanged: 0 });
    expect(stored()).toEqual(
      expected({ 9500: ['Renewal', 'Wrong number'], 9600: ['Renewal', 'Wrong number'] }),
    );
    expect([form('A-9500'), form('A-9600')]).toEqual([
      ['Renewal', 0, 'Wrong number', 0],
      [null, 1, null, 1],
    ]);
    // The analysis classifies each call by its text, whichever form it is stored in.
    const read = readActivityColumns(sqlite);
    const flags = Array.from(read.codes, (code) => Math.floor(code / 262_144) % 2);
    const reference = sqlite
      .prepare('SELECT type, outcome, duration_min FROM activity_rows ORDER BY id')
      .raw()
      .all() as [string, string | null, number | null][];
    expect(flags).toEqual(
      reference.map(([type, outcome, minutes]) =>
        type === 'call' && callConnected(outcome, minutes) ? 1 : 0,
      ),
    );
    expect(flags.filter((f) => f === 1).length).toBeGreaterThan(1000);
    expect(read.outcomes.map(([outcome]) => outcome).sort()).toEqual([
      'Connected',
      'Left voicemail',
      'No answer',
      'Wrong number',
    ]);
    database.close();
  });

  it('gives a value unique per row no code, and adds nothing to the dictionary for it', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const lines = Array.from(
      { length: 3000 },
      (_, i) => `A-${i},Rep ${i % 7},Call,Re: quote ${i},2024-03-01,Acme,Connected,${i % 5}`,
    );
    expect(await importFile(sqlite, file([HEADER, ...lines].join('\n')))).toMatchObject({ added: 3000 });
    expect(sqlite.prepare('SELECT text FROM activity_texts ORDER BY text').pluck().all()).toEqual([
      'Call',
      'Connected',
    ]);
    expect(sqlite.prepare('SELECT count(subject), count(subject_code) FROM activities').raw().get()).toEqual([
      3000, 0,
    ]);
    expect(
      sqlite.prepare("SELECT subject FROM activity_rows WHERE external_id = 'A-2999'").pluck().get(),
    ).toBe('Re: quote 2999');
    database.close();
  });
});

describe('activities import across batches', () => {
  it('keeps every row of a file larger than one read chunk, in file order, with names resolved once', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const lines = [HEADER];
    for (let i = 0; i < 12_000; i++)
      lines.push(
        `A-${i},Rep ${i % 7},${i % 3 === 0 ? 'Call' : 'Email'},Subject ${i % 50},2024-01-${String((i % 28) + 1).padStart(2, '0')},Account ${i % 90},,${i % 45}`,
      );
    const path = file(lines.join('\n'));
    expect(statSync(path).size).toBeGreaterThan(600_000);
    expect(await importFile(sqlite, path)).toEqual({
      read: 12_000,
      added: 12_000,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    expect(sqlite.prepare('SELECT count(*) FROM reps').pluck().get()).toBe(7);
    expect(sqlite.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(90);
    expect(
      sqlite
        .prepare(
          "SELECT a.external_id, r.name AS rep, a.type, a.subject, a.duration_min FROM activity_rows a JOIN reps r ON r.id = a.rep_id WHERE a.external_id IN ('A-0', 'A-7001', 'A-11999') ORDER BY a.id",
        )
        .all(),
    ).toEqual([
      { external_id: 'A-0', rep: 'Rep 0', type: 'call', subject: 'Subject 0', duration_min: 0 },
      { external_id: 'A-7001', rep: 'Rep 1', type: 'email', subject: 'Subject 1', duration_min: 26 },
      { external_id: 'A-11999', rep: 'Rep 1', type: 'email', subject: 'Subject 49', duration_min: 29 },
    ]);
    const ids = sqlite.prepare('SELECT external_id FROM activities ORDER BY id').pluck().all() as string[];
    expect(ids.every((id, i) => id === `A-${i}`)).toBe(true);
    database.close();
  });
});

describe('a first import: rows repeating an id', () => {
  it('across batches, with rows without an id and rows the reader rejects between them', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const lines = [HEADER];
    for (let i = 0; i < 12_000; i++) {
      // Rows 8,000 on repeat the ids of rows 0 to 3,999 (batches of a few thousand rows apart);
      // every tenth row has no id, every 97th no date (rejected by the reader).
      const id = i % 10 === 9 ? '' : `A-${i < 8_000 ? i : i - 8_000}`;
      const date = i % 97 === 0 ? '' : `2024-01-${String((i % 28) + 1).padStart(2, '0')}`;
      lines.push(`${id},Rep ${i % 7},Call,Subject ${i},${date},Account ${i % 90},,${i % 45}`);
    }
    const counts = await importFile(sqlite, file(lines.join('\n')));
    const rejectedDates = Math.ceil(12_000 / 97);
    let repeats = 0;
    const seen = new Set<string>();
    for (let i = 0; i < 12_000; i++) {
      if (i % 97 === 0 || i % 10 === 9) continue;
      const id = `A-${i < 8_000 ? i : i - 8_000}`;
      if (seen.has(id)) repeats++;
      seen.add(id);
    }
    expect(repeats).toBeGreaterThan(3_000);
    expect(counts).toEqual({
      read: 12_000,
      added: 12_000 - rejectedDates - repeats,
      updated: 0,
      unchanged: 0,
      rejected: rejectedDates + repeats,
    });
    // Each CRM id once, on its first row kept; the rejected repeats name that row.
    expect(
      sqlite.prepare('SELECT count(*) FROM activities WHERE external_id IS NOT NULL').pluck().get(),
    ).toBe(seen.size);
    const repeat = sqlite
      .prepare(
        "SELECT row_number, reason_params_json FROM rejected_rows WHERE reason_code = 'repeated_id' ORDER BY row_number LIMIT 1",
      )
      .get() as { row_number: number; reason_params_json: string };
    // A-0's first row had no date (rejected), so its row 8,000 is the one kept: the first repeat
    // is data row 8,001 (file row 8,003), of A-1, kept on file row 3.
    expect(repeat.row_number).toBe(8_003);
    expect(JSON.parse(repeat.reason_params_json)).toMatchObject({ row: 3 });
    database.close();
  });
});

describe('record keys that outgrow memory during an import', () => {
  it('move to temporary tables halfway and give what memory alone and the tables alone give', async () => {
    const stored = [HEADER];
    for (let i = 0; i < 12_000; i++)
      stored.push(
        `A-${i},Rep ${i % 7},Call,Subject ${i % 50},2024-01-${String((i % 28) + 1).padStart(2, '0')},Account ${i % 90},,${i % 45}`,
      );
    // New ids first (the memory index passes its limit in the first read chunks), then every stored
    // id again, a third of them changed, and a few new ids twice (their second rows rejected).
    const next = [HEADER];
    for (let i = 0; i < 6_000; i++)
      next.push(
        `B-${i % 5_500},Rep ${i % 5},Email,Subject ${i % 40},2024-02-${String((i % 28) + 1).padStart(2, '0')},Account ${i % 70},,${i % 30}`,
      );
    for (let i = 0; i < 12_000; i++)
      next.push(
        `A-${i},Rep ${i % 7},Call,Subject ${i % 3 === 0 ? 'changed' : i % 50},2024-01-${String((i % 28) + 1).padStart(2, '0')},Account ${i % 90},,${i % 45}`,
      );
    const first = file(stored.join('\n'));
    const second = file(next.join('\n'));
    const outcomes = [];
    for (const maxKeys of [undefined, 13_000, 0]) {
      const database = openDatabase(':memory:');
      await importFile(database.sqlite, first, maxKeys);
      const counts = await importFile(database.sqlite, second, maxKeys);
      outcomes.push({ counts, rows: rows(database.sqlite) });
      database.close();
    }
    expect(outcomes[0]!.counts).toEqual({
      read: 18_000,
      added: 5_500,
      updated: 4_000,
      unchanged: 8_000,
      rejected: 500,
    });
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
  });
});

describe('migration 004', () => {
  it('rebuilds activities with a row hash that re-imports of the same export recognise', async () => {
    const path = join(dir, 'v3.sqlite');
    const raw = new BetterSqlite3(path);
    migrate(
      raw,
      MIGRATIONS.filter((m) => m.version <= 3),
    );
    raw.exec(`
      INSERT INTO import_batches (id, file_name, file_sha256, kind, mapping_json, encoding, delimiter, imported_at)
        VALUES (1, 'old.csv', 'x', 'activities', '{}', 'utf-8', ',', '2025-01-01');
      INSERT INTO reps (id, name, name_key) VALUES (1, 'Ann Lee', 'ann lee');
      INSERT INTO accounts (id, name, name_key) VALUES (1, 'Acme Inc', 'acme inc');
      INSERT INTO activities (record_key, external_id, rep_id, account_id, type, type_raw, activity_date, subject, content_hash, batch_id)
        VALUES ('row:a#1', NULL, 1, 1, 'call', 'Call', '2024-03-01', 'Follow-up', 'h', 1),
               ('row:a#2', NULL, 1, 1, 'call', 'Call', '2024-03-01', 'Follow-up', 'h', 1),
               ('id:A-9', 'A-9', 1, NULL, 'meeting', 'Meeting', '2024-03-02', 'Demo', 'h2', 1);
    `);
    raw.close();
    const database = openDatabase(path);
    const { sqlite } = database;
    expect(sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(sqlite.prepare('SELECT count(*) FROM activities WHERE row_hash = 0').pluck().get()).toBe(0);
    const counts = await importFile(
      sqlite,
      file(
        [
          'Activity ID,Assigned To,Activity Type,Subject,Activity Date,Account Name',
          ',Ann Lee,Call,Follow-up,2024-03-01,Acme Inc',
          ',Ann Lee,Call,Follow-up,2024-03-01,Acme Inc',
          'A-9,Ann Lee,Meeting,Demo,2024-03-02,',
        ].join('\n'),
      ),
    );
    expect(counts).toEqual({ read: 3, added: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    database.close();
  });
});

describe('an activities import that cannot start', () => {
  it('says the workspace is busy and leaves foreign-key checks and checkpoints as they were', async () => {
    const path = join(dir, 'locked.sqlite');
    const database = openDatabase(path);
    const { sqlite } = database;
    const other = new BetterSqlite3(path);
    other.exec('BEGIN IMMEDIATE');
    sqlite.pragma('busy_timeout = 50');
    const csv = file([HEADER, 'A-1,Ann Lee,Call,Intro,2024-03-01,,,'].join('\n'));
    await expect(importFile(sqlite, csv)).rejects.toThrow(/another program is writing/i);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    other.exec('ROLLBACK');
    other.close();
    expect(await importFile(sqlite, csv)).toMatchObject({ added: 1 });
    database.close();
  });
});

describe('row ids across imports and undo', () => {
  it('new rows follow the largest id left, after the newest import is undone', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    await importFile(
      sqlite,
      file([HEADER, 'A-1,Ann Lee,Call,a,2024-03-01,,,', 'A-2,Ann Lee,Call,b,2024-03-02,,,'].join('\n')),
    );
    await importFile(
      sqlite,
      file([HEADER, 'B-1,Bo Chen,Call,c,2024-03-03,,,', 'B-2,Bo Chen,Call,d,2024-03-04,,,'].join('\n')),
    );
    undoImport(sqlite, 2);
    const counts = await importFile(
      sqlite,
      file([HEADER, 'C-1,Bo Chen,Call,e,2024-03-05,,,', 'C-1,Bo Chen,Call,f,2024-03-05,,,'].join('\n')),
    );
    expect(counts).toEqual({ read: 2, added: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(sqlite.prepare('SELECT id, external_id, subject FROM activity_rows ORDER BY id').all()).toEqual([
      { id: 1, external_id: 'A-1', subject: 'a' },
      { id: 2, external_id: 'A-2', subject: 'b' },
      { id: 3, external_id: 'C-1', subject: 'e' },
    ]);
    database.close();
  });
});

describe('activities import: talk time in seconds', () => {
  it('reads a column of seconds as minutes, on the byte route and the text route alike', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    // Zoho's Calls module header; "Completed" says nothing of the call, so its length decides.
    // The doubled quote sends its row through the text route.
    const path = file(
      [
        'Assigned To,Activity Type,Subject,Activity Date,Call Result,Call Duration (in seconds)',
        'Ann Lee,Call,Follow-up,2024-03-01,Completed,45',
        'Ann Lee,Call,Follow-up,2024-03-02,Completed,75',
        'Bo Chen,Call,"Said ""hi""",2024-03-03,Completed,600',
        'Bo Chen,Call,Intro,2024-03-04,Completed,',
        'Bo Chen,Call,Intro,2024-03-05,Completed,n/a',
      ].join('\n'),
    );
    expect(await importFile(sqlite, path)).toMatchObject({ added: 5, rejected: 0 });
    const minutes = sqlite.prepare('SELECT duration_min FROM activities ORDER BY id').pluck().all();
    expect(minutes).toEqual([0.75, 1.25, 10, null, null]);
    // The same rows again: nothing changes (the fingerprint covers the minutes).
    expect(await importFile(sqlite, path)).toMatchObject({ added: 0, updated: 0, unchanged: 5 });
    database.close();
  });

  it('takes the minutes column when a file has both', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const path = file(
      [
        'OwnerId,TaskSubtype,ActivityDate,CallDurationInSeconds,DurationInMinutes',
        'Ann Lee,Call,2024-03-01,90,2',
        'Ann Lee,Call,2024-03-02,30,',
      ].join('\n'),
    );
    expect(await importFile(sqlite, path)).toMatchObject({ added: 2 });
    expect(sqlite.prepare('SELECT duration_min FROM activities ORDER BY id').pluck().all()).toEqual([
      2,
      null,
    ]);
    database.close();
  });

  it('imports rows whose duration is not a number without one, and says how many', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    // "05:30" on the byte route and on the text route (the doubled quote), twice the same bytes
    // (the second from the reader's cache); "-" and "n/a" are empty, not unreadable.
    const path = file(
      [
        'Assigned To,Activity Type,Subject,Activity Date,Duration (min)',
        'Ann Lee,Call,Intro,2024-03-01,05:30',
        'Ann Lee,Call,Intro,2024-03-02,05:30',
        'Bo Chen,Call,"Said ""hi""",2024-03-03,1h 30m',
        'Bo Chen,Call,Intro,2024-03-04,-',
        'Bo Chen,Call,Intro,2024-03-05,n/a',
        'Bo Chen,Call,Intro,2024-03-06,12',
      ].join('\n'),
    );
    const { counts, warnings } = await importActivityFile(sqlite, path);
    expect(counts).toMatchObject({ added: 6, rejected: 0 });
    expect(sqlite.prepare('SELECT duration_min FROM activities ORDER BY id').pluck().all()).toEqual([
      null,
      null,
      null,
      null,
      null,
      12,
    ]);
    expect(warnings.filter((w) => w.code === 'duration_unreadable')).toEqual([
      { code: 'duration_unreadable', params: { count: 3, value: '05:30', field: 'Duration (min)' } },
    ]);
    // A file whose durations all read says nothing.
    const clean = file(
      ['Assigned To,Activity Type,Activity Date,Duration (min)', 'Ann Lee,Call,2024-03-01,3'].join('\n'),
    );
    expect((await importActivityFile(sqlite, clean)).warnings.map((w) => w.code)).not.toContain(
      'duration_unreadable',
    );
    database.close();
  });

  it('moves a seconds column that a mapping saved before the seconds field took for minutes', async () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const header = 'Call Duration (in seconds)';
    const path = file(
      [`Assigned To,Activity Type,Activity Date,${header}`, 'Ann Lee,Call,2024-03-01,90'].join('\n'),
    );
    const staged = await inspectTable(path, 'calls.csv', 'saved-seconds', statSync(path).size);
    if (!staged.ok) throw new Error(staged.error.message);
    const headers = staged.value.info.headers;
    const base = { owner: 'Assigned To', activity_type: 'Activity Type', activity_date: 'Activity Date' };
    // Saved by an earlier version: no duration_seconds key, the seconds column as the minutes.
    saveMapping(sqlite, headers, 'activities', { ...base, duration: header }, '2026-01-01T00:00:00.000Z');
    const old = applySavedMapping(sqlite, staged.value).info.mapping;
    expect([old.duration, old.duration_seconds]).toEqual([null, header]);
    // Saved since: the user's choice stands, even the minutes.
    saveMapping(
      sqlite,
      headers,
      'activities',
      { ...base, duration: header, duration_seconds: null },
      '2026-01-02T00:00:00.000Z',
    );
    const chosen = applySavedMapping(sqlite, staged.value).info.mapping;
    expect([chosen.duration, chosen.duration_seconds]).toEqual([header, null]);
    database.close();
  });
});
