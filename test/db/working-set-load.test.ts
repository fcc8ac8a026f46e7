import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../engine/import/import-files';
import { Workspace } from '../../engine/workspace/workspace';
import { ACTIVITY_CONNECTED, ACTIVITY_TYPES, NO_DAY } from '../../shared/domain/types';
import { dayNumber } from '../../shared/period/period';

/**
 * The working set is read from SQLite in packed numeric columns (engine/analysis/working-set.ts):
 * every field must come back exactly as stored, including days before 1970, missing accounts and
 * calls whose connection is decided by outcome or duration.
 */
const dir = mkdtempSync(join(tmpdir(), 'qc-ws-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loading the working set', () => {
  it('reads every activity and deal field back exactly', async () => {
    const activities = join(dir, 'activities.csv');
    writeFileSync(
      activities,
      [
        'Activity ID,Assigned To,Activity Type,Activity Date,Account Name,Call Result,Duration (min)',
        'A1,Ann Lee,Call,1965-03-01,Acme,Connected,3',
        'A2,Ann Lee,Call,2024-01-02,,No Answer,5',
        'A3,Bob Ray,Call,2024-01-03,Acme,,2',
        'A4,Bob Ray,Call,2024-01-04,Beta,,0',
        'A5,Bob Ray,Meeting,2024-01-05,Beta,,60',
        'A6,Ann Lee,Email,2099-12-31,Beta,,',
      ].join('\n'),
    );
    const deals = join(dir, 'deals.csv');
    writeFileSync(
      deals,
      [
        'Opportunity ID,Opportunity Owner,Account Name,Stage,Amount,Created Date,Close Date,Probability (%)',
        'D1,Ann Lee,Acme,Closed Won,100.5,1969-12-31,1970-01-02,',
        'D2,Bob Ray,,Proposal,,2024-01-01,2024-03-01,40',
        'D3,Bob Ray,Beta,Closed Lost,7,2024-01-01,2024-02-01,',
      ].join('\n'),
    );
    const ws = new Workspace(':memory:', false);
    const imported = await importPaths(ws.sqlite, [activities, deals], '2026-01-01T00:00:00.000Z');
    expect(imported.ok).toBe(true);
    const set = ws.getWorkingSet();
    const rep = (name: string) => set.reps.findIndex((r) => r.name === name);
    const a = set.activities;
    const rows = Array.from({ length: a.length }, (_, i) => ({
      rep: set.reps[a.rep[i]!]?.name,
      type: ACTIVITY_TYPES[a.type[i]!],
      day: a.day[i],
      account: a.account[i]! >= 0,
      connected: (a.flags[i]! & ACTIVITY_CONNECTED) !== 0,
    }));
    // Ordered by rep, then day.
    expect(rows).toEqual(
      [
        { rep: 'Ann Lee', type: 'call', day: dayNumber('1965-03-01'), account: true, connected: true },
        { rep: 'Ann Lee', type: 'call', day: dayNumber('2024-01-02'), account: false, connected: false },
        { rep: 'Ann Lee', type: 'email', day: dayNumber('2099-12-31'), account: true, connected: false },
        { rep: 'Bob Ray', type: 'call', day: dayNumber('2024-01-03'), account: true, connected: true },
        { rep: 'Bob Ray', type: 'call', day: dayNumber('2024-01-04'), account: true, connected: false },
        { rep: 'Bob Ray', type: 'meeting', day: dayNumber('2024-01-05'), account: true, connected: false },
      ].sort((x, y) => rep(x.rep) - rep(y.rep) || x.day - y.day),
    );
    expect([...a.repStart]).toEqual([0, 3, 6]);

    const d = set.deals;
    expect(d.length).toBe(3);
    expect(d.createdDay[0]).toBe(-1);
    expect(d.closeDay[0]).toBe(1);
    expect(d.amount[0]).toBe(100.5);
    expect(d.status[0]).toBe(1);
    expect(Number.isNaN(d.amount[1]!)).toBe(true);
    expect(d.account[1]).toBe(-1);
    expect(d.probability[1]).toBeCloseTo(0.4, 12);
    // An open deal's close date stands in for its expected date.
    expect(d.expectedCloseDay[1]).toBe(dayNumber('2024-03-01'));
    expect(d.expectedCloseDay[2]).toBe(NO_DAY);
    expect(d.status[2]).toBe(2);
    expect(set.deals.rep[1]).toBe(rep('Bob Ray'));
    ws.close();
  });
});
