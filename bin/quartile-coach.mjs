#!/usr/bin/env node
// The CLI runs its bundle (out/cli, scripts/cli/cli-bundle.mjs): built at `npm install`, and
// rebuilt here whenever a source file differs from the ones it was built from, so it always runs
// the code the app runs and starts in a tenth of a second. Where esbuild cannot build (a broken
// install), it runs the TypeScript sources through tsx, as before, and says so once.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCli, freshBundle, sourceFingerprint } from '../scripts/cli/cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let main;
let road = 'bundle';
try {
  const fingerprint = sourceFingerprint(root);
  let entry = freshBundle(root, fingerprint);
  if (entry === null) {
    road = 'rebuilt';
    entry = await buildCli(root, fingerprint);
  }
  ({ main } = await import(pathToFileURL(entry).href));
} catch (e) {
  road = 'sources';
  const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
  process.stderr.write(`quartile-coach: running from sources (the bundle could not be built: ${detail})\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
if (process.env.QC_CLI_ROAD) process.stderr.write(`quartile-coach road: ${road}\n`);
await main(process.argv.slice(2));
