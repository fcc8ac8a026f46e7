import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The long fuzz and kill campaigns (issue #13): `npm run test:fuzz` runs test/fuzz at full scale
 * (QC_FUZZ_SCALE=full, read by test/fuzz/scale.ts). Defined only for that script (or with
 * QC_FUZZ_SCALE set), so a plain `vitest run` (npm test) never starts it; the unit project runs
 * the same files as a small fixed-seed sample.
 */
const fuzzCampaign: TestProjectInlineConfiguration = {
  test: {
    name: 'fuzz',
    include: ['test/fuzz/**/*.test.ts'],
    environment: 'node',
    env: { QC_FUZZ_SCALE: 'full' },
    testTimeout: 30 * 60_000,
    hookTimeout: 5 * 60_000,
    pool: 'forks',
    // The import campaign and the kill campaign each keep a core busy; the two cores are shared.
    fileParallelism: false,
  },
};
const wantFuzz = process.env.npm_lifecycle_event === 'test:fuzz' || process.env.QC_FUZZ_SCALE === 'full';

export default defineConfig({
  test: {
    // The JSON report lets .ci/run print one plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest-report.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'test/unit/**/*.test.ts',
            'test/db/**/*.test.ts',
            'test/cli/**/*.test.ts',
            'test/reports/**/*.test.ts',
            // A small fixed-seed sample of the fuzz and kill campaigns (test/fuzz/scale.ts).
            'test/fuzz/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 60_000,
          // better-sqlite3 is a native module: forks isolate it more reliably than threads.
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
      ...(wantFuzz ? [fuzzCampaign] : []),
    ],
  },
});
