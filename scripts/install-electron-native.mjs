// Builds better-sqlite3 for Electron's ABI into build/native/electron/, next to (not instead of)
// the Node build in node_modules. `npm test` loads the Node build, the desktop app loads this one
// (electron/native-binding.ts), so one checkout runs both without reinstalling.
//
// It never fails the install: where Electron's binary is not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD,
// offline CI), there is nothing to build for and it says so.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const outDir = join(root, 'build', 'native', 'electron');
const target = join(outDir, 'better_sqlite3.node');
const log = (message) => console.log(`[electron-native] ${message}`);

function electronVersion() {
  try {
    const pkg = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8'));
    const binary = existsSync(join(dirname(require.resolve('electron/package.json')), 'path.txt'));
    return binary ? pkg.version : null;
  } catch {
    return null;
  }
}

function main() {
  const version = electronVersion();
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || !version) {
    log('Electron binary not installed here; skipping the Electron build of better-sqlite3.');
    return;
  }
  const stamp = join(outDir, 'electron-version.txt');
  if (
    process.argv.includes('--if-missing') &&
    existsSync(target) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === version
  ) {
    return;
  }
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
  writeFileSync(stamp, version);
  rmSync(work, { recursive: true, force: true });
  log(`better-sqlite3 built for Electron ${version}.`);
}

try {
  main();
} catch (e) {
  log(`could not build better-sqlite3 for Electron (${e instanceof Error ? e.message : e}).`);
  log('Tests still run; to use the desktop app, fix the error above and run `npm run rebuild:electron`.');
}
