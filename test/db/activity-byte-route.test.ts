import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../engine/db/open-database';
import { readActivities } from '../../engine/import/activities/activity-reader';
import { columnIndexes } from '../../engine/import/field-reader';
import { runImport } from '../../engine/import/run-import';
import { inspectTable } from '../../engine/import/stage-file';
import { mulberry32 } from '../../shared/random/mulberry32';
import { encodeText, type TestEncoding } from './helpers/encode-text';

/**
 * Activity files are read from their bytes (Utf8Tokenizer, ActivityBatcher.addBytes): UTF-8 as it
 * is, other encodings decoded and written back as UTF-8 first; old Mac line breaks, and whatever
 * the byte route is not sure of, as text through papaparse. Both routes must store exactly the
 * same thing: every activity file of the fixtures and the public samples, and generated files
 * full of quotes, line breaks inside quotes, doubled quotes, odd spaces, blank lines and footers,
 * in UTF-8, GB18030 and UTF-16, are imported both ways and compared row for row.
 */

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'qc-byte-route-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads a file as the importer's worker does; which route it took shows in `end.recordsAsBytes`. */
async function readThroughWorker(path: string) {
  const staged = await inspectTable(path, 'file.csv', 'x', statSync(path).size, 'activities');
  if (!staged.ok) throw new Error(staged.error.message);
  const { format, headerRecord, info } = staged.value;
  const indexes = columnIndexes(info.headers, info.mapping);
  if (!indexes.ok) throw new Error(`no column ${indexes.header}`);
  const batches = readActivities({
    path,
    format,
    headerRecord,
    width: info.headers.length,
    options: {
      columns: [...indexes.columns],
      conventions: { dateOrder: {}, decimalStyle: {}, headers: {} },
      defaultType: 'call',
    },
    hashFile: true,
  });
  let rows = 0;
  /** Progress never goes back, papaparse starting over included. */
  let bytesRead = 0;
  let progressBack = false;
  for (;;) {
    const next = await batches.next();
    if (next.done) return { encoding: format.encoding, rows, progressBack, end: next.value };
    rows += next.value.count;
    progressBack ||= next.value.bytesRead < bytesRead;
    bytesRead = next.value.bytesRead;
  }
}

/** The bytes before `at` end on a whole character. */
function completeAt(bytes: Uint8Array, encoding: TestEncoding, at: number): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, at));
    return true;
  } catch {
    return false;
  }
}

async function importBothWays(path: string) {
  const results = [];
  for (const byteRoute of [true, false]) {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const staged = await inspectTable(path, 'file.csv', 'x', statSync(path).size, 'activities');
    if (!staged.ok) {
      database.close();
      return null;
    }
    const summary = await runImport(sqlite, {
      staged: staged.value,
      kind: 'activities',
      mapping: staged.value.info.mapping,
      now: '2026-01-01T00:00:00.000Z',
      activityByteRoute: byteRoute,
    });
    const dump = {
      summary: summary.ok
        ? {
            counts: summary.value.counts,
            warnings: summary.value.warnings,
            sample: summary.value.rejectedSample,
          }
        : summary.error,
      activities: sqlite
        .prepare(
          `SELECT a.id, a.row_hash, a.external_id, r.name AS rep, c.name AS account, a.type, a.type_raw,
                  a.activity_date, a.subject, a.outcome, a.duration_min
           FROM activity_rows a LEFT JOIN reps r ON r.id = a.rep_id LEFT JOIN accounts c ON c.id = a.account_id ORDER BY a.id`,
        )
        .safeIntegers(true)
        .all(),
      rejected: sqlite
        .prepare(
          'SELECT row_number, reason_code, reason_params_json, raw_json FROM rejected_rows ORDER BY id',
        )
        .all(),
      batches: sqlite.prepare('SELECT file_sha256, rows_read FROM import_batches').all(),
    };
    database.close();
    results.push(dump);
  }
  return results as [unknown, unknown];
}

const SAMPLES = [
  ...readdirSync(resolve(root, 'test/fixtures/import'))
    .filter((f) => f.endsWith('.csv'))
    .map((f) => resolve(root, 'test/fixtures/import', f)),
  ...['DTC_Task.csv', 'DTC_Event.csv', 'DTC_Telephony.csv'].map((f) =>
    resolve(root, '../shared/data/salesforce-dtc-sample', f),
  ),
  resolve(root, '../shared/data/salesforce-data-export-format/Task.csv'),
  resolve(root, 'resources/demo/activities.csv'),
];

