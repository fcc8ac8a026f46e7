import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { Workspace } from '../../engine/workspace/workspace';
import { validateRequest } from '../../shared/api/validate';

/** The report logo through the API on a real workspace: set, kept, replaced, refused, removed. */
const png = `data:image/png;base64,${readFileSync(resolve(import.meta.dirname, '../fixtures/reports/logo.png')).toString('base64')}`;
const jpeg = `data:image/jpeg;base64,${readFileSync(resolve(import.meta.dirname, '../fixtures/reports/logo.jpg')).toString('base64')}`;

let workspace: Workspace | null = null;
afterEach(() => workspace?.close());

describe('workspace.setReportLogo', () => {
  it('keeps the logo in the workspace and gives it back in workspace.info', async () => {
    workspace = new Workspace(':memory:', false);
    const engine = Engine.inProcess(workspace);
    expect(workspace.info().reportLogo).toBeNull();
    const set = await engine.call('workspace.setReportLogo', { logo: png });
    expect(set).toMatchObject({ ok: true, value: { reportLogo: png } });
    const replaced = await engine.call('workspace.setReportLogo', { logo: jpeg });
    expect(replaced).toMatchObject({ ok: true, value: { reportLogo: jpeg } });
    expect(workspace.info().reportLogo).toBe(jpeg);
  });

  it('refuses an image it cannot print and keeps the one it had', async () => {
    workspace = new Workspace(':memory:', false);
    const engine = Engine.inProcess(workspace);
    await engine.call('workspace.setReportLogo', { logo: png });
    const svg = `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`;
    expect(await engine.call('workspace.setReportLogo', { logo: svg })).toMatchObject({
      ok: false,
      error: { code: 'logo_not_image' },
    });
    expect(workspace.info().reportLogo).toBe(png);
  });

  it('removes it with null', async () => {
    workspace = new Workspace(':memory:', false);
    const engine = Engine.inProcess(workspace);
    await engine.call('workspace.setReportLogo', { logo: png });
    expect(await engine.call('workspace.setReportLogo', { logo: null })).toMatchObject({
      ok: true,
      value: { reportLogo: null },
    });
    expect(
      workspace.sqlite.prepare("SELECT count(*) FROM settings WHERE key = 'report_logo'").pluck().get(),
    ).toBe(0);
  });

  it('reads a stored value it cannot parse as no logo, not as an error', () => {
    workspace = new Workspace(':memory:', false);
    workspace.sqlite
      .prepare("INSERT INTO settings (key, value_json) VALUES ('report_logo', ?)")
      .run(JSON.stringify({ dataUrl: 'data:image/gif;base64,R0lGODlh' }));
    expect(workspace.info().reportLogo).toBeNull();
  });

  it('validates the request: a string or null, no other keys, not megabytes', () => {
    expect(validateRequest('workspace.setReportLogo', { logo: png }).ok).toBe(true);
    expect(validateRequest('workspace.setReportLogo', { logo: null }).ok).toBe(true);
    expect(validateRequest('workspace.setReportLogo', { logo: 42 }).ok).toBe(false);
    expect(validateRequest('workspace.setReportLogo', {}).ok).toBe(false);
    expect(validateRequest('workspace.setReportLogo', { logo: null, path: '/etc/passwd' }).ok).toBe(false);
    expect(validateRequest('workspace.setReportLogo', { logo: 'x'.repeat(2_000_000) }).ok).toBe(false);
  });
});
