import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, MAX_IMPORT_FILE_BYTES } from '../../shared/api/contract';

/**
 * The main process under Node with stand-ins for `electron` and the engine client: which IPC
 * channels it answers, whom it answers, and what reaches the engine. The window is a stand-in
 * that loads the dev server's address, which makes that the one trusted sender.
 */
type Handler = (event: { senderFrame?: { url: string } }, payload: unknown) => Promise<unknown>;

const APP_URL = 'http://localhost:5173/';
const main = vi.hoisted(() => {
  process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
  return {
    handlers: new Map<string, Handler>(),
    call: vi.fn<(method: string, payload: unknown) => Promise<unknown>>(),
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = (): unknown[] => [];
    webContents = { setWindowOpenHandler: vi.fn(), on: vi.fn(), send: vi.fn() };
    once = vi.fn();
    on = vi.fn();
    loadURL = vi.fn(async () => undefined);
    loadFile = vi.fn(async () => undefined);
  }
  return {
    app: {
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: () => true,
      quit: vi.fn(),
      getPath: () => '/nonexistent/user-data',
      getAppPath: () => '/nonexistent/app',
      whenReady: () => Promise.resolve(),
      on: vi.fn(),
      isPackaged: false,
    },
    BrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    session: {
      defaultSession: { setPermissionRequestHandler: vi.fn(), webRequest: { onHeadersReceived: vi.fn() } },
    },
    shell: { openExternal: vi.fn() },
    ipcMain: { handle: (channel: string, handler: Handler) => main.handlers.set(channel, handler) },
  };
});
vi.mock('../../engine/host/engine-client', () => ({
  EngineClient: class {
    call = main.call;
    onEvent = vi.fn();
    close = vi.fn();
  },
}));
vi.mock('../../electron/native-binding', () => ({ electronNativeBinding: () => undefined }));

await import('../../electron/main');

// Let the app become ready and load its page (the stand-in window's dev-server address).
await new Promise((r) => setTimeout(r, 0));

const dir = mkdtempSync(join(tmpdir(), 'qc-main-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  delete process.env.ELECTRON_RENDERER_URL;
});

const trusted = { senderFrame: { url: APP_URL } };
const untrusted = { senderFrame: { url: 'https://evil.example/' } };
const stagePath = (payload: unknown, sender = trusted) =>
  main.handlers.get('qc:import.stagePath')!(sender, payload);

beforeEach(() => main.call.mockReset().mockResolvedValue({ ok: true, value: 'from engine' }));

describe('the main process', () => {
  it('answers exactly the page methods and import.stagePath, each on its own channel', () => {
    expect([...main.handlers.keys()].sort()).toEqual(
      [...API_METHODS.map((m) => `qc:${m}`), 'qc:import.stagePath'].sort(),
    );
  });

  it('refuses every request from a frame that is not the app page', async () => {
    for (const [channel, handler] of main.handlers) {
      for (const sender of [untrusted, {}]) {
        expect(await handler(sender, {}), channel).toMatchObject({
          ok: false,
          error: { code: 'invalid_request' },
        });
      }
    }
    expect(main.call).not.toHaveBeenCalled();
  });

  it('forwards a validated page request to the engine', async () => {
    const bytes = new Uint8Array([97, 44, 98]);
    expect(await main.handlers.get('qc:import.stage')!(trusted, { fileName: 'a.csv', bytes })).toEqual({
      ok: true,
      value: 'from engine',
    });
    expect(main.call).toHaveBeenCalledExactlyOnceWith('import.stage', { fileName: 'a.csv', bytes });
  });
});

describe('import.stagePath in main', () => {
  it('forwards a regular file to the engine, with the validated request only', async () => {
    const file = join(dir, 'deals.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    expect(await stagePath({ path: file, fileName: 'deals.csv', bytes: 'ignored' })).toEqual({
      ok: true,
      value: 'from engine',
    });
    expect(main.call).toHaveBeenCalledExactlyOnceWith('import.stagePath', {
      path: file,
      fileName: 'deals.csv',
    });
  });

  it('refuses a relative path, a missing file, a folder and a file past the limit, before the engine', async () => {
    const huge = join(dir, 'huge.csv');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_IMPORT_FILE_BYTES + 1);
    writeFileSync(join(dir, 'deals.csv'), 'a,b\n1,2\n');
    const cases: [unknown, string][] = [
      [{ path: 'deals.csv', fileName: 'deals.csv' }, 'invalid_request'],
      [{ path: join(dir, 'missing.csv'), fileName: 'missing.csv' }, 'not_found'],
      [{ path: dir, fileName: 'folder' }, 'not_a_file'],
      [{ path: huge, fileName: 'huge.csv' }, 'file_too_large'],
      [{ path: join(dir, 'deals.csv') }, 'invalid_request'],
      ['/etc/passwd', 'invalid_request'],
    ];
    for (const [payload, code] of cases) {
      expect(await stagePath(payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code } });
    }
    expect(await stagePath({ path: join(dir, 'deals.csv'), fileName: 'deals.csv' }, untrusted)).toMatchObject(
      {
        ok: false,
        error: { code: 'invalid_request' },
      },
    );
    expect(main.call).not.toHaveBeenCalled();
  });
});