describe('the byte route and the text route store the same activities', () => {
  it.each(SAMPLES.map((p) => [p.slice(root.length - 4)]))('%s', async (name) => {
    const path = SAMPLES.find((p) => p.endsWith(name.slice(4))) as string;
    const both = await importBothWays(path);
    if (both === null) return; // not a table at all: refused the same way before either route
    expect(both[0]).toEqual(both[1]);
  });

  it('for generated files with every quoting and spacing case', async () => {
    const rand = mulberry32(99);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
    const owners = [
      'Ann Lee',
      ' Ann Lee ',
      '张伟',
      '"Lee, Ann"',
      '\u00a0Bo Chen',
      'Bo Chen\u3000',
      '"Bo ""B"" Chen"',
      '',
    ];
    const subjects = [
      'Call',
      '"multi\nline"',
      '"multi\r\nline"',
      '',
      'Demo',
      '"say ""hi"""',
      'Ünïcödé',
      '"a;b|c"',
      // Chinese text through most rows, as in a 纷享销客 export: what tells GB18030 from Windows-1252.
      '拜访客户',
      '电话跟进',
    ];
    const dates = ['2024-03-01', '3/4/2024', '2024-02-30', '', ' 2024-01-05 '];
    let repeated = 0;
    for (let file = 0; file < 12; file++) {
      const crlf = rand() < 0.5;
      const nl = crlf ? '\r\n' : '\n';
      const lines = ['Activity ID,Assigned To,Activity Type,Subject,Activity Date,Account Name,Call Result'];
      for (let i = 0; i < 400; i++) {
        const r = rand();
        if (r < 0.02) lines.push('');
        else if (r < 0.03) lines.push('Confidential Information - Do Not Distribute');
        // A stray quote refuses the whole file: only in every third file.
        else if (r < 0.04 && file % 3 === 0)
          lines.push(`A-${i},"Ann""Lee" x,Call,s,2024-03-01,,`); // text after a closing quote
        else
          lines.push(
            [
              // Ids repeat (the later rows are rejected), spaced or quoted or not.
              // Most ids ASCII (read from their bytes), some not (read as text), in the same batch.
              rand() < 0.8
                ? pick([`A-${i % 350}`, ` A-${i % 350} `, `"A-${i % 350}"`, `活动-${i % 50}`, `é😀${i % 50}`])
                : '',
              pick(owners),
              pick(['Call', 'Meeting', 'Email', '', 'Site visit']),
              pick(subjects),
              pick(dates),
              pick(['Acme Inc', '"Acme, Inc"', '', 'Beta Ltd', '华为技术有限公司']),
              pick(['Connected', '', 'Left voicemail']),
            ].join(','),
          );
      }
      if (rand() < 0.5) lines.push('Generated By: Jane Doe');
      const path = join(dir, `generated-${file}.csv`);
      const text = lines.join(nl) + (rand() < 0.5 ? nl : '');
      writeFileSync(path, (rand() < 0.3 ? '\ufeff' : '') + text);
      const both = await importBothWays(path);
      expect(both).not.toBeNull();
      expect(both?.[0]).toEqual(both?.[1]);
      // The same text in GB18030 or UTF-16 stores the same rows (only the file's checksum differs).
      const stored = (dump: unknown) => {
        const { summary, activities, rejected } = dump as Record<string, unknown>;
        return { summary, activities, rejected };
      };
      for (const encoding of ['gb18030', 'utf-16le'] as const) {
        const encoded = join(dir, `generated-${file}-${encoding}.csv`);
        writeFileSync(encoded, encodeText(text, encoding));
        const again = await importBothWays(encoded);
        expect(again?.[0]).toEqual(again?.[1]);
        expect(stored(again?.[0])).toEqual(stored(both?.[0]));
      }
      // Each repeat names the earlier row its id came on.
      const { rejected } = both?.[0] as {
        rejected: { row_number: number; reason_code: string; reason_params_json: string }[];
      };
      const repeats = rejected.filter((r) => r.reason_code === 'repeated_id');
      repeated += repeats.length;
      for (const r of repeats) {
        const earlier = (JSON.parse(r.reason_params_json) as { row: number }).row;
        expect(earlier).toBeGreaterThan(1);
        expect(earlier).toBeLessThan(r.row_number);
      }
    }
    // Files a stray quote refuses aside, the others repeat ids.
    expect(repeated).toBeGreaterThan(50);
  });

  it('for a file of many chunks, whole or handed to papaparse deep inside', async () => {
    // About 1.3 MB: the byte route reads it in chunks of 16 KB doubling to 256 KB, each read
    // while the one before is parsed; a record it is not sure of comes after several of them.
    const lines = ['Activity ID,Assigned To,Activity Type,Subject,Activity Date,Account Name,Call Result'];
    for (let i = 0; i < 20_000; i++)
      lines.push(
        `A-${i},Rep ${i % 37},${i % 3 ? 'Call' : 'Email'},Subject ${i % 101},2024-03-0${(i % 9) + 1},Account ${i % 501},Connected`,
      );
    for (const [name, unsure] of [
      ['chunks-whole.csv', null],
      // A quoted cell with text after its closing quote: papaparse reads on from that record.
      ['chunks-handed-over.csv', 15_321],
    ] as const) {
      const body = [...lines];
      if (unsure !== null) body[unsure] = `A-x,"Rep 1" junior,Call,s,2024-03-01,Account 1,`;
      const path = join(dir, name);
      writeFileSync(path, body.join('\n'));
      expect(statSync(path).size).toBeGreaterThan(1_000_000);
      const both = await importBothWays(path);
      expect(both?.[0]).toEqual(both?.[1]);
      const { summary, activities } = both?.[0] as { summary: unknown; activities: unknown[] };
      if (unsure === null) expect(activities).toHaveLength(20_000);
      // The record after the cell is refused by row (a stray quote refuses the file), both ways.
      else expect(summary).toMatchObject({ code: 'stray_quote', params: { row: unsure + 1 } });
    }
  });

  it('for files in GB18030, UTF-16 and Windows-1252, read from their bytes', async () => {
    // About 1.3 MB each. Every third owner has a Chinese name (an accented one in Windows-1252),
    // every thirteenth an accented one; subjects near the first chunk's end are Chinese and emoji.
    const lines = ['Activity ID,Assigned To,Activity Type,Subject,Activity Date,Account Name,Call Result'];
    for (let i = 0; i < 20_000; i++)
      lines.push(
        `A-${i},${i % 13 === 0 ? 'Zoë Müller' : i % 3 === 0 ? '陈静' : `Rep ${i % 37}`},${i % 3 ? 'Call' : 'Email'},${i > 20 && i < 600 ? '拜访😀客户'.repeat(3) : `Subject ${i % 101}`},2024-03-0${(i % 9) + 1},Account ${i % 501},Connected`,
      );
    // A quote inside an unquoted cell: the byte route is not sure of it, papaparse reads it as a
    // character, and the file imports whole.
    const unsure = 15_321;
    for (const encoding of ['utf-8', 'gb18030', 'utf-16le', 'windows-1252'] as const)
      for (const handedOver of [false, true]) {
        const body = lines.map((line) =>
          encoding === 'windows-1252'
            ? line.replace('陈静', 'Chén').replaceAll('拜访😀客户', 'Bésuch')
            : line,
        );
        if (handedOver) body[unsure] = `A-x,Rep 5" tall,Call,s,2024-03-01,Account 1,`;
        // The first chunk (16 KB) ends inside a character: its bytes are decoded with the next's.
        let bytes = encodeText(body.join('\r\n'), encoding);
        for (let pad = 1; encoding !== 'windows-1252' && completeAt(bytes, encoding, 16_384); pad++) {
          body[1] = body[1]?.replace('Subject', 'x'.repeat(pad) + 'Subject') as string;
          bytes = encodeText(body.join('\r\n'), encoding);
        }
        const path = join(dir, `encoded-${encoding}-${handedOver}.csv`);
        writeFileSync(path, bytes);
        const read = await readThroughWorker(path);
        expect(read.encoding).toBe(encoding);
        expect(read.rows).toBe(20_000);
        expect(read.progressBack).toBe(false);
        expect(read.end.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
        // The header and every row as bytes, or those before the record papaparse took over at.
        expect(read.end.recordsAsBytes).toBe(handedOver ? unsure : 20_001);
        const both = await importBothWays(path);
        expect(both?.[0]).toEqual(both?.[1]);
        const { activities } = both?.[0] as { activities: { subject: string }[] };
        expect(activities).toHaveLength(20_000);
        if (encoding !== 'windows-1252') expect(activities[100]?.subject).toBe('拜访😀客户'.repeat(3));
      }
  });
});
