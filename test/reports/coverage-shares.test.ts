import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { importPaths } from '../../engine/import/import-files';
import { Workspace } from '../../engine/workspace/workspace';
import { sharesKnown } from '../../shared/customers/coverage-shares';
import { en } from '../../shared/i18n/messages-en';
import type { ReportHtml } from '../../shared/api/contract';
import type { Result } from '../../shared/result';

/**
 * Coverage by tier with no activities (a deals-only export): the director's report printed "Share
 * of activity 0%" in every tier for every band. With nothing to share out there is no share: "—".
 */
const root = resolve(import.meta.dirname, '../..');
const MAVEN = resolve(root, '../shared/data/maven-crm-sales-opportunities');
const workspace = new Workspace(':memory:', false);
afterAll(() => workspace.close());

describe('coverage shares without data', () => {
  it('are known only when something was shared out', () => {
    expect(sharesKnown({ A: 0, B: 0, C: 0, D: 0, none: 0 })).toBe(false);
    expect(sharesKnown({ A: 0, B: 0, C: 0, D: 1, none: 0 })).toBe(true);
  });

  it('print "—" for the activity of a deals-only workspace, and the revenue shares as figures', async () => {
    const imported = await importPaths(
      workspace.sqlite,
      ['sales_pipeline.csv', 'sales_teams.csv', 'accounts.csv'].map((f) => resolve(MAVEN, f)),
      '2026-01-01T00:00:00.000Z',
    );
    expect(imported.ok).toBe(true);
    workspace.invalidate();
    const engine = Engine.inProcess(workspace);
    const html = (await engine.call('reports.director', {
      period: '2017',
      lang: 'en',
    })) as Result<ReportHtml>;
    if (!html.ok) throw new Error(html.error.message);
    const table =
      /<table[^>]*data-table="coverage"[^>]*>([\s\S]*?)<\/table>/.exec(html.value.html)?.[1] ?? '';
    const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!);
    const activity = rows.filter((r) => r.includes(en['coverage.activityShare']));
    const revenue = rows.filter((r) => r.includes(en['coverage.revenueShare']));
    expect(activity.length).toBe(4);
    expect(revenue.length).toBe(4);
    const cells = (row: string): string[] =>
      [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]!);
    for (const row of activity) expect(cells(row)).toEqual(['—', '—', '—', '—', '—']);
    for (const row of revenue) for (const cell of cells(row)) expect(cell).toMatch(/^\d+%$/);
  }, 60_000);
});
