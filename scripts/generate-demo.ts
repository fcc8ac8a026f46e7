/**
 * Writes the demo workspace to resources/demo/. The data itself comes from the pure generator in
 * scripts/demo/generate-demo.ts; this file only does the I/O, so the output is reproducible.
 *
 * Usage: npx tsx scripts/generate-demo.ts [--seed <number>]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { DEMO_DEFAULT_SEED, generateDemo } from './demo/generate-demo.js';

function parseSeed(argv: readonly string[]): number {
  const i = argv.indexOf('--seed');
  if (i < 0) return DEMO_DEFAULT_SEED;
  const value = Number(argv[i + 1]);
  if (!Number.isInteger(value)) throw new Error('--seed needs an integer');
  return value;
}

// Resolved from this file, not the working directory, so it works from any cwd.
const outDir = fileURLToPath(new URL('../resources/demo/', import.meta.url));
const seed = parseSeed(process.argv.slice(2));
const files = generateDemo({ seed });

mkdirSync(outDir, { recursive: true });
let totalBytes = 0;
for (const [name, text] of Object.entries(files)) {
  writeFileSync(join(outDir, name), text, 'utf8');
  const bytes = Buffer.byteLength(text, 'utf8');
  totalBytes += bytes;
  // Every file ends with a newline after the last row; minus one for the header.
  const rows = text.split('\n').length - 2;
  console.log(`${name.padEnd(16)} ${String(rows).padStart(7)} rows ${String(bytes).padStart(10)} bytes`);
}
console.log(`seed ${seed}; total ${(totalBytes / 1_048_576).toFixed(2)} MiB in ${outDir}`);
