import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { API_METHODS, type ApiEvent, type ApiMethod, type ApiResponse } from '../shared/api/contract';
import { validateRequest } from '../shared/api/validate';
import { err, type Result } from '../shared/result';
import { EngineClient } from '../engine/host/engine-client';
import { electronNativeBinding } from './native-binding';
import { ChosenFiles } from './stage-path';
import { savePrintedReport, savePrintedReports } from './save-report';
import { ElectronPdfPrinter } from './print-window';
import { serveReportPreviewRequest } from './report-preview';
import {
  denyPermission,
  externalLinkToOpen,
  isAllowedNavigation,
  isTrustedSender,
  secureWebPreferences,
} from './security-policy';
import { APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from '../web/security';

/**
 * The Electron main process: a thin shell. It owns the window and forwards validated requests to
 * the engine worker; all data work happens in the engine, never here and never in the page.
 */
app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();
// The page is served from app://quartile/ (electron/app-protocol.ts), not the file scheme. Registered
// before the app is ready, as Electron requires.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

let window: BrowserWindow | null = null;
let appUrl = '';

const nativeBinding = electronNativeBinding(app.getAppPath());
// Reports print with the app's own Chromium (electron/print-window.ts): no other browser needed.
const pdfPrinter = new ElectronPdfPrinter();
const engine = new EngineClient(
  join(import.meta.dirname, 'engine-worker.js'),
  {
    dataDir: app.getPath('userData'),
    resourcesDir: join(app.getAppPath(), 'resources'),
    ...(nativeBinding ? { nativeBinding } : {}),
  },
  (html) => pdfPrinter.print(html),
);

engine.onEvent((event: ApiEvent) => window?.webContents.send('qc:event', event));

/**
 * Every channel answers only the app page in the main frame of this app's window: not another
 * window, not a subframe, not some other page the window was made to show.
 */
function trusted(event: IpcMainInvokeEvent): boolean {
  return window !== null && event.sender === window.webContents && isTrustedSender(event, appUrl);
}
const untrusted = () => err('invalid_request', 'Request from an untrusted frame.');

for (const method of API_METHODS) {
  ipcMain.handle(`qc:${method}`, async (event, payload: unknown) => {
    if (!trusted(event)) return untrusted();
    const request = validateRequest(method, payload);
    if (!request.ok) return request;
    return engine.call(method, request.value);
  });
}
// Not page methods: only the preload's stageFile sends these, for a File the user dropped or
// picked: a one-time token for its path, then the path staged once the renderer proves it can
// read that file (electron/stage-path.ts).
const chosenFiles = new ChosenFiles();
ipcMain.handle('qc:import.choosePath', async (event, payload: unknown) => {
  if (!trusted(event)) return untrusted();
  return chosenFiles.choose(payload);
});
ipcMain.handle('qc:import.stagePath', async (event, payload: unknown) => {
  if (!trusted(event)) return untrusted();
  return chosenFiles.stage(payload, (request) => engine.call('import.stagePath', request));
});

// Not a page method either: the preload's savePrintedFile, a PDF of a print job saved where the
// user says (electron/save-report.ts).
ipcMain.handle('qc:reports.save', async (event, payload: unknown) => {
  if (!trusted(event)) return untrusted();
  return savePrintedReport(payload, {
    printedFile: (request) =>
      engine.call('reports.printedFile', request) as Promise<Result<ApiResponse<'reports.printedFile'>>>,
    askWhere: async (fileName) => {
      const options = { defaultPath: join(app.getPath('documents'), fileName), filters: PDF_FILTER };
      const answer = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      return answer.canceled ? null : (answer.filePath ?? null);
    },
  });
});
const PDF_FILTER = [{ name: 'PDF', extensions: ['pdf'] }];
// Every PDF of a print-all job into one folder (electron/save-report.ts), the preload's savePrintedFiles.
ipcMain.handle('qc:reports.saveAll', async (event, payload: unknown) => {
  if (!trusted(event)) return untrusted();
  return savePrintedReports(payload, {
    printedFile: (request) =>
      engine.call('reports.printedFile', request) as Promise<Result<ApiResponse<'reports.printedFile'>>>,
    askFolder: async () => {
      const options = {
        defaultPath: app.getPath('documents'),
        properties: ['openDirectory' as const, 'createDirectory' as const],
      };
      const answer = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    exists: existsSync,
  });
});

function createWindow(): void {
  window = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Quartile Coach',
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/preload.cjs')),
  });
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    // The app never opens windows; a link to an allow-listed documentation host (none today)
    // opens in the user's browser.
    const link = externalLinkToOpen(url);
    if (link !== null) void shell.openExternal(link);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url, appUrl)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isAllowedNavigation(url, appUrl)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => {
    window = null;
    // The hidden print window would otherwise keep the app from quitting (it is a window too).
    void pdfPrinter.close();
  });
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devUrl) {
    appUrl = devUrl;
    void window.loadURL(devUrl);
  } else {
    appUrl = APP_PAGE_URL;
    void window.loadURL(APP_PAGE_URL);
  }
}

const rendererDir = join(import.meta.dirname, '../renderer');

void app.whenReady().then(() => {
  // Only files of the built renderer folder, with the CSP on every answer.
  // A report's preview (electron/report-preview.ts) is the one address not a file.
  protocol.handle(
    APP_SCHEME,
    async (request) =>
      (await serveReportPreviewRequest(request, (method, req) => engine.call(method as ApiMethod, req))) ??
      serveAppRequest(request, rendererDir, CONTENT_SECURITY_POLICY),
  );
  // No permission is granted, asked for or checked (camera, notifications, …), nor any device
  // (HID, serial, USB).
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(denyPermission()),
  );
  session.defaultSession.setPermissionCheckHandler(denyPermission);
  session.defaultSession.setDevicePermissionHandler(denyPermission);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  if (!nativeBinding && app.isPackaged) {
    dialog.showErrorBox('Quartile Coach', 'The database driver for this app is missing. Reinstall the app.');
  }
  createWindow();
  app.on('activate', () => {
    // Not getAllWindows(): the hidden print window is one of them.
    if (window === null) createWindow();
  });
});

app.on('second-instance', () => {
  if (window?.isMinimized()) window.restore();
  window?.focus();
});

app.on('window-all-closed', () => {
  void engine.close().then(() => {
    if (process.platform !== 'darwin') app.quit();
  });
});
