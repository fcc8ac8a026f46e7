import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Import patterns for another layer's folder, from anywhere in the tree. */
const layers = (...names) =>
  names.map((name) => ({
    group: [`**/${name}/**`],
    message: `Not from ${name}/: see docs/architecture.md, "Boundaries".`,
  }));

/** The engine's modules a host may import; everything else under engine/ is internal. */
const HOST_FACING = [
  'api/engine',
  'host/*',
  'workspace/workspace',
  'workspace/analysis-settings-store',
  'workspace/rep-duplicates',
  'import/source-file',
  'export/csv',
  'reports/chromium',
  'reports/fonts',
  'reports/pdf-printer',
];
// `engine/<folder>/<file>` and everything deeper, but the host-facing files (gitignore semantics:
// a file can be allowed again only when no folder above it is excluded).
const ENGINE_INTERNALS = ['**/engine/*/*', ...HOST_FACING.map((m) => `!**/engine/${m}`)];
const HOST_MESSAGE =
  'Hosts use the engine through its API and host-facing modules (docs/architecture.md, "Boundaries").';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'test-results/**',
      'resources/**',
      'coverage/**',
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  // Type-aware rules (floating promises, needless assertions, unbound methods, unsafe `any`) for
  // the TypeScript files: every one is in tsconfig.json, where the project service finds it. Plain
  // JavaScript (this file, the .mjs scripts) has no types to check and gets the syntactic rules only.
  // The strict set was tried: ~1,400 more findings, nearly all style (non-null assertions on
  // checked indexes, numbers in template literals, void arrow bodies), so not for now.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // shared/ is pure: no I/O, no clock, no electron, and it depends on no other layer.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'electron', 'better-sqlite3', 'kysely', 'react'],
              message: 'Not in this layer: see docs/architecture.md, "Boundaries".',
            },
            ...layers('engine', 'renderer', 'electron', 'cli', 'web', 'reports'),
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'shared/ has no clock: pass time in.' },
        { object: 'Math', property: 'random', message: 'shared/ is deterministic.' },
      ],
    },
  },
  {
    // reports/ is pure like shared/ (React and ECharts' server-side rendering, no I/O, no DOM):
    // the engine renders it for every host.
    files: ['reports/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'electron', 'better-sqlite3', 'kysely', 'playwright-core'],
              message: 'Not in this layer: see docs/architecture.md, "Boundaries".',
            },
            ...layers('engine', 'renderer', 'electron', 'cli', 'web'),
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'reports/ has no clock: the engine dates a report.' },
        { object: 'Math', property: 'random', message: 'reports/ is deterministic.' },
      ],
    },
  },
  {
    // The engine is plain Node: no Electron, and it knows nothing of the hosts or the UI.
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['electron'], patterns: layers('renderer', 'electron', 'cli', 'web') },
      ],
    },
  },
  {
    // The page talks to its host only through the HostBridge: no Node, no database, no engine.
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron'],
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'better-sqlite3', 'kysely', 'playwright-core'],
              message: 'Not in this layer: see docs/architecture.md, "Boundaries".',
            },
            ...layers('engine', 'electron', 'cli', 'web'),
          ],
        },
      ],
    },
  },
  {
    // Hosts use the engine through its API (Engine, EngineClient) and the few modules made for
    // hosts (docs/architecture.md, "Boundaries"); its internals are not theirs to reach into.
    files: ['cli/**/*.ts', 'web/**/*.ts', 'electron/**/*.ts'],
    ignores: ['electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['electron'], patterns: [{ group: ENGINE_INTERNALS, message: HOST_MESSAGE }] },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ENGINE_INTERNALS, message: HOST_MESSAGE }, ...layers('renderer', 'cli')] },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
