import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 in node_modules is built for Node (what `npm test` runs). Electron has another
 * ABI, so `npm install` also builds a copy for Electron into build/native/electron
 * (scripts/install-electron-native.mjs), and the desktop app loads that one.
 */
export function electronNativeBinding(appPath: string): string | undefined {
  const file = join(appPath, 'build', 'native', 'electron', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}
