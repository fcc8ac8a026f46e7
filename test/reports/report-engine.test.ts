import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { browserCandidates, findBrowser, ReportPrinter } from '../../engine/reports/chromium';
import { parseUnicodeRange, REPORT_FONT_ORIGIN, reportFontCss } from '../../engine/reports/fonts';
import { safeFileName } from '../../engine/reports/print-reports';
import { reportNames } from '../../reports/names';
import { cssString, pageNumberContent } from '../../reports/report-css';
import {
  API_METHODS,
  HOST_METHODS,
  type ApiEvent,
  type ApiMethod,
  type ApiRequest,
  type ApiResponse,
  type RankingRow,
  type RankingView,
} from '../../shared/api/contract';
import { validateRequest } from '../../shared/api/validate';
import type { Result } from '../../shared/result';

/**
 * The parts of printing that are not the PDF itself: who is called what in an anonymised report,
 * the margin boxes' CSS, the font slices a text needs, where the browser is found, file names,
 * the reports.* requests a page may send, and the engine's print jobs (progress, cancel, the
 * files a host may fetch).
 */
const root = resolve(import.meta.dirname, '../..');

describe('names in an anonymised report', () => {
  const row = (repId: number, rep: string, composite: number | null): RankingRow =>
    ({ repId, rep, composite, band: composite === null ? 'unranked' : 'middle' }) as RankingRow;
  const view = {
    rows: [row(1, 'Al Stone', 50), row(2, 'Alice Stone', 80), row(3, '王小明', 65), row(4, 'Zed', null)],
  } as RankingView;
  const names = reportNames(view, true, (n) => `Rep ${n}`);

  it('numbers reps by rank, the not-ranked after the ranked', () => {
    expect([2, 3, 1, 4].map((id) => names.of(id, ''))).toEqual(['Rep 1', 'Rep 2', 'Rep 3', 'Rep 4']);
  });

  it('replaces names in free text: whole Latin names only, longest first; Chinese anywhere', () => {
    expect(names.scrub('Alice Stone leads; Al Stone joins. Also: 王小明的团队')).toBe(
      'Rep 1 leads; Rep 3 joins. Also: Rep 2的团队',
    );
  });

  it('leaves names alone when not anonymised', () => {
    const plain = reportNames(view, false, (n) => `Rep ${n}`);
    expect(plain.of(1, 'Al Stone')).toBe('Al Stone');
    expect(plain.scrub('Al Stone')).toBe('Al Stone');
  });
});

describe('margin boxes', () => {
  it('escapes a CSS string: quotes, backslashes, line breaks and angle brackets', () => {
    expect(cssString('a"b\\c\n</style>')).toBe('"a\\22 b\\5c c\\a \\3c /style\\3e "');
  });

  it('puts the page counters where the language wants them', () => {
    expect(pageNumberContent('Page {page} of {pages}')).toBe('"Page " counter(page) " of " counter(pages)');
    expect(pageNumberContent('第 {page} 页 / 共 {pages} 页')).toBe(
      '"第 " counter(page) " 页 / 共 " counter(pages) " 页"',
    );
  });
});

describe('the shipped font', () => {
  it('reads unicode ranges, wildcards included', () => {
    expect(parseUnicodeRange('U+0000-00FF, U+0131, U+4??')).toEqual([
      [0, 0xff],
      [0x131, 0x131],
      [0x400, 0x4ff],
    ]);
  });

  it('includes only the slices a text needs, in both weights', () => {
    const latin = reportFontCss('Page 1 of 4, Won revenue $1,234');
    const faces = latin.match(/@font-face/g) ?? [];
    expect(faces).toHaveLength(2);
    expect(latin).toContain('font-weight: 400');
    expect(latin).toContain('font-weight: 700');
    expect(latin).toContain('data:font/woff2;base64,');
    const chinese = reportFontCss('辅导档案 第 1 页 / 共 4 页');
    expect((chinese.match(/@font-face/g) ?? []).length).toBeGreaterThan(2);
  });

  it('names served slices under an origin that never resolves', () => {
    const served = reportFontCss('abc', 'served');
    expect(served).toContain(`url(${REPORT_FONT_ORIGIN}/`);
    expect(served).not.toContain('data:');
  });
});

