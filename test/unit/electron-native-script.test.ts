import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * scripts/install-electron-native.mjs builds better-sqlite3 for Electron's ABI. Since Electron 41
 * the package declares that ABI (`abi_version`) and no longer downloads its binary on install.
 */
type ElectronPackage = { version: string; abi: string | null; binary: boolean };
const script = '../../scripts/install-electron-native.mjs';
const { electronPackage, buildStamp } = (await import(/* @vite-ignore */ script)) as {
  electronPackage: (dir: string) => ElectronPackage | null;
  buildStamp: (electron: ElectronPackage) => string;
};

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'qc-electron-pkg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Electron native build script', () => {
  it('reads the version and ABI of the installed Electron, a supported major, as prebuild-install maps it', () => {
    const electron = electronPackage(join(root, 'node_modules/electron'))!;
    const pinned = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies.electron!;
    expect(electron.version).toBe(pinned);
    expect(Number(electron.version.split('.')[0])).toBeGreaterThanOrEqual(43);
    expect(electron.abi).toMatch(/^\d+$/);
    // prebuild-install picks the prebuilt binary through node-abi: it must know this Electron.
    const betterSqlite = join(root, 'node_modules/better-sqlite3/package.json');
    const nodeAbi = createRequire(createRequire(betterSqlite).resolve('prebuild-install/package.json'))(
      'node-abi',
    ) as { getAbi: (target: string, runtime: string) => string };
    expect(nodeAbi.getAbi(electron.version, 'electron')).toBe(electron.abi);
  });

  it('tells a downloaded binary from a package alone, and stamps the build with version and ABI', () => {
    const pkg = join(dir, 'electron');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ version: '45.6.1' }));
    writeFileSync(join(pkg, 'abi_version'), '150\n');
    expect(electronPackage(pkg)).toEqual({ version: '45.6.1', abi: '150', binary: false });
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(electronPackage(pkg)!.binary).toBe(false);
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    expect(electronPackage(pkg)).toEqual({ version: '45.6.1', abi: '150', binary: true });
    expect(buildStamp(electronPackage(pkg)!)).toBe('45.6.1 abi 150');
    rmSync(join(pkg, 'abi_version'));
    expect(electronPackage(pkg)).toEqual({ version: '45.6.1', abi: null, binary: true });
    expect(buildStamp({ version: '39.8.10', abi: null, binary: true })).toBe('39.8.10');
    expect(electronPackage(join(dir, 'missing'))).toBeNull();
  });

  it('skips, without failing the install, where the binary is not to be downloaded', () => {
    const out = execFileSync(process.execPath, [join(root, 'scripts/install-electron-native.mjs')], {
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      encoding: 'utf8',
    });
    expect(out).toContain('skipping the Electron build of better-sqlite3');
  });
});
