import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateRows } from '../../engine/import/activities/estimate-rows';

const dir = mkdtempSync(join(tmpdir(), 'qc-estimate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('estimateRows (sizing the key tables of an activities import)', () => {
  it('counts the lines of a file shorter than the sample', () => {
    expect(estimateRows(file('small.csv', 'a,b\n1,2\n3,4\n'))).toBe(4);
    expect(estimateRows(file('one.csv', 'a,b'))).toBe(1);
  });

  it('scales a large file from its head, with a tenth of headroom', () => {
    const row =
      'ACT-123456,Rep 045,Call,Follow-up on proposal and next steps,2023-09-25,Account 1,Connected,22\n';
    const rows = 40_000; // about 3.7 MB, past the 1 MB sample
    const path = file('large.csv', row.repeat(rows));
    const estimate = estimateRows(path);
    expect(estimate).toBeGreaterThanOrEqual(rows);
    expect(estimate).toBeLessThanOrEqual(rows * 1.12);
  });

  it('answers 0 for a file it cannot read (the caller falls back to the size)', () => {
    expect(estimateRows(join(dir, 'missing.csv'))).toBe(0);
  });
});
