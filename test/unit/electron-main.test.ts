import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, MAX_IMPORT_FILE_BYTES } from '../../shared/api/contract';

/**
 * The main process under Node with stand-ins for `electron` and the engine client: which IPC
 * channels it answers, whom it answers, and what reaches the engine. The window is a stand-in
 * that loads the dev server's address, which makes that the one trusted sender.
 */
type Sender = { sender?: unknown; senderFrame?: { url: string; parent: unknown } | null };
type Handler = (event: Sender, payload: unknown) => Promise<unknown>;
type WindowOpenHandler = (details: { url: string }) => { action: string };

const APP_URL = 'http://localhost:5173/';
const main = vi.hoisted(() => {
  process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
  return {
    handlers: new Map<string, Handler>(),
    call: vi.fn<(method: string, payload: unknown) => Promise<unknown>>(),
    windows: [] as { webContents: { setWindowOpenHandler: { mock: { calls: unknown[][] } } } }[],
    openExternal: vi.fn(),
    clientArgs: [] as unknown[],
    showSaveDialog: vi.fn<(...args: unknown[]) => Promise<{ canceled: boolean; filePath?: string }>>(),
    showOpenDialog: vi.fn<(...args: unknown[]) => Promise<{ canceled: boolean; filePaths: string[] }>>(),
    permissions: {
      request: vi.fn<(handler: (...args: unknown[]) => void) => void>(),
      check: vi.fn<(handler: (...args: unknown[]) => unknown) => void>(),
      device: vi.fn<(handler: (...args: unknown[]) => unknown) => void>(),
    },
  };
});

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
      whenReady: () => Promise.resolve(),
      on: vi.fn(),
      isPackaged: false,
    },
    BrowserWindow,
    dialog: {
      showErrorBox: vi.fn(),
      showSaveDialog: main.showSaveDialog,
      showOpenDialog: main.showOpenDialog,
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: main.permissions.request,
        setPermissionCheckHandler: main.permissions.check,
        setDevicePermissionHandler: main.permissions.device,
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    shell: { openExternal: main.openExternal },
    ipcMain: { handle: (channel: string, handler: Handler) => main.handlers.set(channel, handler) },
  };
});
vi.mock('../../engine/host/engine-client', () => ({
  EngineClient: class {
    constructor(...args: unknown[]) {
      main.clientArgs = args;
    }
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

const contents = main.windows[0]!.webContents;
const trusted: Sender = { sender: contents, senderFrame: { url: APP_URL, parent: null } };
const untrusted: Sender = { sender: contents, senderFrame: { url: 'https://evil.example/', parent: null } };
const subframe: Sender = { sender: contents, senderFrame: { url: APP_URL, parent: { url: APP_URL } } };
const otherContents: Sender = { sender: {}, senderFrame: { url: APP_URL, parent: null } };
const choosePath = (payload: unknown, sender = trusted) =>
  main.handlers.get('qc:import.choosePath')!(sender, payload);
const stagePath = (payload: unknown, sender = trusted) =>
  main.handlers.get('qc:import.stagePath')!(sender, payload);

type Chosen = { ok: true; value: { token: string; ranges: [number, number][] } };
/** What the preload does for a dropped file: choose its path, then prove it with the bytes asked for. */
async function dropAndStage(path: string, content: Uint8Array) {
  const chosen = (await choosePath({ path, fileName: 'deals.csv', size: content.byteLength })) as Chosen;
  expect(chosen.ok).toBe(true);
  const sample = Buffer.concat(chosen.value.ranges.map(([a, b]) => content.subarray(a, b)));
  return { chosen, staged: await stagePath({ token: chosen.value.token, sample: new Uint8Array(sample) }) };
}

beforeEach(() => main.call.mockReset().mockResolvedValue({ ok: true, value: 'from engine' }));

describe('the main process', () => {
  it('has the engine send reports to it to print with its own window (no other browser needed)', () => {
    const [, data, printHtml] = main.clientArgs as [unknown, { dataDir: string }, unknown];
    expect(data.dataDir).toBe('/nonexistent/user-data');
    expect(typeof printHtml).toBe('function');
  });

  it('answers exactly the page methods and the two staging steps, each on its own channel', () => {
    expect([...main.handlers.keys()].sort()).toEqual(
      [
        ...API_METHODS.map((m) => `qc:${m}`),
        'qc:import.choosePath',
        'qc:import.stagePath',
        'qc:reports.save',
        'qc:reports.saveAll',
      ].sort(),
    );
  });

  it('refuses every request that is not from the app page in the main frame of its window', async () => {
    for (const [channel, handler] of main.handlers) {
      for (const sender of [
        untrusted,
        subframe,
        otherContents,
        { sender: contents, senderFrame: null },
        {},
      ]) {
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

  it('opens no outside page and no window, whatever the page asks', () => {
    const open = contents.setWindowOpenHandler.mock.calls[0]![0] as WindowOpenHandler;
    for (const url of ['https://evil.example/', 'https://www.electronjs.org/', 'file:///etc/passwd'])
      expect(open({ url })).toEqual({ action: 'deny' });
    expect(main.openExternal).not.toHaveBeenCalled();
  });

  it('denies permission requests, permission checks and devices', () => {
    const request = main.permissions.request.mock.calls[0]![0];
    const callback = vi.fn();
    request({}, 'media', callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    const check = main.permissions.check.mock.calls[0]![0];
    for (const permission of ['media', 'notifications', 'hid', 'serial', 'usb', 'clipboard-read'])
      expect(check({}, permission, APP_URL, {})).toBe(false);
    const device = main.permissions.device.mock.calls[0]![0];
    expect(device({ deviceType: 'usb', origin: APP_URL, device: {} })).toBe(false);
  });
});

describe('import.stagePath in main', () => {
  it('stages a chosen file once its bytes are proven, with the path and name only', async () => {
    const file = join(dir, 'deals.csv');
    const content = new TextEncoder().encode('a,b\n1,2\n');
    writeFileSync(file, content);
    const { chosen, staged } = await dropAndStage(file, content);
    expect(JSON.stringify(chosen)).not.toContain(dir);
    expect(staged).toEqual({ ok: true, value: 'from engine' });
    expect(main.call).toHaveBeenCalledExactlyOnceWith('import.stagePath', {
      path: file,
      fileName: 'deals.csv',
    });
  });

  it('takes no path at the staging step, and a token works once', async () => {
    const file = join(dir, 'deals.csv');
    const content = new TextEncoder().encode('a,b\n1,2\n');
    writeFileSync(file, content);
    // What the page once sent: a path. Refused now, whatever the path.
    for (const payload of [
      { path: file, fileName: 'deals.csv' },
      { path: '/etc/passwd', fileName: 'p' },
    ])
      expect(await stagePath(payload)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const { chosen } = await dropAndStage(file, content);
    expect(await stagePath({ token: chosen.value.token, sample: new Uint8Array(content) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(main.call).toHaveBeenCalledTimes(1);
  });

  it('does not stage a file the renderer cannot prove it read', async () => {
    const secret = join(dir, 'id_rsa');
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n';
    writeFileSync(secret, key);
    // A compromised renderer can name the path and even learn its size by trying ...
    const chosen = (await choosePath({ path: secret, fileName: 'id_rsa', size: key.length })) as Chosen;
    expect(chosen.ok).toBe(true);
    // ... but not the bytes: without them, nothing is staged.
    const guess = new Uint8Array(chosen.value.ranges.reduce((n, [a, b]) => n + b - a, 0));
    expect(await stagePath({ token: chosen.value.token, sample: guess })).toMatchObject({
      ok: false,
      error: { code: 'io_error' },
    });
    expect(main.call).not.toHaveBeenCalled();
  });

  it('refuses a relative path, a missing file, a folder, a file past the limit and a wrong size, before the engine', async () => {
    const huge = join(dir, 'huge.csv');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_IMPORT_FILE_BYTES + 1);
    writeFileSync(join(dir, 'deals.csv'), 'a,b\n1,2\n');
    const cases: [unknown, string][] = [
      [{ path: 'deals.csv', fileName: 'deals.csv', size: 8 }, 'invalid_request'],
      [{ path: join(dir, 'missing.csv'), fileName: 'missing.csv', size: 8 }, 'not_found'],
      [{ path: dir, fileName: 'folder', size: 8 }, 'not_a_file'],
      [{ path: huge, fileName: 'huge.csv', size: MAX_IMPORT_FILE_BYTES + 1 }, 'file_too_large'],
      [{ path: join(dir, 'deals.csv'), size: 8 }, 'invalid_request'],
      [{ path: join(dir, 'deals.csv'), fileName: 'deals.csv' }, 'invalid_request'],
      [{ path: join(dir, 'deals.csv'), fileName: 'deals.csv', size: 7 }, 'io_error'],
      ['/etc/passwd', 'invalid_request'],
    ];
    for (const [payload, code] of cases) {
      expect(await choosePath(payload), JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code },
      });
    }
    expect(
      await choosePath({ path: join(dir, 'deals.csv'), fileName: 'deals.csv', size: 8 }, untrusted),
    ).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(main.call).not.toHaveBeenCalled();
  });
});

describe('reports.save in main', () => {
  const save = (payload: unknown, sender = trusted) => main.handlers.get('qc:reports.save')!(sender, payload);

  it('copies the file the engine names for the job where the save dialog says', async () => {
    const printed = join(dir, 'printed.pdf');
    writeFileSync(printed, '%PDF-1.4 test');
    const target = join(dir, 'saved.pdf');
    main.call.mockResolvedValue({ ok: true, value: { path: printed } });
    main.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    expect(await save({ jobId: 'job-1', fileName: 'Ann Lee.pdf' })).toEqual({
      ok: true,
      value: { saved: true },
    });
    expect(main.call).toHaveBeenCalledWith('reports.printedFile', {
      jobId: 'job-1',
      fileName: 'Ann Lee.pdf',
    });
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.4 test');
  });

  it('saves nothing when the dialog is cancelled, and asks nothing for a file the job did not print', async () => {
    main.call.mockResolvedValue({ ok: true, value: { path: join(dir, 'printed.pdf') } });
    main.showSaveDialog.mockReset().mockResolvedValue({ canceled: true });
    expect(await save({ jobId: 'job-1', fileName: 'Ann Lee.pdf' })).toEqual({
      ok: true,
      value: { saved: false },
    });
    main.call.mockResolvedValue({ ok: false, error: { code: 'not_found', message: 'no such file' } });
    main.showSaveDialog.mockClear();
    expect(await save({ jobId: 'job-1', fileName: 'other.pdf' })).toMatchObject({ ok: false });
    expect(main.showSaveDialog).not.toHaveBeenCalled();
    // A path is not a request: only a job id and a file name are read.
    main.call.mockClear();
    expect(await save({ jobId: 'job-1', fileName: 'a.pdf', path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(main.call).not.toHaveBeenCalled();
  });
});

describe('reports.saveAll in main', () => {
  const saveAll = (payload: unknown, sender = trusted) =>
    main.handlers.get('qc:reports.saveAll')!(sender, payload);

  it('copies every file of the job into the folder the user picks, never over a file already there', async () => {
    const printed = join(dir, 'printed');
    const folder = join(dir, 'chosen');
    mkdirSync(printed, { recursive: true });
    mkdirSync(folder, { recursive: true });
    for (const name of ['Ann Lee.pdf', 'Bo Chen.pdf']) writeFileSync(join(printed, name), `%PDF ${name}`);
    writeFileSync(join(folder, 'Ann Lee.pdf'), 'an older dossier');
    // (The file's beforeEach returns the mock, which vitest then calls as a cleanup with no arguments.)
    main.call.mockImplementation((_method?: string, payload?: unknown) =>
      Promise.resolve({
        ok: true,
        value: { path: join(printed, (payload as { fileName?: string } | undefined)?.fileName ?? '') },
      }),
    );
    main.showOpenDialog.mockReset().mockResolvedValue({ canceled: false, filePaths: [folder] });
    expect(await saveAll({ jobId: 'job-1', fileNames: ['Ann Lee.pdf', 'Bo Chen.pdf'] })).toEqual({
      ok: true,
      value: { saved: 2 },
    });
    expect(readFileSync(join(folder, 'Ann Lee.pdf'), 'utf8')).toBe('an older dossier');
    expect(readFileSync(join(folder, 'Ann Lee (2).pdf'), 'utf8')).toBe('%PDF Ann Lee.pdf');
    expect(readFileSync(join(folder, 'Bo Chen.pdf'), 'utf8')).toBe('%PDF Bo Chen.pdf');
  });

  it('asks no folder when the job did not print a name, saves nothing when the dialog is cancelled', async () => {
    main.call.mockResolvedValue({ ok: false, error: { code: 'not_found', message: 'no such file' } });
    main.showOpenDialog.mockReset().mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await saveAll({ jobId: 'job-1', fileNames: ['x.pdf'] })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(main.showOpenDialog).not.toHaveBeenCalled();
    main.call.mockResolvedValue({ ok: true, value: { path: join(dir, 'printed', 'Bo Chen.pdf') } });
    expect(await saveAll({ jobId: 'job-1', fileNames: ['Bo Chen.pdf'] })).toEqual({
      ok: true,
      value: { saved: 0 },
    });
    for (const payload of [
      { jobId: 'job-1', fileNames: [] },
      { jobId: 'job-1', fileNames: ['../../x.pdf'] },
      { jobId: 'job-1', fileNames: ['a.pdf'], dir: '/tmp' },
      { jobId: 'job-1', fileNames: 'a.pdf' },
      ['a.pdf'],
    ])
      expect(await saveAll(payload), JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid_request' },
      });
  });
});
