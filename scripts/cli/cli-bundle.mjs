// The CLI ships built (issue #14): one ES module bundle of cli/main.ts and the engine, with the
// engine's three workers beside it (the engine finds them by name next to its own file, as in the
// desktop build), in out/cli/. Compiling the TypeScript sources on every start cost 1.8 s; the
// bundle starts in about 0.1 s. The report renderer (React, ECharts) is a chunk of its own, loaded
// only by `report`. better-sqlite3 (native) and playwright-core stay in node_modules.
//
// A bundle is only ever run while it matches the sources: it lives in out/cli/<fingerprint>/, the
// fingerprint of every source file it was built from (path, size and modification time), and
// bin/quartile-coach.mjs rebuilds when none matches, so the CLI always runs the code the app runs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const SOURCE_DIRS = ['cli', 'engine', 'shared', 'reports'];
/** Dependencies the bundle inlines (kysely, papaparse, react, echarts…) change with the lockfile. */
export const SOURCE_FILES = ['package.json', 'package-lock.json', 'scripts/cli/cli-bundle.mjs'];
export const OUT_DIR = 'out/cli';
export const ENTRY = 'quartile-coach.js';
export const STAMP = 'stamp.json';

export const ENTRY_POINTS = {
  'quartile-coach': 'cli/main.ts',
  'xlsx-worker': 'engine/import/xlsx/xlsx-worker.ts',
  'activity-reader-worker': 'engine/import/activities/activity-reader-worker.ts',
  'activity-columns-worker': 'engine/analysis/activity-columns-worker.ts',
};

const SOURCE = /\.(ts|tsx|mts|mjs|js|json)$/;

/** Every source file under the root's source folders, with its size and modification time. */
export function sourceFingerprint(root) {
  const parts = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name)) parts.push(describe(root, path));
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(root, dir));
  for (const file of SOURCE_FILES) parts.push(describe(root, join(root, file)));
  parts.sort();
  // FNV-1a over the list: short, and any added, removed, resized or touched file changes it.
  let hash = 0x811c9dc5;
  const text = parts.join('\n');
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return { files: parts.length, hash: hash.toString(16).padStart(8, '0') };
}

function describe(root, path) {
  try {
    const s = statSync(path);
    return `${relative(root, path)}:${s.size}:${Math.floor(s.mtimeMs)}`;
  } catch {
    return `${relative(root, path)}:missing`;
  }
}

/** The folder of the bundle built from these sources: one per fingerprint, so builds never clash. */
export function bundleDir(root, fingerprint) {
  return join(root, OUT_DIR, fingerprint.hash);
}

/** The bundle's entry when out/cli holds one built from exactly these sources, else null. */
export function freshBundle(root, fingerprint = sourceFingerprint(root)) {
  const dir = bundleDir(root, fingerprint);
  try {
    const stamp = JSON.parse(readFileSync(join(dir, STAMP), 'utf8'));
    return stamp.hash === fingerprint.hash && stamp.files === fingerprint.files ? join(dir, ENTRY) : null;
  } catch {
    return null;
  }
}

/** A bundle of other sources is kept this long, for a process still running it (its workers load late). */
const KEEP_OLD_MS = 60 * 60 * 1000;

/**
 * Builds the bundle with esbuild (the TypeScript compiler tsx itself uses) into a folder of its
 * own, then moves it into place in one rename, the stamp written last: several processes starting
 * at once (a test run, a script) each build or find a whole bundle, never half of one. Throws when
 * esbuild is missing or the sources do not compile. Returns the entry's path.
 */
export async function buildCli(root, fingerprint = sourceFingerprint(root)) {
  const { build } = await import('esbuild');
  const {
    mkdirSync,
    readdirSync: list,
    renameSync,
    rmSync,
    statSync: stat,
    writeFileSync,
  } = await import('node:fs');
  const target = bundleDir(root, fingerprint);
  const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(temp, { recursive: true });
  try {
    await build({
      absWorkingDir: root,
      entryPoints: ENTRY_POINTS,
      outdir: temp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: ['better-sqlite3', 'playwright-core'],
      // Bundled CommonJS packages (papaparse) call require(): give the ES module one.
      banner: {
        js: "import { createRequire as __qcRequire } from 'node:module'; const require = __qcRequire(import.meta.url);",
      },
      logLevel: 'error',
    });
    writeFileSync(
      join(temp, STAMP),
      `${JSON.stringify({ ...fingerprint, builtAt: new Date().toISOString() })}\n`,
    );
    try {
      renameSync(temp, target);
    } catch (e) {
      // Another process put the same bundle in place first: use that one.
      if (freshBundle(root, fingerprint) === null) throw e;
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  // Bundles of older sources, once no process is likely to be running them.
  const now = Date.now();
  for (const name of list(join(root, OUT_DIR))) {
    const path = join(root, OUT_DIR, name);
    if (path === target) continue;
    try {
      if (now - stat(path).mtimeMs > KEEP_OLD_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already (another process cleaned up).
    }
  }
  return join(target, ENTRY);
}
