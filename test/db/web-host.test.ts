import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../web/server';

const MAVEN = resolve(import.meta.dirname, '../../../shared/data/maven-crm-sales-opportunities');
const dir = mkdtempSync(join(tmpdir(), 'qc-web-'));
let host: WebHost;

beforeAll(async () => {
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startWebHost({
    dataDir: join(dir, 'data'),
    port: 0,
    staticDir,
    resourcesDir: resolve(import.meta.dirname, '../../resources'),
  });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = (
  method: string,
  body: BodyInit,
  headers: Record<string, string> = {},
  query = '',
): Promise<Response> =>
  fetch(`http://127.0.0.1:${host.port}/api/${method}${query}`, {
    method: 'POST',
    headers: { 'X-QC-Token': host.token, 'Content-Type': 'application/json', ...headers },
    body,
  });

/** fetch() will not let a test forge the Host header, node:http will. */
function getWithHost(hostHeader: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path: '/', headers: { Host: hostHeader } },
      (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      },
    );
    req.on('error', fail);
    req.end();
  });
}

describe('browser host', () => {
  it('listens on loopback only and serves the page with a strict CSP', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const res = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('refuses API calls without the per-run token', async () => {
    expect((await api('workspace.info', '{}', { 'X-QC-Token': 'wrong' })).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${host.port}/api/events?token=nope`)).status).toBe(401);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect(await getWithHost('evil.example:80')).toBe(403);
    expect(await getWithHost(`localhost:${host.port}`)).toBe(200);
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/..%2F..%2Fpackage.json`);
    expect(res.status).toBe(404);
  });

  it('validates payloads and answers errors as data', async () => {
    const r = (await (await api('rankings.get', JSON.stringify({ period: 12 }))).json()) as {
      ok: boolean;
      error: { code: string };
    };
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const u = (await (await api('system.exec', '{}')).json()) as { ok: boolean; error: { code: string } };
    expect(u).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('stages, imports with progress events, and ranks through the same engine', async () => {
    const events: string[] = [];
    const controller = new AbortController();
    const stream = fetch(`http://127.0.0.1:${host.port}/api/events?token=${host.token}`, {
      signal: controller.signal,
    })
      .then(async (res) => {
        const reader = res.body!.getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          events.push(new TextDecoder().decode(value));
        }
      })
      .catch(() => undefined);
    const staged = (await (
      await api(
        'import.stage',
        readFileSync(resolve(MAVEN, 'sales_pipeline.csv')),
        { 'Content-Type': 'application/octet-stream' },
        '?fileName=sales_pipeline.csv',
      )
    ).json()) as {
      ok: true;
      value: { stagedId: string; kind: string; mapping: Record<string, string | null> };
    };
    expect(staged.ok).toBe(true);
    expect(staged.value.kind).toBe('deals');
    const run = (await (
      await api(
        'import.run',
        JSON.stringify({
          jobId: 'job-1',
          stagedId: staged.value.stagedId,
          kind: 'deals',
          mapping: staged.value.mapping,
        }),
      )
    ).json()) as { ok: true; value: { counts: { added: number } } };
    expect(run.value.counts.added).toBe(8800);
    const ranking = (await (await api('rankings.get', JSON.stringify({ period: '2017' }))).json()) as {
      ok: true;
      value: { rankedCount: number };
    };
    expect(ranking.value.rankedCount).toBe(30);
    controller.abort();
    await stream;
    const all = events.join('');
    expect(all).toContain('"type":"import.progress"');
    expect(all).toContain('"phase":"done"');
    expect(all).toContain('"type":"workspace.changed"');
  });
});