describe('finding a browser', () => {
  it('takes QC_CHROMIUM alone when it is set', () => {
    expect(browserCandidates('linux', { QC_CHROMIUM: '/opt/chrome' })).toEqual(['/opt/chrome']);
    expect(browserCandidates('linux', {})[0]).toBe('/usr/bin/chromium');
    expect(browserCandidates('darwin', {})[0]).toMatch(/Google Chrome\.app/);
    expect(browserCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' }).join()).toMatch(/msedge\.exe/);
  });

  it('says where it looked when there is none', () => {
    const found = findBrowser(['/nope/chrome'], () => false);
    expect(!found.ok && found.error.code).toBe('no_browser');
    expect(!found.ok && found.error.message).toContain('/nope/chrome');
  });
});

describe('file names', () => {
  it('keeps a name readable and safe on every platform', () => {
    expect(safeFileName('Ann Lee', 'x')).toBe('Ann Lee');
    expect(safeFileName('王小明', 'x')).toBe('王小明');
    expect(safeFileName('../a/b:c*?', 'x')).toBe('.._a_b_c__');
    expect(safeFileName('  ...  ', 'rep-7')).toBe('rep-7');
    expect(safeFileName('CON', 'x')).toBe('CON_');
  });
});

describe('reports.* requests', () => {
  const base = { period: '2025', lang: 'en' };

  it('are page methods, except those that name a path on this machine', () => {
    for (const m of ['reports.dossier', 'reports.director', 'reports.print', 'reports.cancel'])
      expect(API_METHODS as readonly string[]).toContain(m);
    for (const m of ['reports.printTo', 'reports.printedFile']) {
      expect(API_METHODS as readonly string[]).not.toContain(m);
      expect(HOST_METHODS as readonly string[]).toContain(m);
    }
  });

  it('accept what the contract names and refuse everything else', () => {
    expect(validateRequest('reports.dossier', { ...base, repId: 3 }).ok).toBe(true);
    expect(validateRequest('reports.dossier', { ...base, repId: 3, extra: 1 }).ok).toBe(false);
    expect(validateRequest('reports.dossier', { ...base, lang: 'fr', repId: 3 }).ok).toBe(false);
    expect(
      validateRequest('reports.dossier', JSON.parse('{"period":"2025","lang":"en","repId":3,"__proto__":{}}'))
        .ok,
    ).toBe(false);
    // An inherited value is not the request's: only own keys count.
    const inherited = Object.create({ repId: 3 }) as Record<string, unknown>;
    Object.assign(inherited, base);
    expect(validateRequest('reports.dossier', inherited).ok).toBe(false);
    expect(validateRequest('reports.director', { ...base, anonymise: 'yes' }).ok).toBe(false);
    expect(validateRequest('reports.print', { ...base, jobId: 'j1' }).ok).toBe(false);
    expect(validateRequest('reports.print', { ...base, jobId: '../j', allReps: true }).ok).toBe(false);
    expect(validateRequest('reports.print', { ...base, jobId: 'j1', repIds: [1, 1] }).ok).toBe(false);
    const print = validateRequest('reports.print', { ...base, jobId: 'j1', allReps: true, team: 'East' });
    expect(print.ok && print.value).toEqual({ ...base, jobId: 'j1', allReps: true, team: 'East' });
    expect(validateRequest('reports.printTo', { ...base, jobId: 'j', director: true, dir: 'out' }).ok).toBe(
      false,
    );
    expect(
      validateRequest('reports.printTo', { ...base, jobId: 'j', director: true, dir: '/tmp/out' }).ok,
    ).toBe(true);
    expect(validateRequest('reports.printedFile', { jobId: 'j', fileName: '../x.pdf' }).ok).toBe(false);
    expect(validateRequest('reports.printedFile', { jobId: 'j', fileName: 'Ann Lee.pdf' }).ok).toBe(true);
  });
});

describe('print jobs in the engine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qc-report-jobs-'));
  const events: ApiEvent[] = [];
  let engine: Engine;
  let printer: ReportPrinter;
  let view: RankingView;

  async function call<M extends ApiMethod>(method: M, req: ApiRequest<M>): Promise<Result<ApiResponse<M>>> {
    return (await engine.call(method, req)) as Result<ApiResponse<M>>;
  }

  beforeAll(async () => {
    const launched = await ReportPrinter.launch();
    if (!launched.ok) throw new Error(launched.error.message);
    printer = launched.value;
    engine = new Engine({
      dataDir: join(dir, 'data'),
      resourcesDir: resolve(root, 'resources'),
      emit: (e) => {
        events.push(e);
        // Cancel the job named "stop" as soon as its first file is printed.
        if (e.type === 'reports.progress' && e.jobId === 'stop' && e.done === 1)
          void engine.handlers['reports.cancel']({ jobId: 'stop' });
      },
      printer,
    });
    const demo = await engine.handlers['workspace.openDemo']({});
    if (!demo.ok) throw new Error(demo.error.message);
    const ranking = await call('rankings.get', { period: '2025' });
    if (!ranking.ok) throw new Error(ranking.error.message);
    view = ranking.value;
  }, 120_000);

  afterAll(async () => {
    engine.close();
    await printer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the preview a self-contained document: fonts inline, no script', async () => {
    const rep = view.rows.find((r) => r.band === 'top')!;
    const html = await call('reports.dossier', { period: '2025', lang: 'en', repId: rep.repId });
    expect(html.ok).toBe(true);
    if (!html.ok) return;
    expect(html.value.fileName).toBe(`${rep.rep}.pdf`);
    expect(html.value.html).toContain('data:font/woff2;base64,');
    expect(html.value.html).not.toContain(REPORT_FONT_ORIGIN);
    expect(html.value.html).not.toMatch(/<script/i);
    expect(html.value.html).toContain('<svg');
    expect(html.value.html).toContain(rep.rep);
  });

  it('prints the anonymised director’s report HTML without a name in it', async () => {
    const html = await call('reports.director', { period: '2025', lang: 'en', anonymise: true });
    expect(html.ok).toBe(true);
    if (!html.ok) return;
    for (const row of view.rows) expect(html.value.html).not.toContain(row.rep);
    expect(html.value.html).toContain('Rep 1');
  });

  it('prints into its own folder, reports progress, and lets the host fetch a file by name only', async () => {
    const reps = view.rows.filter((r) => r.band !== 'unranked').slice(0, 2);
    const printed = await call('reports.print', {
      jobId: 'job1',
      period: '2025',
      lang: 'zh-CN',
      repIds: reps.map((r) => r.repId),
      combined: true,
    });
    expect(printed.ok).toBe(true);
    if (!printed.ok) return;
    expect(printed.value.files.map((f) => f.kind)).toEqual(['dossier', 'dossier', 'dossiers']);
    const progress = events.filter((e) => e.type === 'reports.progress' && e.jobId === 'job1');
    expect(progress.map((e) => (e.type === 'reports.progress' ? e.done : -1))).toEqual([0, 1, 2, 3]);
    const file = await call('reports.printedFile', { jobId: 'job1', fileName: `${reps[0]!.rep}.pdf` });
    expect(file.ok && existsSync(file.value.path)).toBe(true);
    const other = await call('reports.printedFile', { jobId: 'job1', fileName: 'director-report.pdf' });
    expect(!other.ok && other.error.code).toBe('not_found');
  });

  it('stops a cancelled job between two documents and removes what it printed', async () => {
    const out = join(dir, 'stopped');
    const printed = await call('reports.printTo', {
      jobId: 'stop',
      period: '2025',
      lang: 'en',
      allReps: true,
      dir: out,
    });
    expect(!printed.ok && printed.error.code).toBe('cancelled');
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses an unknown rep and a rep without data', async () => {
    const unknown = await call('reports.printTo', {
      jobId: 'u',
      period: '2025',
      lang: 'en',
      repIds: [99_999],
      dir: join(dir, 'u'),
    });
    expect(!unknown.ok && unknown.error.code).toBe('not_found');
    const idle = view.rows.find((r) => r.unrankedReason === 'no_data_in_period');
    if (idle) {
      const none = await call('reports.printTo', {
        jobId: 'n',
        period: '2025',
        lang: 'en',
        repIds: [idle.repId],
        dir: join(dir, 'n'),
      });
      expect(!none.ok && none.error.code).toBe('nothing_to_print');
    }
  });
});
