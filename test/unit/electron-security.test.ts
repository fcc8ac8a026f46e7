import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  denyPermission,
  EXTERNAL_LINK_HOSTS,
  externalLinkToOpen,
  isAllowedNavigation,
  isTrustedSender,
  secureWebPreferences,
} from '../../electron/security-policy';
import { APP_PAGE_URL } from '../../electron/app-protocol';
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
    const app = APP_PAGE_URL;
    expect(app).toBe('app://quartile/index.html');
    expect(isAllowedNavigation(app, app)).toBe(true);
    expect(isAllowedNavigation('app://quartile/index.html?x#y', app)).toBe(true);
    expect(isAllowedNavigation('app://quartile/other.html', app)).toBe(false);
    expect(isAllowedNavigation('app://evil/index.html', app)).toBe(false);
    expect(isAllowedNavigation('https://evil.example/', app)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', app)).toBe(false);
    expect(isAllowedNavigation('not a url', app)).toBe(false);
  });

  it('answers IPC only from the app page in the main frame', () => {
    const top = (url: string) => ({ senderFrame: { url, parent: null } });
    expect(isTrustedSender(top(APP_PAGE_URL), APP_PAGE_URL)).toBe(true);
    expect(isTrustedSender(top('http://localhost:5173/'), 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSender(top('http://localhost:5174/'), 'http://localhost:5173/')).toBe(false);
    expect(isTrustedSender(top('file:///opt/qc/out/renderer/index.html'), APP_PAGE_URL)).toBe(false);
    // The app page loaded in a subframe (of some other page) is not the main frame.
    const sub = { senderFrame: { url: APP_PAGE_URL, parent: { url: 'https://evil.example/' } } };
    expect(isTrustedSender(sub, APP_PAGE_URL)).toBe(false);
    expect(isTrustedSender({}, APP_PAGE_URL)).toBe(false);
    expect(isTrustedSender({ senderFrame: null }, APP_PAGE_URL)).toBe(false);
    // Before the window has loaded anything, nothing is trusted.
    expect(isTrustedSender(top(APP_PAGE_URL), '')).toBe(false);
    // A frame Electron has disposed throws when read.
    const disposed = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(disposed, APP_PAGE_URL)).toBe(false);
  });

  it('opens outside links only for allow-listed documentation hosts over https, none today', () => {
    expect(EXTERNAL_LINK_HOSTS).toEqual([]);
    for (const url of [
      'https://evil.example/',
      'https://www.electronjs.org/docs',
      'http://x',
      'javascript:1',
    ])
      expect(externalLinkToOpen(url), url).toBeNull();
    const hosts = ['docs.example.com'];
    expect(externalLinkToOpen('https://docs.example.com/kpis#win-rate', hosts)).toBe(
      'https://docs.example.com/kpis#win-rate',
    );
    for (const url of [
      'http://docs.example.com/',
      'https://docs.example.com:8443/',
      'https://user:pw@docs.example.com/',
      'https://docs.example.com.evil.example/',
      'https://evil.example/?docs.example.com',
      'file:///etc/passwd',
      'app://quartile/index.html',
      'not a url',
    ])
      expect(externalLinkToOpen(url, hosts), url).toBeNull();
  });

  it('denies every permission', () => {
    expect(denyPermission()).toBe(false);
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
    expect(main).toMatch(/'qc:import\.stagePath'[\s\S]*trusted\(event\)[\s\S]*chosenFiles\.stage\(payload/);
    // Served from app://, never from file://; permissions denied three ways.
    expect(main).not.toMatch(/loadFile|file:\/\//);
    expect(main).toContain('protocol.registerSchemesAsPrivileged');
    expect(main).toContain('setPermissionCheckHandler(denyPermission)');
    expect(main).toContain('setDevicePermissionHandler(denyPermission)');
  });

  it('ships the same strict CSP in the page and the hosts', () => {
    const html = readFileSync(resolve(root, 'renderer/index.html'), 'utf8');
    expect(html).toContain("script-src 'self'");
    expect(html).not.toContain('unsafe-inline');
    expect(html).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    // 'self' is the app's own origin (app://quartile in the desktop app); no file:, no wildcard.
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/file:|\*|app:/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('keeps the engine free of electron', () => {
    for (const file of [
      'engine/api/engine.ts',
      'engine/host/engine-client.ts',
      'engine/import/source-file.ts',
      'electron/stage-path.ts',
      'electron/app-protocol.ts',
      'electron/security-policy.ts',
      'web/server.ts',
      'cli/main.ts',
    ]) {
      expect(readFileSync(resolve(root, file), 'utf8')).not.toMatch(/from 'electron'/);
    }
  });
});
