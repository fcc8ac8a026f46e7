import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stageTable, withMapping, withValueCounts, type StagedTable } from '../../engine/import/stage-file';

/**
 * Issue #12, item 4: the stage table lists every distinct value of the stage and status columns
 * with its count over the whole file, not over the sample staging reads for the preview, and a
 * value is listed under the column it comes from.
 */

const DATA = path.resolve(import.meta.dirname, '../../../shared/data/crm-and-sales-pipelines');
const dir = mkdtempSync(path.join(tmpdir(), 'qc-stage-full-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function stage(file: string): Promise<StagedTable> {
  const r = await stageTable(file, path.basename(file), `t-${path.basename(file)}`, statSync(file).size, {
    workDir: dir,
  });
  if (!r.ok) throw new Error(`${file}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

const listed = (t: StagedTable) => t.info.stages.map((s) => [s.field, s.column, s.value, s.count]);

describe('stage and status values over the whole file', () => {
  it('the 3,000-row public workbook: every value of both columns with its true count, per column', async () => {
    const staged = await stage(path.join(DATA, 'CRM-and-Sales-Pipelines.xlsx'));
    expect(staged.info.kind).toBe('deals');
    expect(staged.info.mapping).toMatchObject({ stage: 'Stage', status: 'Status' });
    // Counted by hand from the CSV export of the same workbook (3,000 rows).
    expect(listed(staged)).toEqual([
      ['stage', 'Stage', 'Initial contact', 298],
      ['stage', 'Stage', 'Nurturing', 220],
      ['stage', 'Stage', 'Proposal sent', 140],
      ['stage', 'Stage', 'Won', 83],
      ['stage', 'Stage', 'Opened', 65],
      ['stage', 'Stage', 'Lost', 61],
      ['status', 'Status', 'Opportunity', 867],
      ['status', 'Status', 'Qualified', 567],
      ['status', 'Status', 'Sales Accepted', 528],
      ['status', 'Status', 'New', 513],
      ['status', 'Status', 'Churned Customer', 177],
      ['status', 'Status', 'Disqualified', 177],
      ['status', 'Status', 'Customer', 171],
    ]);
  });

  it('a value met only past the sample is listed, and counts stay whole-file after a remap', async () => {
    const file = path.join(dir, 'long.csv');
    const filler = 'x'.repeat(200);
    const lines = ['Owner,Stage,Outcome,Amount,Close Date,Notes'];
    for (let i = 0; i < 5000; i++) lines.push(`Ann Lee,Negotiation,Open,100,2024-03-04,${filler}`);
    lines.push('Bo Chen,Contract Signed,Won,900,2024-05-06,late row');
    lines.push('Bo Chen,Negotiation,Lost,10,2024-05-07,late row');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const staged = await stage(file);
    expect(staged.sampleRows.length).toBeLessThan(5002);
    const stageOnly = withMapping(staged, 'deals', {
      owner: 'Owner',
      stage: 'Stage',
      amount: 'Amount',
      close_date: 'Close Date',
    });
    expect(listed(stageOnly)).toEqual([
      ['stage', 'Stage', 'Negotiation', 5001],
      ['stage', 'Stage', 'Contract Signed', 1],
    ]);
    // As the engine's remap does: a column newly mapped as the status is counted then.
    const withStatus = await withValueCounts(
      withMapping(stageOnly, 'deals', { ...stageOnly.info.mapping, status: 'Outcome' }),
    );
    expect(listed(withStatus)).toEqual([
      ['stage', 'Stage', 'Negotiation', 5001],
      ['stage', 'Stage', 'Contract Signed', 1],
      ['status', 'Outcome', 'Open', 5000],
      ['status', 'Outcome', 'Lost', 1],
      ['status', 'Outcome', 'Won', 1],
    ]);
  });
  it('reads quoted values, a footer line and a record only papaparse reads, as the import does', async () => {
    const lines = ['Owner,Stage,Amount,Close Date'];
    for (let i = 0; i < 3000; i++) lines.push(`Ann Lee,"Won, ""big""",100,2024-03-04`);
    // A quote inside an unquoted cell: the byte reader hands the rest of the file to papaparse.
    lines.push('Bo Chen,Closed 5" Lost,50,2024-03-05');
    lines.push('Bo Chen,Negotiation,70,2024-03-06');
    lines.push('');
    lines.push('Confidential Information - Do Not Distribute');
    const utf8 = path.join(dir, 'quoted.csv');
    writeFileSync(utf8, `${lines.join('\n')}\n`);
    const expected = [
      ['stage', 'Stage', 'Won, "big"', 3000],
      ['stage', 'Stage', 'Closed 5" Lost', 1],
      ['stage', 'Stage', 'Negotiation', 1],
    ];
    expect(listed(await stage(utf8))).toEqual(expected);
    // The same file in UTF-16 is read by papaparse throughout, with the same counts.
    const utf16 = path.join(dir, 'quoted-16.csv');
    writeFileSync(
      utf16,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${lines.join('\n')}\n`, 'utf16le')]),
    );
    expect(listed(await stage(utf16))).toEqual(expected);
  });
});
