import { BrowserWindow, session } from 'electron';
import { FONTS_READY_SCRIPT, OneAtATime } from '../engine/reports/pdf-printer';
import {
  isPrintRequestAllowed,
  PRINT_PARTITION,
  PRINT_TO_PDF_OPTIONS,
  printPageResponse,
  printPageUrl,
} from './print-page';
import { denyPermission } from './security-policy';

/**
 * The desktop app prints reports with its own Chromium: one hidden window, in a session of its
 * own (electron/print-page.ts says what it may load), given one document at a time. The engine
 * sends the HTML (EngineClient's printHtml) and gets the PDF's bytes back. The window is never
 * closed while it prints; it is destroyed with the app's window.
 */
export class ElectronPdfPrinter {
  private window: BrowserWindow | null = null;
  private current: { url: string; html: string } | null = null;
  private printed = 0;
  private readonly jobs = new OneAtATime();
  private sessionReady = false;

  print(html: string): Promise<Uint8Array> {
    return this.jobs.run(() => this.printNow(html));
  }

  private async printNow(html: string): Promise<Uint8Array> {
    const contents = this.ensureWindow().webContents;
    this.current = { url: printPageUrl(++this.printed), html };
    try {
      await contents.loadURL(this.current.url);
      // Fonts first (margin boxes ask for glyphs only when printed); a page that cannot say
      // still prints, after at most 10 s, rather than hang the job.
      await Promise.race([
        contents.executeJavaScript(FONTS_READY_SCRIPT).catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 10_000)),
      ]);
      const pdf = await contents.printToPDF({ ...PRINT_TO_PDF_OPTIONS });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      this.current = null;
    }
  }

  private ensureWindow(): BrowserWindow {
    if (this.window && !this.window.isDestroyed()) return this.window;
    const ses = session.fromPartition(PRINT_PARTITION);
    if (!this.sessionReady) {
      ses.protocol.handle('http', (request) => printPageResponse(request, this.current));
      ses.webRequest.onBeforeRequest((details, callback) =>
        callback({ cancel: !isPrintRequestAllowed(details.url) }),
      );
      ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(denyPermission()));
      ses.setPermissionCheckHandler(denyPermission);
      this.sessionReady = true;
    }
    const window = new BrowserWindow({
      show: false,
      width: 794,
      height: 1123,
      webPreferences: {
        partition: PRINT_PARTITION,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
        // Fonts are awaited by main's one evaluation; the document itself holds no script.
        javascript: true,
      },
    });
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    window.webContents.on('will-navigate', (e) => e.preventDefault());
    this.window = window;
    return window;
  }

  /** Destroys the window once the document printing now (if any) is done. */
  async close(): Promise<void> {
    await this.jobs.idle();
    this.window?.destroy();
    this.window = null;
  }
}
