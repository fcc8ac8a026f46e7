// Builds better-sqlite3 for Electron's ABI into build/native/electron/, next to (not instead of)
// the Node build in node_modules. `npm test` loads the Node build, the desktop app loads this one
// (electron/native-binding.ts), so one checkout runs both without reinstalling.
//
// Since Electron 41 the `electron` package no longer downloads its binary when installed (it does
// on first use, or with `npx install-electron`), so this step downloads it, then builds for the
// version and ABI the package declares (`abi_version`, e.g. 150 for Electron 45). A new Electron
// major needs no change here: the ABI comes from the package itself.
//
// It never fails the install: where Electron's binary cannot be downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD,
// offline CI), there is nothing to build for and it says so.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const outDir = join(root, 'build', 'native', 'electron');
const target = join(outDir, 'better_sqlite3.node');
const log = (message) => console.log(`[electron-native] ${message}`);

/**
 * The installed `electron` package: its version, the ABI its Node modules need (the package's
 * `abi_version` file, absent before Electron 41: then null and prebuild-install's own table is
 * used) and whether its binary is downloaded (`path.txt` names it). Null when not installed.
 */
export function electronPackage(packageDir) {
  try {
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    const abiFile = join(packageDir, 'abi_version');
    const abi = existsSync(abiFile) ? readFileSync(abiFile, 'utf8').trim() : null;
    const pathFile = join(packageDir, 'path.txt');
    const binary =
      existsSync(pathFile) && existsSync(join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
    return { version: pkg.version, abi: abi !== null && /^\d+$/.test(abi) ? abi : null, binary };
  } catch {
    return null;
  }
}

/** What build/native/electron/electron-version.txt records: rebuilt when either changes. */
export function buildStamp(electron) {
  return electron.abi === null ? electron.version : `${electron.version} abi ${electron.abi}`;
}

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function main() {
  const dir = electronDir();
  let electron = dir === null ? null : electronPackage(dir);
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || electron === null) {
    log('Electron binary not installed here; skipping the Electron build of better-sqlite3.');
    return;
  }
  const stamp = join(outDir, 'electron-version.txt');
  if (
    process.argv.includes('--if-missing') &&
    electron.binary &&
    existsSync(target) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === buildStamp(electron)
  ) {
    return;
  }
  if (!electron.binary) {
    // The package's own installer (what `npx install-electron` runs): downloads and checks it.
    log(`downloading Electron ${electron.version}.`);
    execFileSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, stdio: 'inherit' });
    electron = electronPackage(dir);
    if (electron === null || !electron.binary) throw new Error('the Electron binary was not installed');
  }
  const version = electron.version;
  log(
    `building better-sqlite3 for Electron ${version}${electron.abi === null ? '' : ` (ABI ${electron.abi})`}.`,
  );
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const work = join(root, 'build', 'native', 'work');
  rmSync(work, { recursive: true, force: true });
  cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${join(source, 'build')}`) });
  const env = {
    ...process.env,
    npm_config_runtime: 'electron',
    npm_config_target: version,
    npm_config_disturl: 'https://electronjs.org/headers',
  };
  try {
    // A prebuilt binary for this Electron version, when the project publishes one...
    const prebuild = require.resolve('prebuild-install/bin.js', { paths: [source] });
    execFileSync(
      process.execPath,
      [prebuild, '--runtime', 'electron', '--target', version, '--arch', process.arch],
      { cwd: work, env, stdio: 'inherit' },
    );
  } catch {
    // ...otherwise compile it against Electron's headers (needs a C++ toolchain).
    log(`no prebuilt binary for Electron ${version}; compiling.`);
    const gyp = require.resolve('node-gyp/bin/node-gyp.js', {
      paths: [dirname(process.env.npm_execpath ?? ''), source],
    });
    execFileSync(
      process.execPath,
      [
        gyp,
        'rebuild',
        '--release',
        `--target=${version}`,
        '--runtime=electron',
        '--dist-url=https://electronjs.org/headers',
      ],
      {
        cwd: work,
        env,
        stdio: 'inherit',
      },
    );
  }
  mkdirSync(outDir, { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  writeFileSync(stamp, buildStamp(electron));
  rmSync(work, { recursive: true, force: true });
  log(`better-sqlite3 built for Electron ${version}.`);
}

// Run as a script (not imported by a test); real paths, since a checkout under a symbolic link
// has argv[1] through the link and import.meta.url through the real folder.
if (process.argv[1] !== undefined && isMain(process.argv[1])) run();

function isMain(argv1) {
  try {
    return realpathSync(fileURLToPath(import.meta.url)) === realpathSync(argv1);
  } catch {
    return false;
  }
}

function run() {
  try {
    main();
  } catch (e) {
    log(`could not build better-sqlite3 for Electron (${e instanceof Error ? e.message : e}).`);
    log('Tests still run; to use the desktop app, fix the error above and run `npm run rebuild:electron`.');
  }
}
