import { describe, expect, it } from 'vitest';
import { attachmentDisposition, REPORT_PREVIEW_POLICY } from '../../web/report-routes';
import { CONTENT_SECURITY_POLICY } from '../../web/security';
import { previewRequest, printRequest } from '../../renderer/src/features/reports/print-target';
import { serveReportPreviewRequest } from '../../electron/report-preview';

/** The app side of printed reports (issue #11) that runs under Node: requests, download headers, policies. */
const base = { period: '2025', lang: 'en' as const, topBy: 'results' as const };

describe('print targets', () => {
  it('prints one dossier, the director’s report (anonymised or not) or every dossier of a team', () => {
    const none = { anonymise: false, team: null };
    expect(printRequest({ kind: 'dossier', repId: 7, rep: 'Ann' }, base, none)).toEqual({
      ...base,
      repIds: [7],
    });
    expect(printRequest({ kind: 'director' }, base, { anonymise: true, team: null })).toEqual({
      ...base,
      director: true,
      anonymise: true,
    });
    expect(printRequest({ kind: 'all', teams: ['East'] }, base, { anonymise: false, team: 'East' })).toEqual({
      ...base,
      allReps: true,
      combined: true,
      team: 'East',
    });
    expect(printRequest({ kind: 'all', teams: [] }, base, none)).toEqual({
      ...base,
      allReps: true,
      combined: true,
    });
  });

  it('previews the very document that prints, and nothing for a batch', () => {
    expect(
      previewRequest({ kind: 'dossier', repId: 7, rep: 'Ann' }, base, { anonymise: false, team: null }),
    ).toEqual({ method: 'reports.dossier', request: { ...base, repId: 7 } });
    expect(previewRequest({ kind: 'director' }, base, { anonymise: true, team: null })).toEqual({
      method: 'reports.director',
      request: { ...base, anonymise: true },
    });
    expect(previewRequest({ kind: 'all', teams: [] }, base, { anonymise: false, team: null })).toBeNull();
  });
});

describe('the browser host’s report routes', () => {
  it('names the download in ASCII and in UTF-8', () => {
    expect(attachmentDisposition('Ann Lee.pdf')).toBe(
      `attachment; filename="Ann Lee.pdf"; filename*=UTF-8''Ann%20Lee.pdf`,
    );
    expect(attachmentDisposition('王芳.pdf')).toBe(
      `attachment; filename="__.pdf"; filename*=UTF-8''%E7%8E%8B%E8%8A%B3.pdf`,
    );
    expect(attachmentDisposition('a"b\\c\'.pdf')).toBe(
      `attachment; filename="a_b_c'.pdf"; filename*=UTF-8''a%22b%5Cc%27.pdf`,
    );
  });

  it('gives the preview inline styles and data: fonts but no script, in a sandbox; the page only frames itself', () => {
    expect(REPORT_PREVIEW_POLICY).toContain("default-src 'none'");
    expect(REPORT_PREVIEW_POLICY).toContain("style-src 'unsafe-inline'");
    expect(REPORT_PREVIEW_POLICY).toContain('font-src data:');
    expect(REPORT_PREVIEW_POLICY).not.toMatch(/script-src|unsafe-eval/);
    expect(REPORT_PREVIEW_POLICY).toMatch(/; sandbox$/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-src 'self'");
  });
});

describe('the desktop app’s report preview', () => {
  const html = '<!doctype html><style>p{color:red}</style><p>Ann Lee</p>';
  const calls: [string, unknown][] = [];
  const call = (method: string, request: unknown) => {
    calls.push([method, request]);
    return Promise.resolve({ ok: true as const, value: { title: 'x', fileName: 'x.pdf', html } });
  };
  const at = (params: Record<string, string>) =>
    `app://quartile/report-preview?${new URLSearchParams(params).toString()}`;

  it('serves the engine’s HTML under the preview’s own policy', async () => {
    const request = { period: '2025', lang: 'en', repId: 7 };
    const res = await serveReportPreviewRequest(
      { url: at({ method: 'reports.dossier', request: JSON.stringify(request) }) },
      call,
    );
    expect(res?.status).toBe(200);
    expect(res?.headers.get('content-security-policy')).toBe(REPORT_PREVIEW_POLICY);
    expect(await res?.text()).toBe(html);
    expect(calls.at(-1)).toEqual(['reports.dossier', request]);
  });

  it('leaves other addresses to the file server and refuses other methods and bad requests', async () => {
    expect(await serveReportPreviewRequest({ url: 'app://quartile/index.html' }, call)).toBeNull();
    expect(await serveReportPreviewRequest({ url: 'app://other/report-preview' }, call)).toBeNull();
    calls.length = 0;
    const bad = await serveReportPreviewRequest(
      { url: at({ method: 'reports.print', request: '{"period":"2025","lang":"en","jobId":"a"}' }) },
      call,
    );
    expect(bad?.status).toBe(400);
    const junk = await serveReportPreviewRequest(
      { url: at({ method: 'reports.dossier', request: '{"period":"2025","lang":"en","repId":7,"x":1}' }) },
      call,
    );
    expect(junk?.status).toBe(400);
    expect(calls).toEqual([]);
  });
});
