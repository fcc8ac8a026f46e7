import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MAX_IMPORT_FILE_BYTES,
  type ApiEvent,
  type ImportSummary,
  type StagedFile,
  type WorkspaceInfo,
} from '../../shared/api/contract';
import type { Result } from '../../shared/result';
import { Engine } from '../../engine/api/engine';
import { Workspace } from '../../engine/workspace/workspace';

const root = resolve(import.meta.dirname, '../..');
const MAVEN = resolve(root, '../shared/data/maven-crm-sales-opportunities');
const dir = mkdtempSync(join(tmpdir(), 'qc-engine-'));
const events: ApiEvent[] = [];
const engine = new Engine({
  dataDir: dir,
  resourcesDir: resolve(root, 'resources'),
  now: () => new Date('2026-01-02T03:04:05.000Z'),
  emit: (e) => events.push(e),
});
afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

async function stage(file: string, bytes?: Uint8Array) {
  const r = await engine.handlers['import.stage']({
    fileName: file.split('/').pop()!,
    bytes: bytes ?? new Uint8Array(readFileSync(file)),
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('Engine handlers', () => {
  it('starts with an empty user workspace', async () => {
    const info = await engine.handlers['workspace.info']({});
    expect(info.ok && info.value).toMatchObject({ isDemo: false, counts: { deals: 0 }, defaultPeriod: null });
  });

  it('stages a file: kind, preset, mapping, preview', async () => {
    const staged = await stage(resolve(MAVEN, 'sales_teams.csv'));
    expect(staged).toMatchObject({
      kind: 'reps',
      preset: 'maven',
      encoding: 'utf-8',
      delimiter: ',',
      headerLine: 1,
    });
    expect(staged.mapping).toMatchObject({
      rep: 'sales_agent',
      manager: 'manager',
      region: 'regional_office',
    });
    expect(staged.previewRows[0]).toEqual(['Anna Snelling', 'Dustin Brinkmann', 'Central']);
    expect(staged.missingRequired).toEqual([]);
  });

  it('lets the user override the kind, and then says what is missing', async () => {
    const staged = await stage(resolve(MAVEN, 'sales_teams.csv'));
    const again = await engine.handlers['import.redetect']({ stagedId: staged.stagedId, kind: 'deals' });
    expect(again.ok && again.value.kind).toBe('deals');
    expect(again.ok && again.value.missingRequired).toContain('stage');
    const run = await engine.handlers['import.run']({
      jobId: 'j0',
      stagedId: staged.stagedId,
      kind: 'deals',
      mapping: again.ok ? again.value.mapping : {},
    });
    expect(run.ok).toBe(false);
    if (!run.ok) expect(run.error.code).toBe('missing_columns');
  });

  it('cancels an import and leaves the workspace unchanged', async () => {
    const staged = await stage(resolve(MAVEN, 'sales_pipeline.csv'));
    await engine.handlers['import.cancel']({ jobId: 'cancel-me' });
    const run = await engine.handlers['import.run']({
      jobId: 'cancel-me',
      stagedId: staged.stagedId,
      kind: 'deals',
      mapping: staged.mapping,
    });
    expect(run.ok).toBe(false);
    if (!run.ok) expect(run.error.code).toBe('cancelled');
    const info = await engine.handlers['workspace.info']({});
    expect(info.ok && info.value.counts).toMatchObject({ deals: 0, batches: 0, reps: 0 });
  });

  it('imports with progress events and lists the batch in the history', async () => {
    const staged = await stage(resolve(MAVEN, 'sales_pipeline.csv'));
    const run = await engine.handlers['import.run']({
      jobId: 'j1',
      stagedId: staged.stagedId,
      kind: 'deals',
      mapping: staged.mapping,
    });
    expect(run.ok && run.value.counts).toEqual({
      read: 8800,
      added: 8800,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const progress = events.filter((e) => e.type === 'import.progress' && e.jobId === 'j1');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', fraction: 1, rowsRead: 8800 });
    expect(events.some((e) => e.type === 'workspace.changed')).toBe(true);
    const history = await engine.handlers['import.history']({});
    expect(history.ok && history.value[0]).toMatchObject({
      fileName: 'sales_pipeline.csv',
      kind: 'deals',
      preset: 'maven',
      importedAt: '2026-01-02T03:04:05.000Z',
    });
    const info = await engine.handlers['workspace.info']({});
    expect(info.ok && info.value).toMatchObject({
      defaultPeriod: '2017',
      dataRange: { min: '2017-03-01', max: '2017-12-31' },
    });
    expect(info.ok && info.value.periods.quarter.slice(0, 2)).toEqual(['2017-Q4', '2017-Q3']);
  });

  it('keeps rejected rows and exports them as a formula-safe CSV', async () => {
    const csv =
      'Opportunity Owner,Stage,Amount,Close Date\nAnn,Closed Won,100,2017-01-05\n,Closed Won,5,2017-01-06\nBob,Closed Lost,=cmd|calc,2017-01-07\n';
    const staged = await stage('bad.csv', new TextEncoder().encode(csv));
    const run = await engine.handlers['import.run']({
      jobId: 'j2',
      stagedId: staged.stagedId,
      kind: 'deals',
      mapping: staged.mapping,
    });
    expect(run.ok && run.value.counts).toMatchObject({ read: 3, added: 1, rejected: 2 });
    expect(run.ok && run.value.rejectedSample.map((r) => [r.rowNumber, r.reason.code])).toEqual([
      [3, 'missing_owner'],
      [4, 'invalid_number'],
    ]);
    const exported = await engine.handlers['import.rejectedCsv']({ batchId: run.ok ? run.value.batchId : 0 });
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    expect(exported.value.fileName).toBe('bad-rejected-rows.csv');
    expect(exported.value.csv).toContain("'=cmd|calc");
    expect(exported.value.csv).not.toMatch(/,=cmd/);
  });

  it('remembers a mapping the user confirmed and reuses it for the same headers', async () => {
    const csv = 'Seller,Phase,Value,Booked\nZed,Closed Won,10,2017-05-05\n';
    const first = await stage('custom.csv', new TextEncoder().encode(csv));
    expect(first.kind).toBeNull();
    expect(first.mappingSource).toBe('detected');
    const mapping = { owner: 'Seller', stage: 'Phase', amount: 'Value', close_date: 'Booked' };
    const run = await engine.handlers['import.run']({
      jobId: 'j3',
      stagedId: first.stagedId,
      kind: 'deals',
      mapping,
    });
    expect(run.ok && run.value.counts.added).toBe(1);
    const second = await stage('custom-next-month.csv', new TextEncoder().encode(csv.replace('Zed', 'Yan')));
    expect(second).toMatchObject({ kind: 'deals', mappingSource: 'saved', missingRequired: [] });
    expect(second.mapping).toMatchObject(mapping);
  });

  it('ranks through rankings.get and refuses a bad period as data', async () => {
    const view = await engine.handlers['rankings.get']({ period: '2017' });
    expect(view.ok && view.value.rankedCount).toBe(32);
    const bad = await engine.call('rankings.get', { period: 'yesterday' });
    expect(bad.ok).toBe(false);
    const invalid = await engine.call('rankings.get', { period: 7 });
    expect(!invalid.ok && invalid.error.code).toBe('invalid_request');
  });

  it('opens the demo workspace through the normal import path, and back', async () => {
    const demo = await engine.handlers['workspace.openDemo']({});
    expect(demo.ok).toBe(true);
    if (!demo.ok) return;
    expect(demo.value.isDemo).toBe(true);
    expect(demo.value.counts.reps).toBeGreaterThanOrEqual(40);
    expect(demo.value.counts.activities).toBeGreaterThan(10_000);
    expect(demo.value.counts.batches).toBe(5);
    const view = await engine.handlers['rankings.get']({ period: demo.value.defaultPeriod! });
    expect(view.ok && view.value.bandCounts.top).toBeGreaterThan(5);
    expect(view.ok && view.value.kpiAvailable.calls_per_day).toBe(true);
    const user = await engine.handlers['workspace.openUser']({});
    expect(user.ok && user.value).toMatchObject({ isDemo: false, counts: { deals: 8802 } });
  });
});

describe('import checksums', () => {
  it('records the SHA-256 of the file as given, BOM included, computed while importing', async () => {
    const { createHash } = await import('node:crypto');
    const { openDatabase } = await import('../../engine/db/open-database');
    const { importPaths } = await import('../../engine/import/import-files');
    const file = resolve(root, 'test/fixtures/import/utf8-bom-semicolon-decimal-comma.csv');
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const r = await importPaths(sqlite, [file], '2026-01-01T00:00:00.000Z');
    expect(r.ok).toBe(true);
    const expected = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(sqlite.prepare('SELECT file_sha256 FROM import_batches').pluck().get()).toBe(expected);
    database.close();
  });
});

describe('import.stagePath: staging a file by its path', () => {
  const staging = join(dir, 'staging');
  const stagePath = (path: string, fileName = path.split('/').pop()!) =>
    engine.call('import.stagePath', { path, fileName }) as Promise<Result<StagedFile>>;

  it('stages a CSV from its path: a copy in the staging folder, the file itself untouched', async () => {
    const source = resolve(MAVEN, 'sales_teams.csv');
    const before = new Set(readdirSync(staging));
    const r = await stagePath(source);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      kind: 'reps',
      preset: 'maven',
      fileName: 'sales_teams.csv',
      sizeBytes: statSync(source).size,
    });
    const added = readdirSync(staging).filter((f) => !before.has(f));
    expect(added).toEqual([`${r.value.stagedId}.upload`]);
    expect(readFileSync(join(staging, added[0]!))).toEqual(readFileSync(source));
  });

  it('stages an Excel workbook from its path, converted from the staged copy, and another sheet on request', async () => {
    const source = resolve(root, 'test/fixtures/xlsx/chinese-deals.xlsx');
    const r = await stagePath(source);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ encoding: 'xlsx', kind: 'deals', sizeBytes: statSync(source).size });
    expect(r.value.sheet).toBe(r.value.sheets[0]);
    const again = await engine.handlers['import.redetect']({
      stagedId: r.value.stagedId,
      sheet: r.value.sheets[0]!,
    });
    expect(again.ok && again.value.kind).toBe('deals');
  });

  it('removes the copy of a file it refuses', async () => {
    const before = readdirSync(staging).sort();
    const r = await stagePath(resolve(root, 'test/fixtures/import/pdf-renamed.csv'));
    expect(!r.ok && r.error.code).toBe('binary_file');
    expect(readdirSync(staging).sort()).toEqual(before);
  });

  it('refuses a relative path, a missing file, a folder and a file past the size limit, with clear errors', async () => {
    const relative = await stagePath('data/deals.csv', 'deals.csv');
    expect(relative).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(!relative.ok && relative.error.message).toMatch(/path/);
    // Called past the validator (as a host could), the engine still refuses it.
    const direct = await engine.handlers['import.stagePath']({
      path: 'data/deals.csv',
      fileName: 'deals.csv',
    });
    expect(direct).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

    const missing = await stagePath(join(dir, 'nowhere', 'deals.csv'));
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', params: { file: 'deals.csv' } } });

    const folder = join(dir, 'a-folder.csv');
    mkdirSync(folder);
    const notFile = await stagePath(folder);
    expect(notFile).toMatchObject({
      ok: false,
      error: { code: 'not_a_file', params: { file: 'a-folder.csv' } },
    });
    expect(!notFile.ok && notFile.error.message).toContain('a folder');

    // A sparse file: as large as the limit plus one byte on paper, no disk space in fact.
    const huge = join(dir, 'huge.csv');
    writeFileSync(huge, 'a,b\n1,2\n');
    truncateSync(huge, MAX_IMPORT_FILE_BYTES + 1);
    const before = readdirSync(staging).sort();
    const tooLarge = await stagePath(huge);
    expect(tooLarge).toMatchObject({
      ok: false,
      error: { code: 'file_too_large', params: { file: 'huge.csv', max: '4 GB' } },
    });
    expect(readdirSync(staging).sort()).toEqual(before);
  });
});

describe('staged copies are freed', () => {
  const staging = join(dir, 'staging');
  const copies = (stagedId: string) => readdirSync(staging).filter((f) => f.startsWith(stagedId));

  it('when the user removes a staged file: import.unstage deletes its copy and forgets it', async () => {
    const staged = await stage(resolve(MAVEN, 'sales_teams.csv'));
    expect(copies(staged.stagedId)).toHaveLength(1);
    const r = await engine.handlers['import.unstage']({ stagedId: staged.stagedId });
    expect(r).toEqual({ ok: true, value: { unstaged: true } });
    expect(copies(staged.stagedId)).toEqual([]);
    const run = await engine.handlers['import.run']({
      jobId: 'unstaged',
      stagedId: staged.stagedId,
      kind: 'reps',
      mapping: staged.mapping,
    });
    expect(!run.ok && run.error.code).toBe('not_found');
    expect(await engine.handlers['import.unstage']({ stagedId: staged.stagedId })).toEqual({
      ok: true,
      value: { unstaged: false },
    });
  });

  it('once the file is imported', async () => {
    const staged = await stage(resolve(MAVEN, 'sales_teams.csv'));
    expect(copies(staged.stagedId)).toHaveLength(1);
    const run = await engine.handlers['import.run']({
      jobId: 'freed',
      stagedId: staged.stagedId,
      kind: 'reps',
      mapping: staged.mapping,
    });
    expect(run.ok).toBe(true);
    expect(copies(staged.stagedId)).toEqual([]);
  });
});

describe('import.files: the hosts’ import, through the API (the CLI’s road)', () => {
  const pipeline = resolve(MAVEN, 'sales_pipeline.csv');
  const teams = resolve(MAVEN, 'sales_teams.csv');
  const accounts = resolve(MAVEN, 'accounts.csv');
  const ALYSIO = resolve(root, '../shared/data/alysio-rep-activity-kpis');
  const KPIS = resolve(ALYSIO, 'monthly_report_expanded.csv');

  /** An in-process engine over a throw-away workspace, as the CLI opens one. */
  async function inProcess<T>(body: (engine: Engine, workspace: Workspace) => Promise<T>): Promise<T> {
    const workspace = new Workspace(':memory:', false);
    const engine = Engine.inProcess(workspace, { now: () => new Date('2026-01-02T03:04:05.000Z') });
    try {
      return await body(engine, workspace);
    } finally {
      engine.close();
      workspace.close();
    }
  }

  const importFiles = (engine: Engine, request: unknown) =>
    engine.call('import.files', request) as Promise<Result<ImportSummary[]>>;

  it('imports files where they are, reps and accounts before the deals that name them, each its own batch', async () => {
    await inProcess(async (engine, workspace) => {
      const r = await importFiles(engine, { paths: [pipeline, accounts, teams] });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.map((s) => [s.fileName, s.kind, s.batchId])).toEqual([
        ['sales_teams.csv', 'reps', 1],
        ['accounts.csv', 'accounts', 2],
        ['sales_pipeline.csv', 'deals', 3],
      ]);
      expect(r.value[2]!.counts).toMatchObject({ read: 8800, rejected: 0 });
      // The analyses see the import at once: the engine dropped the working set it had.
      const info = await engine.call('workspace.info', {});
      expect(info.ok && (info.value as WorkspaceInfo).counts).toMatchObject({ reps: 35, batches: 3 });
      expect(workspace.getWorkingSet().reps.length).toBeGreaterThanOrEqual(35);
      const again = await importFiles(engine, { paths: [teams] });
      expect(again.ok && again.value[0]!.counts).toMatchObject({ read: 35, added: 0, unchanged: 35 });
    });
  });

  it('takes the steps of the app’s import: the same kind, mapping and counts as import.stagePath then import.run', async () => {
    const byFiles = await inProcess(async (engine) => importFiles(engine, { paths: [teams] }));
    const appDir = mkdtempSync(join(tmpdir(), 'qc-engine-app-'));
    const app = new Engine({ dataDir: appDir, resourcesDir: resolve(root, 'resources') });
    try {
      const staged = await app.call('import.stagePath', { path: teams, fileName: 'sales_teams.csv' });
      expect(staged.ok).toBe(true);
      if (!staged.ok) return;
      const { stagedId, kind, mapping } = staged.value as StagedFile;
      const run = await app.call('import.run', { jobId: 'same', stagedId, kind, mapping });
      expect(run.ok && byFiles.ok).toBe(true);
      if (!run.ok || !byFiles.ok) return;
      const { kind: k, preset, mapping: m, counts, warnings } = run.value as ImportSummary;
      expect(byFiles.value[0]).toMatchObject({ kind: k, preset, mapping: m, counts, warnings });
    } finally {
      app.close();
      rmSync(appDir, { recursive: true, force: true });
    }
  });

  it('refuses a summary without its month before importing anything, and imports it with one', async () => {
    await inProcess(async (engine, workspace) => {
      const refused = await importFiles(engine, { paths: [teams, KPIS] });
      expect(!refused.ok && refused.error.code).toBe('kpi_period_required');
      expect(workspace.sqlite.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(0);
      const r = await importFiles(engine, {
        paths: [KPIS],
        period: { start: '2024-12-01', end: '2024-12-31' },
      });
      expect(r.ok && r.value.map((s) => s.kind)).toEqual(['rep_kpis']);
    });
  });

  it('refuses what the app refuses, as data: bad requests, a missing file, a file of no known kind', async () => {
    await inProcess(async (engine) => {
      const relative = await importFiles(engine, { paths: ['data/deals.csv'] });
      expect(relative).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      expect(await importFiles(engine, { paths: [] })).toMatchObject({ ok: false });
      const missing = await importFiles(engine, { paths: [teams, join(dir, 'nowhere.csv')] });
      expect(missing).toMatchObject({
        ok: false,
        error: { code: 'not_found', params: { file: 'nowhere.csv' } },
      });
      const unknown = await importFiles(engine, { paths: [resolve(MAVEN, 'data_dictionary.csv')] });
      expect(!unknown.ok && unknown.error.code).toBe('unknown_file_kind');
    });
  });

  it('takes no import into the demo workspace', async () => {
    const demo = await engine.handlers['workspace.openDemo']({});
    expect(demo.ok).toBe(true);
    const r = await engine.call('import.files', { paths: [teams] });
    expect(!r.ok && r.error.code).toBe('demo_workspace');
    const user = await engine.handlers['workspace.openUser']({});
    expect(user.ok && user.value.isDemo).toBe(false);
  });
});
