import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase, type SqliteHandle } from '../../engine/db/open-database';
import { runImport } from '../../engine/import/run-import';
import { inspectTable, stageTable, type StagedTable } from '../../engine/import/stage-file';
import { undoImport } from '../../engine/import/undo-import';
import type { ImportSummary } from '../../shared/api/contract';
import type { FileKind } from '../../shared/domain/types';
import { isMessageKey } from '../../shared/i18n/translate';
import { mulberry32 } from '../../shared/random/mulberry32';
import type { AppError, Result } from '../../shared/result';
import { mutateText, mutateWorkbook } from './mutate';
import { FUZZ, writeFigures } from './scale';
import { isBlank, strictRecords } from './strict-csv';

/**
 * The fuzz campaign of issue #13: mutated copies of the public sample files (../shared/data) are
 * staged and imported into a workspace that already holds data. Each case is classified:
 * - imported: rows read (accepted and rejected) plus footer lines skipped must be the non-blank
 *   records after the header that the reference counter (strict-csv.ts, no code shared with the
 *   importer) finds; every record with filled cells past the header's must be a rejected row with
 *   that row number; rows with cells missing must be counted in the short_rows notice; a workbook
 *   damaged in its zip bytes that still imports must give every row of the undamaged one (its
 *   checksums passed, so its content is intact), and one whose data sheet or shared strings are
 *   cut short must not import at all. The import is then undone and the workspace must be exactly
 *   as before. Anything else is a silent loss.
 * - refused: with a message the UI can translate, and the workspace exactly as before.
 * - crash: an exception or a hang. Must never happen.
 */

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const NOW = '2026-01-01T00:00:00.000Z';
/** Lines of each sample kept: enough rows for every route, few enough for thousands of cases. */
const LINES = 400;
const CASE_TIMEOUT_MS = 60_000;

interface Source {
  rel: string;
  kind: FileKind;
  /** The whole file, not its first LINES lines: reads cross the 256 KB chunks of both routes. */
  whole?: boolean;
}

/** Every route: activities from bytes (UTF-8) and text, deals, accounts, reps, quotas, history; LF, CRLF, BOM, UTF-16LE. */
const TEXT_SOURCES: Source[] = [
  { rel: 'salesforce-dtc-sample/DTC_Task.csv', kind: 'activities' },
  { rel: 'salesforce-dtc-sample/DTC_Event.csv', kind: 'activities' },
  { rel: 'salesforce-dtc-sample/DTC_Telephony.csv', kind: 'activities' },
  { rel: 'salesforce-dtc-sample/DTC_Opportunity.csv', kind: 'deals' },
  { rel: 'salesforce-dtc-sample/DTC_Account.csv', kind: 'accounts' },
  { rel: 'salesforce-dtc-sample/DTC_OpportunityHistory.csv', kind: 'deal_history' },
  { rel: 'maven-crm-sales-opportunities/sales_pipeline.csv', kind: 'deals' },
  { rel: 'maven-crm-sales-opportunities/sales_teams.csv', kind: 'reps' },
  { rel: 'crm-and-sales-pipelines/CRM-and-Sales-Pipelines.csv', kind: 'deals' },
  { rel: 'salesforce-data-export-format/Task.csv', kind: 'activities' },
  { rel: 'salesforce-data-export-format/Opportunity.csv', kind: 'deals' },
  { rel: 'adventureworks-reseller-quotas/ResellerSalesTargets.csv', kind: 'quotas' },
  { rel: 'adventureworks-reseller-quotas/ResellerSales_202006.csv', kind: 'deals' },
  { rel: 'salesforce-dtc-sample/DTC_Task.csv', kind: 'activities', whole: true },
  { rel: 'maven-crm-sales-opportunities/sales_pipeline.csv', kind: 'deals', whole: true },
];
const WORKBOOK: Source = { rel: 'crm-and-sales-pipelines/CRM-and-Sales-Pipelines.xlsx', kind: 'deals' };

/** The first LINES lines of a sample, in its own encoding (UTF-16LE cut by characters). */
function head(bytes: Buffer): Uint8Array {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = bytes.subarray(2).toString('utf16le').split('\n').slice(0, LINES).join('\n') + '\n';
    return Buffer.concat([bytes.subarray(0, 2), Buffer.from(text, 'utf16le')]);
  }
  let lines = 0;
  for (let i = 0; i < bytes.length; i++)
    if (bytes[i] === 0x0a && ++lines === LINES) return bytes.subarray(0, i + 1);
  return bytes;
}

