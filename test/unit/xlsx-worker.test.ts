import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertXlsxInWorker, listSheetsInWorker } from '../../engine/import/xlsx/convert-in-worker';
import { row, workbookParts, writeZipBomb, zipParts } from '../fixtures/xlsx/make-fixtures';

/**
 * The reader behind its worker wall: results come back as data whatever happens in the worker
 * (limits, out of memory, a crash, a deadline, a cancel), and the app's own process carries on.
 */

const CRM = path.resolve(
  import.meta.dirname,
  '../../../shared/data/crm-and-sales-pipelines/CRM-and-Sales-Pipelines.xlsx',
);
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/xlsx');
const dir = mkdtempSync(path.join(tmpdir(), 'qc-xlsx-worker-'));
const bomb = path.join(dir, 'bomb.xlsx');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => {
  writeZipBomb(bomb, { mebibytes: 2048 });
});

let counter = 0;
const outPath = (): string => path.join(dir, `out-${++counter}.csv`);

describe('convertXlsxInWorker', () => {
  it('converts the public CRM workbook', async () => {
    const output = outPath();
    const r = await convertXlsxInWorker(CRM, output);
    expect(r).toEqual({
      ok: true,
      value: { sheets: ['CRM_data', 'Dictionary'], sheet: 'CRM_data', rows: 3001, columns: 17 },
    });
    expect(readFileSync(output, 'utf8').split('\n')[1]).toBe(
      'Thoughtblab,Netherlands,52.370216,4.895168,Banking and Finance,Small (11-200),John Smith,2024-04-20,SAAS,' +
        'Churned Customer,7,,,833,90,2024-08-07,2024-06-27',
    );
  });

  it('passes the options through', async () => {
    const output = outPath();
    const r = await convertXlsxInWorker(path.join(FIXTURES, 'two-sheets.xlsx'), output, { sheet: 'Lookup' });
    expect(r.ok && r.value.sheet).toBe('Lookup');
    expect(readFileSync(output, 'utf8')).toBe('Code,Label\nW,Won\n');
  });

  it('returns the reader’s own error for a 2 GiB zip bomb, quickly', async () => {
    const started = performance.now();
    const r = await convertXlsxInWorker(bomb, outPath(), { fileName: 'pipeline.xlsx' });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'not_a_table',
        message:
          '"pipeline.xlsx" has a part (xl/worksheets/sheet1.xml) that expands to more than 200 times its ' +
          'compressed size, the most the app allows. It may be a zip bomb; if it is a real export, save it as CSV instead.',
        params: { file: 'pipeline.xlsx', reason: 'too_large_ratio' },
      },
    });
  });

  it('turns running out of memory into an error, and the app carries on', async () => {
    // A million distinct shared strings: about 50 MB of heap, against a 32 MB worker.
    const strings = Array.from({ length: 1_000_000 }, (_, i) => `<si><t>customer name ${i}</t></si>`);
    const parts = workbookParts({
      sheets: [{ name: 'S', rows: row(1, '<c r="A1" t="s"><v>0</v></c>') }],
      sharedStrings: strings,
    });
    const input = path.join(dir, 'strings.xlsx');
    writeFileSync(input, zipParts(parts, 0));
    const output = outPath();
    const r = await convertXlsxInWorker(
      input,
      output,
      {},
      { resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 } },
    );
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'not_a_table',
        message:
          'The workbook is too large or malformed to read safely (it needs more memory than the app allows).',
        params: { file: 'strings.xlsx', reason: 'worker_out_of_memory' },
      },
    });
    expect(existsSync(output)).toBe(false);
    // The same file fits the default limits.
    const again = await convertXlsxInWorker(input, outPath());
    expect(again).toEqual({ ok: true, value: { sheets: ['S'], sheet: 'S', rows: 1, columns: 1 } });
  });

  it('stops at the deadline and removes the partial CSV', async () => {
    const output = outPath();
    const started = performance.now();
    const r = await convertXlsxInWorker(
      bomb,
      output,
      { maxEntryRatio: 1e9, maxRows: 1e9 },
      { timeoutMs: 1500 },
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'not_a_table',
        message: 'The workbook is too large or malformed to read safely (it took longer than 1.5 seconds).',
        params: { file: 'bomb.xlsx', reason: 'timeout' },
      },
    });
    expect(existsSync(output)).toBe(false);
  });

  it('is cancelled by an AbortSignal', async () => {
    const output = outPath();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 800);
    const r = await convertXlsxInWorker(
      bomb,
      output,
      { maxEntryRatio: 1e9, maxRows: 1e9 },
      { signal: controller.signal },
    );
    expect(r).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'The import was cancelled. Nothing was changed.' },
    });
    expect(existsSync(output)).toBe(false);
  });

  it('is cancelled by an isCancelled flag', async () => {
    let cancelled = false;
    setTimeout(() => (cancelled = true), 800);
    const started = performance.now();
    const r = await convertXlsxInWorker(
      bomb,
      outPath(),
      { maxEntryRatio: 1e9, maxRows: 1e9 },
      { isCancelled: () => cancelled },
    );
    expect(r.ok || r.error.code).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('does not start when already cancelled', async () => {
    const r = await convertXlsxInWorker(CRM, outPath(), {}, { signal: AbortSignal.abort() });
    expect(r.ok || r.error.code).toBe('cancelled');
  });

  it('turns a crashing or exiting worker into an error', async () => {
    const exits = path.join(dir, 'exits.mjs');
    writeFileSync(exits, 'process.exit(3);\n');
    expect(await convertXlsxInWorker(CRM, outPath(), {}, { workerFile: exits })).toEqual({
      ok: false,
      error: {
        code: 'not_a_table',
        message:
          'The workbook is too large or malformed to read safely (the reader stopped unexpectedly, exit code 3).',
        params: { file: 'CRM-and-Sales-Pipelines.xlsx', reason: 'worker_crash' },
      },
    });
    const throws = path.join(dir, 'throws.mjs');
    writeFileSync(throws, "throw new Error('boom');\n");
    const r = await convertXlsxInWorker(CRM, outPath(), {}, { workerFile: throws });
    expect(r.ok || r.error.message).toBe(
      'The workbook is too large or malformed to read safely (the reader failed: boom).',
    );
    const missing = await convertXlsxInWorker(
      CRM,
      outPath(),
      {},
      { workerFile: path.join(dir, 'missing.mjs') },
    );
    expect(missing.ok || missing.error.code).toBe('not_a_table');
  });
});

describe('listSheetsInWorker', () => {
  it('lists the sheets of the public CRM workbook', async () => {
    expect(await listSheetsInWorker(CRM)).toEqual({
      ok: true,
      value: [
        { name: 'CRM_data', hasCells: true, hidden: false },
        { name: 'Dictionary', hasCells: true, hidden: false },
      ],
    });
  });
});
