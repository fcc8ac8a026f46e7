import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRankingView } from '../../engine/analysis/ranking-view';
import { importPaths } from '../../engine/import/import-files';
import { Workspace } from '../../engine/workspace/workspace';
import { parsePeriod } from '../../shared/period/period';

const MAVEN = resolve(import.meta.dirname, '../../../shared/data/maven-crm-sales-opportunities');
const files = [resolve(MAVEN, 'sales_pipeline.csv'), resolve(MAVEN, 'sales_teams.csv')];
const NOW = '2026-01-01T00:00:00.000Z';

describe('the public Maven sample, imported for real', () => {
  const ws = new Workspace(':memory:', false);
  const count = (sql: string): number => ws.sqlite.prepare(sql).pluck().get() as number;

  beforeAll(async () => {
    const r = await importPaths(ws.sqlite, files, NOW);
    expect(r.ok).toBe(true);
  });

  it('holds every deal, with the right statuses', () => {
    expect(count('SELECT count(*) FROM deals')).toBe(8800);
    expect(count("SELECT count(*) FROM deals WHERE status = 'won'")).toBe(4238);
    expect(count("SELECT count(*) FROM deals WHERE status = 'lost'")).toBe(2473);
    expect(count('SELECT count(*) FROM reps')).toBe(35);
    expect(count('SELECT count(*) FROM teams')).toBe(6);
  });

  it('stores exact values', () => {
    const row = ws.sqlite
      .prepare(
        `SELECT r.name, d.status, d.amount, d.close_date, d.created_date, a.name AS account
         FROM deals d JOIN reps r ON r.id = d.rep_id LEFT JOIN accounts a ON a.id = d.account_id WHERE d.external_id = '1C1I7A6R'`,
      )
      .get();
    expect(row).toEqual({
      name: 'Moses Frase',
      status: 'won',
      amount: 1054,
      close_date: '2017-03-01',
      created_date: '2016-10-20',
      account: 'Cancity',
    });
  });

  it('ranks 30 of 35 reps in 2017 and lists the other 5 as not ranked', () => {
    const period = parsePeriod('2017');
    if (!period.ok) throw new Error();
    const view = buildRankingView(
      ws.getWorkingSet(),
      period.value,
      ws.dataRange(),
      defaultAnalysisSettings(),
    );
    expect(view.rows).toHaveLength(35);
    expect(view.rankedCount).toBe(30);
    expect(view.bandCounts).toEqual({ top: 8, middle: 14, bottom: 8, unranked: 5 });
    expect(
      view.rows.filter((r) => r.band === 'unranked').every((r) => r.unrankedReason === 'no_data_in_period'),
    ).toBe(true);
    // Won revenue over everyone equals the sum of won deals closed in 2017.
    const total = view.rows.reduce((s, r) => s + (r.values.won_revenue ?? 0), 0);
    expect(total).toBe(
      count(
        "SELECT sum(amount) FROM deals WHERE status = 'won' AND close_date BETWEEN '2017-01-01' AND '2017-12-31'",
      ),
    );
    const darcel = view.rows.find((r) => r.rep === 'Darcel Schlecht')!;
    expect(darcel.team).toBe('Melvin Marxen');
    expect(darcel.region).toBe('Central');
    expect(darcel.values.deals_won).toBe(
      count(
        "SELECT count(*) FROM deals d JOIN reps r ON r.id = d.rep_id WHERE r.name = 'Darcel Schlecht' AND status = 'won' AND close_date LIKE '2017%'",
      ),
    );
  });

  it('changes nothing when the same files are imported again', async () => {
    const again = await importPaths(ws.sqlite, files, NOW);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    for (const s of again.value) {
      expect(s.counts.added).toBe(0);
      expect(s.counts.updated).toBe(0);
      expect(s.counts.unchanged).toBe(s.counts.read);
    }
    expect(count('SELECT count(*) FROM deals')).toBe(8800);
    expect(count('SELECT count(*) FROM reps')).toBe(35);
  });

  it('reads the Excel-resaved M/D/YYYY variant to the same dates', async () => {
    const other = new Workspace(':memory:', false);
    const r = await importPaths(other.sqlite, [resolve(MAVEN, 'variants/sales_pipeline.mdy-dates.csv')], NOW);
    expect(r.ok).toBe(true);
    const sig = (w: Workspace): string =>
      w.sqlite
        .prepare(
          "SELECT group_concat(external_id || close_date, ',') FROM (SELECT * FROM deals WHERE close_date IS NOT NULL ORDER BY external_id)",
        )
        .pluck()
        .get() as string;
    expect(sig(other)).toBe(sig(ws));
    other.close();
  });
});
