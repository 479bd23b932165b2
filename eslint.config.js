// Lint, including the import boundaries of DESIGN.md ("The boundaries are enforced by lint").
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'stream',
  'worker_threads',
];
const sideEffectPackages = [
  'knex',
  'sqlite3',
  'pg',
  'fastify',
  'exceljs',
  'electron',
  'playwright-core',
  'vite',
];

// The electron rule every block keeps (a block's no-restricted-imports replaces the one before).
const electronValue = {
  name: 'electron',
  message: 'Only main/electron imports electron as a value.',
  allowTypeImports: true,
};

// Dependencies flow one way (DESIGN.md): electron → app → api → features → (sync, export) → db →
// domain; the CLI is an entry like electron; the server shares only main/domain (and the SQLite
// opener, db/sqlite.ts) with the app. Each layer names what lies above it, which it must not
// import. This checks each file's own imports; .dependency-cruiser.cjs checks the whole graph.
const entries = [
  '**/api/**',
  '**/app/**',
  '**/electron/**',
  '**/cli/**',
  '**/harness/**',
  '**/server/**',
];
const appLayers = ['api', 'app', 'electron', 'cli', 'harness', 'features', 'sync', 'export'];
const mainOf = (names) => names.map((n) => `**/main/${n}/**`);
const above = {
  app: ['**/main/electron/**', '**/electron/**', '**/cli/**', '**/harness/**'],
  api: ['**/app/**', '**/electron/**', '**/cli/**', '**/harness/**'],
  features: entries,
  sync: [...entries, '**/features/**', '**/export/**'],
  export: [...entries, '**/features/**', '**/sync/**'],
  db: [...mainOf(appLayers), '**/server/**'],
  server: [...mainOf(appLayers), '**/db/repositories/**', '**/db/migrations/**'],
};

const layer = (files, group, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { paths: [electronValue], patterns: [{ group, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Only main/electron may import electron as a value; types are fine anywhere.
      'no-restricted-imports': ['error', { paths: [electronValue] }],
      // A file is split before about 400 lines, a function before about 80 (CONVENTIONS.md).
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Translation tables are long by nature; a landed migration is never edited; a test's
    // describe block holds its cases.
    files: ['main/domain/i18n/messages.ts', 'db/migrations/2*.ts', 'tests/**'],
    rules: { 'max-lines': 'off', 'max-lines-per-function': 'off' },
  },
  {
    files: ['main/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // window.api runs in the sandboxed preload: the channel allowlist and the typed errors, no
    // electron (main/electron/preload.ts hands it ipcRenderer), nothing with Node or the database.
    files: ['main/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...nodeBuiltins,
                ...sideEffectPackages,
                ...['app', 'electron', 'cli', 'features', 'sync', 'export'].map(
                  (n) => `**/${n}/**`,
                ),
                '**/db/**',
                '**/server/**',
                '**/renderer/**',
              ],
              message: 'The preload holds the allowlist and window.api only.',
            },
          ],
        },
      ],
    },
  },
  layer(
    ['main/app/**'],
    above.app,
    'main/app is the composition root: only electron and the CLI sit above it.',
  ),
  layer(['main/api/**'], above.api, 'main/api sits below the composition root and the entries.'),
  layer(
    ['main/features/**'],
    [...above.features, '../*/handlers', '../*/contract'],
    "Features sit below the API: they never import it, the composition root, an entry, the server, or another feature's channels.",
  ),
  {
    // A feature's channel declarations are pure (zod and main/domain): the sandboxed preload
    // bundles them as its allowlist.
    files: ['main/features/channel.ts', 'main/features/*/contract.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronValue],
          patterns: [
            {
              group: [
                ...nodeBuiltins,
                ...sideEffectPackages,
                ...above.features,
                '**/db/**',
                '**/sync/**',
                '**/export/**',
                './*-service',
                './handlers',
                '../deps',
              ],
              message: 'A contract holds channel declarations only: zod and main/domain.',
            },
          ],
        },
      ],
    },
  },
  layer(
    ['main/sync/**'],
    above.sync,
    'Sync sits below the features: it reads and writes through the repositories, never a service.',
  ),
  layer(['main/export/**'], above.export, 'Exporters are pure renderers of a DailySheet.'),
  layer(['db/**'], above.db, 'The database layer imports only main/domain.'),
  layer(
    ['server/**'],
    above.server,
    'The server shares only main/domain (and the SQLite opener) with the app.',
  ),
  {
    // The domain is pure and runtime-neutral: no Node, no DOM-only APIs, no side-effecting packages.
    files: ['main/domain/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, ...sideEffectPackages],
              message: 'main/domain is pure: no Node, database or Electron.',
            },
            {
              group: [
                '**/db/**',
                '**/features/**',
                '**/sync/**',
                '**/export/**',
                '**/cli/**',
                '**/harness/**',
                '**/electron/**',
                '**/api/**',
                '**/server/**',
                '**/renderer/**',
                '**/app/**',
              ],
              message: 'main/domain imports nothing outside itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer reaches main only through window.api: React-side packages, main/domain, and types
    // from main/api.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, ...sideEffectPackages],
              message: 'The renderer talks to main only through window.api.',
            },
            {
              group: [
                '**/db/**',
                '**/server/**',
                '**/main/features/**',
                '**/main/features/deps',
                '**/main/sync/**',
                '**/main/export/**',
                '**/main/cli/**',
                '**/main/harness/**',
                '**/main/electron/**',
                '**/main/app/**',
              ],
              message: 'The renderer may import main/domain and types from main/api only.',
            },
            {
              group: ['**/main/api/**'],
              allowTypeImports: true,
              message: 'Import only types from main/api.',
            },
          ],
        },
      ],
    },
  },
);
