import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isTrustedSender, secureWebPreferences } from '../../electron/security-policy';
import { CONTENT_SECURITY_POLICY } from '../../web/security';

const root = resolve(import.meta.dirname, '../..');

describe('desktop window security', () => {
  it('isolates and sandboxes the page with no Node access', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('allows only reloading the app page itself', () => {
    const app = 'file:///opt/qc/out/renderer/index.html';
    expect(isAllowedNavigation(app, app)).toBe(true);
    expect(isAllowedNavigation('https://evil.example/', app)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', app)).toBe(false);
    expect(isAllowedNavigation('not a url', app)).toBe(false);
    expect(isTrustedSender(undefined, app)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });

  it('main process denies new windows and guards navigation, and main/preload never expose ipcRenderer', () => {
    const main = readFileSync(resolve(root, 'electron/main.ts'), 'utf8');
    expect(main).toContain("return { action: 'deny' }");
    expect(main).toContain("'will-navigate'");
    expect(main).toContain('validateRequest(method, payload)');
    expect(main).toContain('app.enableSandbox()');
    const preload = readFileSync(resolve(root, 'electron/preload.ts'), 'utf8');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
    expect(preload).toContain("exposeInMainWorld('quartile', api)");
    // A path to stage is read from the File in the preload, and checked again in main.
    expect(preload).toContain('webUtils.getPathForFile(file)');
    expect(main).toContain("ipcMain.handle('qc:import.stagePath'");
    expect(main).toMatch(/'qc:import\.stagePath'[\s\S]*isTrustedSender[\s\S]*forwardStagePath\(payload/);
  });

  it('ships the same strict CSP in the page and the hosts', () => {
    const html = readFileSync(resolve(root, 'renderer/index.html'), 'utf8');
    expect(html).toContain("script-src 'self'");
    expect(html).not.toContain('unsafe-inline');
    expect(html).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('keeps the engine free of electron', () => {
    for (const file of [
      'engine/api/engine.ts',
      'engine/host/engine-client.ts',
      'engine/import/source-file.ts',
      'electron/stage-path.ts',
      'web/server.ts',
      'cli/main.ts',
    ]) {
      expect(readFileSync(resolve(root, file), 'utf8')).not.toMatch(/from 'electron'/);
    }
  });
});
