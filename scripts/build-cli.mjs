// `npm run build:cli`, and the last step of `npm install`: builds the CLI bundle (scripts/cli/cli-bundle.mjs).
// At install it never fails the install: the CLI then builds itself on first use, or runs from sources.
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli } from './cli/cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const atInstall = process.argv.includes('--if-possible');
try {
  const started = Date.now();
  const entry = await buildCli(root);
  console.log(`[cli] built ${relative(root, entry)} in ${Date.now() - started} ms`);
} catch (e) {
  const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
  if (!atInstall) {
    console.error(`[cli] build failed: ${detail}`);
    process.exit(1);
  }
  console.log(`[cli] not built (${detail}); quartile-coach will build it on first use or run from sources`);
}
