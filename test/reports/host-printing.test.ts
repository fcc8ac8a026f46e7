import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../engine/host/engine-client';
import { ReportPrinter } from '../../engine/reports/chromium';
import { REPORT_FONT_ORIGIN } from '../../engine/reports/fonts';
import type { ApiMethod, ApiRequest, ApiResponse, RankingView } from '../../shared/api/contract';
import type { Result } from '../../shared/result';
import { isA4, pageSizes, text } from './poppler';

/**
 * Printing by the host (the desktop app's road, issue #11): the engine worker sends each report's
 * HTML to the host, which prints it and sends the PDF's bytes back. Here the host prints with a
 * headless Chromium standing in for Electron's printToPDF (test/reports/electron-print-window
 * tests that part); what is tested is the road through the worker: the documents arrive one at a
 * time with the served font, the PDFs land in the job's folder, the job starts no browser of its
 * own, and a host that fails makes the job fail cleanly, leaving no file behind.
 */
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'qc-host-print-'));
let printer: ReportPrinter;
let client: EngineClient;
const received: string[] = [];
/** The document (1-based, counted in `received`) the host fails on. */
let failOn: number | null = null;
let inFlight = 0;
let maxInFlight = 0;

async function call<M extends ApiMethod>(method: M, req: ApiRequest<M>): Promise<Result<ApiResponse<M>>> {
  return (await client.call(method, req)) as Result<ApiResponse<M>>;
}

beforeAll(async () => {
  const launched = await ReportPrinter.launch();
  if (!launched.ok) throw new Error(launched.error.message);
  printer = launched.value;
  client = new EngineClient(
    new URL('../../engine/host/engine-worker-tsx.mjs', import.meta.url),
    { dataDir: join(dir, 'data'), resourcesDir: resolve(root, 'resources') },
    async (html) => {
      received.push(html);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (received.length === failOn) throw new Error('the printer is out of paper');
        return (await printer.print(html)).bytes;
      } finally {
        inFlight--;
      }
    },
  );
  const demo = await client.call('workspace.openDemo', {});
  if (!demo.ok) throw new Error(demo.error.message);
}, 120_000);

afterAll(async () => {
  await client?.close();
  await printer?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('printing through the host', () => {
  it('prints every document of a job by the host, one at a time, into the job folder', async () => {
    const ranking = await call('rankings.get', { period: '2025' });
    if (!ranking.ok) throw new Error(ranking.error.message);
    const view: RankingView = ranking.value;
    const reps = view.rows.filter((r) => r.band !== 'unranked').slice(0, 2);
    const printed = await call('reports.print', {
      jobId: 'host1',
      period: '2025',
      lang: 'en',
      repIds: reps.map((r) => r.repId),
      director: true,
    });
    expect(printed.ok).toBe(true);
    if (!printed.ok) return;
    expect(printed.value.browser).toBe('Quartile Coach');
    expect(printed.value.files.map((f) => f.kind)).toEqual(['dossier', 'dossier', 'director']);
    expect(received).toHaveLength(3);
    expect(maxInFlight).toBe(1);
    for (const html of received) expect(html).toContain(REPORT_FONT_ORIGIN);
    const file = await call('reports.printedFile', { jobId: 'host1', fileName: `${reps[0]!.rep}.pdf` });
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(isA4(pageSizes(file.value.path)[0]!, 'portrait')).toBe(true);
    expect(text(file.value.path)).toContain(reps[0]!.rep);
  }, 120_000);

  it('fails the job with the host’s reason and removes what it printed', async () => {
    received.length = 0;
    const ranking = await call('rankings.get', { period: '2025' });
    if (!ranking.ok) throw new Error(ranking.error.message);
    const reps = ranking.value.rows.filter((r) => r.band !== 'unranked').slice(0, 2);
    const jobDir = join(dir, 'data', 'reports', 'host2');
    // The first document prints; the host fails on the second.
    failOn = 2;
    const printed = await call('reports.print', {
      jobId: 'host2',
      period: '2025',
      lang: 'en',
      repIds: reps.map((r) => r.repId),
    });
    failOn = null;
    expect(received).toHaveLength(2);
    expect(printed).toMatchObject({ ok: false, error: { code: 'print_failed' } });
    if (!printed.ok) expect(printed.error.message).toContain('the printer is out of paper');
    expect(existsSync(jobDir) ? readdirSync(jobDir) : []).toEqual([]);
  }, 120_000);
});
