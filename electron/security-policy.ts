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

/** What main needs of `event.senderFrame` (Electron's WebFrameMain): its address and its parent. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * IPC is answered only for the app page in the window's main frame (`event.senderFrame`): a frame with no parent
 * whose address is the app page (`app://quartile/index.html`, or the dev server in development).
 * A subframe, another origin, a frame already gone (`null`) or one whose address cannot be read
 * is refused.
 */
export function isTrustedSender(
  event: { readonly senderFrame?: SenderFrame | null },
  appUrl: string,
): boolean {
  try {
    const frame = event.senderFrame;
    if (frame === null || frame === undefined || frame.parent !== null) return false;
    return appUrl !== '' && isAllowedNavigation(frame.url, appUrl);
  } catch {
    // Electron throws when a frame is read after it was disposed: refused.
    return false;
  }
}

/**
 * Hosts whose https pages a link in the app may open in the user's browser. The app links to no
 * outside page today, so none: every `window.open` and link with a target is refused and nothing
 * is opened. Add a documentation host here (exact name, no wildcard) when the app links to one.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = Object.freeze([]);

/**
 * The URL to hand to `shell.openExternal`, or null: only `https:` on the default port, with no
 * credentials, to a host on the allow-list (exact match).
 */
export function externalLinkToOpen(
  url: string,
  hosts: readonly string[] = EXTERNAL_LINK_HOSTS,
): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.username !== '' || u.password !== '' || u.port !== '') return null;
  return hosts.includes(u.hostname) ? u.href : null;
}

/** Every permission the page could ask for (camera, notifications, HID, serial, USB …) is denied. */
export function denyPermission(): false {
  return false;
}
