import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../engine/import/import-files';
import { Workspace } from '../../engine/workspace/workspace';
import { joinNameParts } from '../../shared/import/field-catalog';

const dir = mkdtempSync(join(tmpdir(), 'qc-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = '2026-01-01T00:00:00.000Z';

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const names = (ws: Workspace): string[] =>
  ws.sqlite.prepare('SELECT name FROM reps ORDER BY name').pluck().all() as string[];

describe('reps given as first and last name columns', () => {
  it('joins Latin names with a space and Chinese names family name first', () => {
    expect(joinNameParts('Ann', 'Lee')).toBe('Ann Lee');
    expect(joinNameParts('伟', '张')).toBe('张伟');
    expect(joinNameParts(null, 'Lee')).toBe('Lee');
    expect(joinNameParts('Ann', null)).toBe('Ann');
    expect(joinNameParts(null, null)).toBeNull();
  });

  it('imports deals owned by "Owner First Name" + "Owner Last Name" and matches them to a roster', async () => {
    const ws = new Workspace(':memory:', false);
    const deals = file(
      'deals.csv',
      'Opportunity ID,Owner First Name,Owner Last Name,Stage,Amount,Close Date\nD1,Ann,Lee,Closed Won,100,2024-02-01\nD2,Bo,Chen,Closed Lost,50,2024-02-02\nD3,Ann,Lee,Closed Won,25,2024-03-01\n',
    );
    const roster = file(
      'roster.csv',
      'First Name,Last Name,Team,Manager\nAnn,Lee,East,Kim Park\nBo,Chen,West,Kim Park\n',
    );
    const r = await importPaths(ws.sqlite, [deals, roster], NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((s) => s.kind)).toEqual(['reps', 'deals']);
    expect(r.value[1]!.mapping).toMatchObject({
      owner: null,
      given_name: 'Owner First Name',
      family_name: 'Owner Last Name',
    });
    expect(names(ws)).toEqual(['Ann Lee', 'Bo Chen']);
    expect(
      ws.sqlite
        .prepare(
          "SELECT sum(d.amount) FROM deals d JOIN reps r ON r.id = d.rep_id WHERE r.name = 'Ann Lee' AND d.status = 'won'",
        )
        .pluck()
        .get(),
    ).toBe(125);
    ws.close();
  });

  it('reads 负责人姓 / 负责人名 as one Chinese name', async () => {
    const ws = new Workspace(':memory:', false);
    const deals = file(
      'zh.csv',
      '商机名称,负责人姓,负责人名,销售阶段,商机金额,结单日期\n甲,张,伟,赢单,12.5万,2024年3月1日\n乙,李,娜,输单,3万,2024年3月2日\n',
    );
    const r = await importPaths(ws.sqlite, [deals], NOW);
    expect(r.ok).toBe(true);
    expect(names(ws)).toEqual(['张伟', '李娜'].sort());
    ws.close();
  });

  it('prefers a whole-name column when the file has one', async () => {
    const ws = new Workspace(':memory:', false);
    const roster = file(
      'roster-full.csv',
      'Sales Rep,First Name,Last Name,Team\nAnn Lee-Park,Ann,Lee,East\n',
    );
    const r = await importPaths(ws.sqlite, [roster], NOW);
    expect(r.ok).toBe(true);
    expect(names(ws)).toEqual(['Ann Lee-Park']);
    ws.close();
  });
});
