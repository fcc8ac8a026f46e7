/**
 * The desktop window's security settings and navigation rules, as plain data and functions so
 * they are unit-tested without Electron (test/unit/electron-security.test.ts).
 */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  spellcheck: false;
  navigateOnDragDrop: false;
}

export function secureWebPreferences(preload: string): SecureWebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    // Dropping a CSV on the window must reach the import screen, not navigate to the file.
    navigateOnDragDrop: false,
  };
}

/**
 * The app never navigates: it is one page. Only a reload of the page itself is allowed (same
 * origin and path); everything else, links included, is refused.
 */
export function isAllowedNavigation(target: string, appUrl: string): boolean {
  try {
    const t = new URL(target);
    const a = new URL(appUrl);
    return t.protocol === a.protocol && t.host === a.host && t.pathname === a.pathname;
  } catch {
    return false;
  }
}

/** IPC is answered only for the app's own top frame, never for some other page or frame. */
export function isTrustedSender(senderUrl: string | undefined, appUrl: string): boolean {
  return senderUrl !== undefined && isAllowedNavigation(senderUrl, appUrl);
}
