import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  APP_PAGE_URL,
  APP_SCHEME_PRIVILEGES,
  contentTypeFor,
  resolveAppAsset,
  serveAppRequest,
} from '../../electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../web/security';

/**
 * The app:// scheme the desktop window is served from: only files of the built renderer folder,
 * nothing outside it whatever the URL, the CSP on every answer; and the packaged main process
 * (no dev server) registers it before ready and loads the page from it, never from file://.
 */
const main = vi.hoisted(() => ({
  order: [] as string[],
  privileged: vi.fn(),
  handle: vi.fn(),
  windows: [] as { loadURL: { mock: { calls: unknown[][] } }; loadFile: { mock: { calls: unknown[][] } } }[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = (): unknown[] => [];
    webContents = { setWindowOpenHandler: vi.fn(), on: vi.fn(), send: vi.fn() };
    once = vi.fn();
    on = vi.fn();
    loadURL = vi.fn(() => Promise.resolve(undefined));
    loadFile = vi.fn(() => Promise.resolve(undefined));
    constructor() {
      main.windows.push(this);
    }
  }
  return {
    app: {
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: () => true,
      quit: vi.fn(),
      getPath: () => '/nonexistent/user-data',
      getAppPath: () => '/nonexistent/app',
      whenReady: () => {
        main.order.push('ready');
        return Promise.resolve();
      },
      on: vi.fn(),
      isPackaged: true,
    },
    BrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => {
        main.order.push('privileged');
        main.privileged(schemes);
      },
      handle: main.handle,
    },
    shell: { openExternal: vi.fn() },
    ipcMain: { handle: vi.fn() },
  };
});
vi.mock('../../engine/host/engine-client', () => ({
  EngineClient: class {
    call = vi.fn();
    onEvent = vi.fn();
    close = vi.fn();
  },
}));
vi.mock('../../electron/native-binding', () => ({ electronNativeBinding: () => undefined }));

const root = mkdtempSync(join(tmpdir(), 'qc-protocol-'));
const renderer = join(root, 'renderer');
mkdirSync(join(renderer, 'assets'), { recursive: true });
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>QC</title>');
writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(renderer, 'assets', 'font.woff2'), 'w');
writeFileSync(join(root, 'secret.txt'), 'secret');
symlinkSync(join(root, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string, method = 'GET') =>
  serveAppRequest({ url, method }, renderer, CONTENT_SECURITY_POLICY);

describe('the app:// scheme', () => {
  it('names files inside the renderer folder only', () => {
    expect(resolveAppAsset('app://quartile/index.html', renderer)).toBe(join(renderer, 'index.html'));
    expect(resolveAppAsset('app://quartile/', renderer)).toBe(join(renderer, 'index.html'));
    expect(resolveAppAsset('app://quartile/assets/index-abc.js?v=1#x', renderer)).toBe(
      join(renderer, 'assets', 'index-abc.js'),
    );
    // Dot segments, even encoded, are resolved within the app's URL space: they stay inside.
    const inside: [string, string][] = [
      ['app://quartile/%2e%2e/secret.txt', 'secret.txt'],
      ['app://quartile/assets/%2E%2E/%2E%2E/secret.txt', 'secret.txt'],
      ['app://quartile/../../etc/passwd', 'etc/passwd'],
      ['app://quartile//etc/passwd', 'etc/passwd'],
      ['app://quartile/%2Fetc%2Fpasswd', 'etc/passwd'],
    ];
    for (const [url, file] of inside) expect(resolveAppAsset(url, renderer), url).toBe(join(renderer, file));
    // An escaped separator next to dots, a backslash, a NUL, a bad escape, a drive, another origin.
    for (const url of [
      'app://quartile/..%2fsecret.txt',
      'app://quartile/assets/..%2f..%2fsecret.txt',
      'app://quartile/..%5csecret.txt',
      'app://quartile/assets%5c..%5c..%5csecret.txt',
      'app://quartile/index.html%00.js',
      'app://quartile/%E0%A4%A',
      'app://quartile/C:/Windows/win.ini',
      'app://other/index.html',
      'app://user:pw@quartile/index.html',
      'app://quartile:8080/index.html',
      'file:///etc/passwd',
      'https://quartile/index.html',
      'not a url',
    ])
      expect(resolveAppAsset(url, renderer), url).toBeNull();
  });

  it('serves a file with its type, the CSP and nosniff', async () => {
    const page = await get(APP_PAGE_URL);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>QC</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await get('app://quartile/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a/unknown.xyz')).toBe('application/octet-stream');
    expect((await get(APP_PAGE_URL, 'HEAD')).status).toBe(200);
  });

  it('answers 404 for anything outside, a folder, a missing file or a link out; 405 for other methods', async () => {
    for (const url of [
      'app://quartile/%2e%2e/secret.txt',
      'app://quartile/assets/link.txt',
      'app://quartile/assets',
      'app://quartile/missing.js',
      'app://other/index.html',
    ]) {
      const r = await get(url);
      expect(r.status, url).toBe(404);
      expect(await r.text(), url).not.toContain('secret');
    }
    expect((await get(APP_PAGE_URL, 'POST')).status).toBe(405);
  });

  it('is registered as standard and secure, without CORS, CSP bypass or service workers', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      codeCache: true,
    });
  });
});

describe('the packaged main process', () => {
  it('registers the scheme before ready, serves it, and loads the page from app://', async () => {
    delete process.env.ELECTRON_RENDERER_URL;
    await import('../../electron/main');
    await new Promise((r) => setTimeout(r, 0));
    expect(main.order.slice(0, 2)).toEqual(['privileged', 'ready']);
    expect(main.privileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: APP_SCHEME_PRIVILEGES },
    ]);
    expect(main.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));
    const window = main.windows[0]!;
    expect(window.loadURL.mock.calls).toEqual([['app://quartile/index.html']]);
    expect(window.loadFile).not.toHaveBeenCalled();
    // The handler serves the built renderer folder next to main (out/renderer): here, none.
    const serve = main.handle.mock.calls[0]![1] as (r: { url: string; method: string }) => Promise<Response>;
    expect((await serve({ url: 'app://quartile/%2e%2e/main/main.js', method: 'GET' })).status).toBe(404);
  });
});
