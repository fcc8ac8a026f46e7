import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  FromActivityColumnsWorker,
  ToActivityColumnsWorker,
} from '../../engine/analysis/activity-columns-worker';
import { EngineClient } from '../../engine/host/engine-client';

/**
 * The Electron binary cannot run on CI, but the engine worker the desktop app starts is plain
 * ESM: build the app as `npm start` would and drive that bundled worker under Node, so the
 * bundle (worker paths, externals, the XLSX worker beside it) is tested, not only the sources.
 */
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'qc-bundle-'));
let client: EngineClient;
/** What the bundled engine sent the host to print (the desktop app prints with printToPDF). */
const printed: string[] = [];
const FAKE_PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n');

beforeAll(() => {
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'pipe',
    },
  );
  client = new EngineClient(
    resolve(root, 'out/main/engine-worker.js'),
    { dataDir: dir, resourcesDir: resolve(root, 'resources') },
    (html) => {
      printed.push(html);
      return Promise.resolve(FAKE_PDF.slice());
    },
  );
}, 120_000);

afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the bundled desktop engine', () => {
  it('builds main, preload (CommonJS for the sandbox), renderer and the four workers', () => {
    for (const file of [
      'out/main/main.js',
      'out/main/engine-worker.js',
      'out/main/xlsx-worker.js',
      'out/main/activity-reader-worker.js',
      'out/main/activity-columns-worker.js',
      'out/preload/preload.cjs',
      'out/renderer/index.html',
    ]) {
      expect(existsSync(resolve(root, file)), file).toBe(true);
    }
    const preload = readFileSync(resolve(root, 'out/preload/preload.cjs'), 'utf8');
    expect(preload).toContain('require("electron")');
    expect(preload).not.toMatch(/^import /m);
  });

  it('imports a workbook through its XLSX worker and opens the demo', async () => {
    const bytes = new Uint8Array(
      readFileSync(resolve(root, '../shared/data/crm-and-sales-pipelines/CRM-and-Sales-Pipelines.xlsx')),
    );
    const staged = (await client.call('import.stage', { fileName: 'crm.xlsx', bytes })) as {
      ok: true;
      value: {
        stagedId: string;
        kind: string;
        sheets: string[];
        sheet: string;
        mapping: Record<string, string | null>;
      };
    };
    expect(staged.ok).toBe(true);
    expect(staged.value).toMatchObject({
      kind: 'deals',
      sheets: ['CRM_data', 'Dictionary'],
      sheet: 'CRM_data',
    });
    const run = (await client.call('import.run', {
      jobId: 'b',
      stagedId: staged.value.stagedId,
      kind: 'deals',
      mapping: staged.value.mapping,
    })) as {
      ok: true;
      value: { counts: { added: number } };
    };
    expect(run.value.counts.added).toBe(3000);
    const demo = (await client.call('workspace.openDemo', {})) as {
      ok: true;
      value: { counts: { reps: number } };
    };
    expect(demo.value.counts.reps).toBeGreaterThanOrEqual(40);
  });

  it('opens the demo workspace file through the bundled activity columns worker', async () => {
    // The engine falls back to reading on its own thread when the worker fails, so the bundled
    // worker is also driven directly here: a broken bundle must not pass as merely slower.
    const worker = new Worker(resolve(root, 'out/main/activity-columns-worker.js'));
    try {
      const reply = new Promise<FromActivityColumnsWorker>((done, fail) => {
        worker.on('message', (m: FromActivityColumnsWorker) => {
          if (m.type !== 'ready') done(m);
        });
        worker.on('error', fail);
      });
      const request: ToActivityColumnsWorker = { type: 'read', id: 1, file: join(dir, 'demo.sqlite') };
      worker.postMessage(request);
      const read = await reply;
      expect(read.type).toBe('read');
      if (read.type !== 'read') return;
      const activities = (await client.call('workspace.info', {})) as {
        ok: true;
        value: { counts: { activities: number }; defaultPeriod: string };
      };
      expect(read.codes.length).toBe(activities.value.counts.activities);
      expect(read.accounts.length).toBe(read.codes.length);
      const ranking = (await client.call('rankings.get', { period: activities.value.defaultPeriod })) as {
        ok: boolean;
      };
      expect(ranking.ok).toBe(true);
    } finally {
      await worker.terminate();
    }
  });

  it('prints a dossier through the host: the bundle loads the report renderer and the font', async () => {
    const ranking = (await client.call('rankings.get', { period: '2025' })) as {
      ok: true;
      value: { rows: { repId: number; rep: string; band: string }[] };
    };
    const rep = ranking.value.rows.find((r) => r.band !== 'unranked')!;
    const job = (await client.call('reports.print', {
      jobId: 'bundle',
      period: '2025',
      lang: 'zh-CN',
      repIds: [rep.repId],
    })) as { ok: boolean; value: { files: { fileName: string; pages: number }[]; browser: string } };
    expect(job.ok).toBe(true);
    expect(job.value.browser).toBe('Quartile Coach');
    expect(job.value.files).toEqual([expect.objectContaining({ fileName: `${rep.rep}.pdf`, pages: 1 })]);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(rep.rep);
    expect(printed[0]).toContain('辅导档案');
    expect(printed[0]).toContain('http://report-fonts.invalid/');
    expect(printed[0]).toContain('<svg');
  });
});