const TABLES_SQL =
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";

/** Every row of every table, hashed: "the workspace is as it was" is this being equal. */
function workspaceHash(sqlite: SqliteHandle): string {
  const hash = createHash('sha256');
  for (const table of sqlite.prepare(TABLES_SQL).pluck().all() as string[]) {
    hash.update(`\n#${table}\n`);
    // The activities token (engine/analysis/activity-cache.ts) is not data: every import of
    // activities and every undo replaces it by design, so the cached activities are read again.
    const only = table === 'settings' ? "WHERE key != 'activities_token'" : '';
    for (const row of sqlite.prepare(`SELECT * FROM "${table}" ${only} ORDER BY rowid`).raw().iterate())
      hash.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
  }
  return hash.digest('hex');
}

type Outcome =
  | { type: 'imported'; summary: ImportSummary; staged: StagedTable }
  | { type: 'refused'; error: AppError }
  | { type: 'crash'; error: string };

async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer after ${CASE_TIMEOUT_MS} ms (hang)`)),
      CASE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

async function importCase(
  sqlite: SqliteHandle,
  file: string,
  kind: FileKind,
  workDir: string,
  id: string,
): Promise<Outcome> {
  try {
    return await withTimeout(
      (async (): Promise<Outcome> => {
        const size = statSync(file).size;
        const staged: Result<StagedTable> = file.endsWith('.xlsx')
          ? await stageTable(file, path.basename(file), id, size, { workDir, kind })
          : await inspectTable(file, path.basename(file), id, size, kind);
        if (!staged.ok) return { type: 'refused', error: staged.error };
        const r = await runImport(sqlite, {
          staged: staged.value,
          kind,
          mapping: staged.value.info.mapping,
          now: NOW,
          // A mapping saved by one case would change how the next is staged, and outlive its undo.
          rememberMapping: false,
        });
        return r.ok
          ? { type: 'imported', summary: r.value, staged: staged.value }
          : { type: 'refused', error: r.error };
      })(),
    );
  } catch (e) {
    return { type: 'crash', error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

/** What the reference says an import of this staged text must have read, or why it cannot say. */
function expectedRows(
  staged: StagedTable,
):
  | { ok: true; rows: number; extraCellRecords: number[]; shortRecords: number; dataRecords: Set<number> }
  | { ok: false; why: string } {
  const bytes = readFileSync(staged.path).subarray(staged.format.bomLength);
  const decoder = new TextDecoder(staged.format.encoding);
  const text = decoder.decode(bytes, { stream: true }) + decoder.decode();
  if (staged.format.lineBreak === '\r') return { ok: false, why: 'old Mac line breaks (not modelled)' };
  const ref = strictRecords(text, staged.format.delimiter);
  if (ref.status !== 'ok') return { ok: false, why: `${ref.status} quote at record ${ref.record}` };
  const width = staged.info.headers.length;
  const extraCellRecords: number[] = [];
  let shortRecords = 0;
  const dataRecords = new Set<number>();
  ref.records.forEach((cells, i) => {
    const record = i + 1;
    if (record <= staged.headerRecord || isBlank(cells)) return;
    dataRecords.add(record);
    if (cells.slice(width).some((c) => c.trim() !== '')) extraCellRecords.push(record);
    if (cells.length < width) shortRecords++;
  });
  return { ok: true, rows: dataRecords.size, extraCellRecords, shortRecords, dataRecords };
}

interface Figures {
  cases: number;
  imported: number;
  refused: number;
  lost: number;
  crashes: number;
  /** A refusal or an undo that left the workspace changed. */
  changedWorkspace: number;
  refusedBy: Record<string, number>;
  byMutation: Record<string, { cases: number; imported: number; refused: number }>;
  failures: string[];
}

const newFigures = (): Figures => ({
  cases: 0,
  imported: 0,
  refused: 0,
  lost: 0,
  crashes: 0,
  changedWorkspace: 0,
  refusedBy: {},
  byMutation: {},
  failures: [],
});

function footerRows(summary: ImportSummary): number {
  const w = summary.warnings.find((n) => n.code === 'footer_rows_skipped');
  return Number(w?.params?.count ?? 0);
}

/** Judges one case and undoes an import; returns the failures found (empty when none). */
function judge(
  sqlite: SqliteHandle,
  outcome: Outcome,
  before: string,
  figures: Figures,
  did: string[],
  label: string,
  wholeRows: number | null,
  mustRefuse = false,
): void {
  figures.cases++;
  const fail = (kind: 'lost' | 'crashes' | 'changedWorkspace', why: string): void => {
    figures[kind]++;
    if (figures.failures.length < 30) figures.failures.push(`${label} [${did.join('+')}]: ${why}`);
  };
  const key = did.join('+');
  const m = (figures.byMutation[key] ??= { cases: 0, imported: 0, refused: 0 });
  m.cases++;
  if (outcome.type === 'crash') {
    fail('crashes', outcome.error);
    return;
  }
  if (outcome.type === 'refused') {
    figures.refused++;
    m.refused++;
    figures.refusedBy[outcome.error.code] = (figures.refusedBy[outcome.error.code] ?? 0) + 1;
    if (!outcome.error.message || !isMessageKey(`error.${outcome.error.code}`))
      fail('lost', `refused without a message the UI can show: ${JSON.stringify(outcome.error)}`);
    if (workspaceHash(sqlite) !== before)
      fail('changedWorkspace', `refused (${outcome.error.code}) but changed the workspace`);
    return;
  }
  figures.imported++;
  m.imported++;
  const { summary, staged } = outcome;
  if (mustRefuse) fail('lost', `imported ${summary.counts.read} rows of a workbook with a broken part`);
  const read = summary.counts.read + footerRows(summary);
  const expected = expectedRows(staged);
  if (!expected.ok)
    fail('lost', `imported ${read} rows of a file the reference cannot split: ${expected.why}`);
  else {
    if (read !== expected.rows)
      fail('lost', `read ${read} rows (footer included), the reference finds ${expected.rows}`);
    const rejected = sqlite
      .prepare('SELECT row_number, reason_code FROM rejected_rows WHERE batch_id = ?')
      .raw()
      .all(summary.batchId) as [number, string][];
    if (rejected.length !== summary.counts.rejected)
      fail('lost', `${summary.counts.rejected} rejected, ${rejected.length} kept with their row`);
    const extra = new Set(rejected.filter(([, code]) => code === 'extra_cells').map(([row]) => row));
    const missed = expected.extraCellRecords.filter((r) => !extra.has(r));
    if (missed.length > 0)
      fail('lost', `rows with cells past the header not rejected: ${missed.slice(0, 5).join(', ')}`);
    // Rows with cells missing (a line cut in two) are read, but never without a word: all but
    // those taken for a footer are counted in the short_rows notice.
    const said = Number(summary.warnings.find((n) => n.code === 'short_rows')?.params?.count ?? 0);
    if (said < expected.shortRecords - footerRows(summary))
      fail('lost', `${expected.shortRecords} rows with cells missing, ${said} said`);
    const strange = rejected.filter(([row]) => !expected.dataRecords.has(row));
    if (strange.length > 0)
      fail('lost', `rejected rows the reference does not have: ${strange.slice(0, 5).join(', ')}`);
  }
  if (wholeRows !== null && read !== wholeRows)
    fail('lost', `a damaged zip passed its checks but gave ${read} rows instead of ${wholeRows}`);
  undoImport(sqlite, summary.batchId);
  if (workspaceHash(sqlite) !== before)
    fail('changedWorkspace', 'import and undo did not leave the workspace as it was');
}

function report(name: string, f: Figures, seconds: number): void {
  const line = {
    campaign: name,
    seed: FUZZ.seed,
    cases: f.cases,
    imported: f.imported,
    refused: f.refused,
    lost: f.lost,
    crashes: f.crashes,
    changedWorkspace: f.changedWorkspace,
    seconds: Math.round(seconds),
    refusedBy: f.refusedBy,
  };
  console.log(JSON.stringify(line));
  if (FUZZ.full) {
    const byMutation = Object.entries(f.byMutation)
      .filter(([k]) => !k.includes('+'))
      .sort(([a], [b]) => a.localeCompare(b));
    writeFigures(name, { ...line, byMutation: Object.fromEntries(byMutation), failures: f.failures });
  }
}

describe('fuzz campaign: mutated public sample files (issue #13)', () => {
  let dir: string;
  let ws: OpenDatabase;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qc-fuzz-'));
    ws = openDatabase(path.join(dir, 'workspace.sqlite'));
    // A workspace with data in it: reps, accounts, deals and activities the cases must not touch.
    const base = path.resolve(import.meta.dirname, '../fixtures/import');
    for (const [file, kind] of [
      ['us-dates-mdy.csv', 'deals'],
      ['lf-line-in-crlf-activities.csv', 'activities'],
    ] as const) {
      const outcome = await importCase(ws.sqlite, path.join(base, file), kind, dir, `base-${file}`);
      if (outcome.type !== 'imported') throw new Error(`base import of ${file} failed`);
    }
  });
  afterAll(() => {
    ws.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${FUZZ.csvCases} mutated text exports: 0 silent losses, 0 crashes, 0 changed workspaces`, async () => {
    const started = performance.now();
    const rand = mulberry32(FUZZ.seed);
    const sources = TEXT_SOURCES.map((s) => {
      const bytes = readFileSync(path.join(DATA, s.rel));
      return { ...s, bytes: s.whole ? new Uint8Array(bytes) : head(bytes) };
    });
    const figures = newFigures();
    for (let c = 0; c < FUZZ.csvCases; c++) {
      const source = sources[c % sources.length] as (typeof sources)[number];
      const delimiter = source.rel.includes('ResellerSales') ? '\t' : ',';
      const { bytes, did } = mutateText(source.bytes, rand, delimiter);
      const file = path.join(dir, `case-${c}-${path.basename(source.rel)}`);
      writeFileSync(file, bytes);
      const before = workspaceHash(ws.sqlite);
      const outcome = await importCase(ws.sqlite, file, source.kind, dir, `case-${c}`);
      judge(ws.sqlite, outcome, before, figures, did, `seed ${FUZZ.seed} case ${c} ${source.rel}`, null);
      rmSync(file);
    }
    report('csv', figures, (performance.now() - started) / 1000);
    expect(figures.failures).toEqual([]);
    expect({ lost: figures.lost, crashes: figures.crashes, changed: figures.changedWorkspace }).toEqual({
      lost: 0,
      crashes: 0,
      changed: 0,
    });
    // The campaign exercised both outcomes.
    expect(figures.imported).toBeGreaterThan(figures.cases / 4);
    expect(figures.refused).toBeGreaterThan(0);
  });

  it(`${FUZZ.xlsxCases} damaged workbooks: 0 silent losses, 0 crashes, 0 changed workspaces`, async () => {
    const started = performance.now();
    const rand = mulberry32(FUZZ.seed + 1);
    const original = readFileSync(path.join(DATA, WORKBOOK.rel));
    const whole = await importCase(ws.sqlite, path.join(DATA, WORKBOOK.rel), WORKBOOK.kind, dir, 'whole');
    if (whole.type !== 'imported') throw new Error('the undamaged workbook does not import');
    const wholeRows = whole.summary.counts.read + footerRows(whole.summary);
    expect(wholeRows).toBe(3000);
    undoImport(ws.sqlite, whole.summary.batchId);
    const figures = newFigures();
    for (let c = 0; c < FUZZ.xlsxCases; c++) {
      const { bytes, did, rezipped, mustRefuse } = mutateWorkbook(original, rand);
      const file = path.join(dir, `book-${c}.xlsx`);
      writeFileSync(file, bytes);
      const before = workspaceHash(ws.sqlite);
      const outcome = await importCase(ws.sqlite, file, WORKBOOK.kind, dir, `book-${c}`);
      judge(
        ws.sqlite,
        outcome,
        before,
        figures,
        did,
        `seed ${FUZZ.seed + 1} workbook ${c}`,
        rezipped ? null : wholeRows,
        mustRefuse,
      );
      rmSync(file);
      rmSync(path.join(dir, `book-${c}.sheet.csv`), { force: true });
    }
    report('xlsx', figures, (performance.now() - started) / 1000);
    expect(figures.failures).toEqual([]);
    expect({ lost: figures.lost, crashes: figures.crashes, changed: figures.changedWorkspace }).toEqual({
      lost: 0,
      crashes: 0,
      changed: 0,
    });
  });
});
