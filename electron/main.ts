import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { API_METHODS, type ApiEvent } from '../shared/api/contract';
import { validateRequest } from '../shared/api/validate';
import { err } from '../shared/result';
import { EngineClient } from '../engine/host/engine-client';
import { electronNativeBinding } from './native-binding';
import { forwardStagePath } from './stage-path';
import { isAllowedNavigation, isTrustedSender, secureWebPreferences } from './security-policy';
import { CONTENT_SECURITY_POLICY } from '../web/security';

/**
 * The Electron main process: a thin shell. It owns the window and forwards validated requests to
 * the engine worker; all data work happens in the engine, never here and never in the page.
 */
app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

let window: BrowserWindow | null = null;
let appUrl = '';

const nativeBinding = electronNativeBinding(app.getAppPath());
const engine = new EngineClient(join(import.meta.dirname, 'engine-worker.js'), {
  dataDir: app.getPath('userData'),
  resourcesDir: join(app.getAppPath(), 'resources'),
  ...(nativeBinding ? { nativeBinding } : {}),
});

engine.onEvent((event: ApiEvent) => window?.webContents.send('qc:event', event));

for (const method of API_METHODS) {
  ipcMain.handle(`qc:${method}`, async (event, payload: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url, appUrl))
      return err('invalid_request', 'Request from an untrusted frame.');
    const request = validateRequest(method, payload);
    if (!request.ok) return request;
    return engine.call(method, request.value);
  });
}
// Not a page method: only the preload's stageFile sends it, with the path of a File the user chose.
ipcMain.handle('qc:import.stagePath', async (event, payload: unknown) => {
  if (!isTrustedSender(event.senderFrame?.url, appUrl))
    return err('invalid_request', 'Request from an untrusted frame.');
  return forwardStagePath(payload, (request) => engine.call('import.stagePath', request));
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
    // Links to documentation open in the user's browser; the app itself never opens windows.
    if (url.startsWith('https://')) void shell.openExternal(url);
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
  });
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devUrl) {
    appUrl = devUrl;
    void window.loadURL(devUrl);
  } else {
    const file = join(import.meta.dirname, '../renderer/index.html');
    appUrl = `file://${file}`;
    void window.loadFile(file);
  }
}

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
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
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
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
