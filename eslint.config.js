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
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only main/electron imports electron as a value.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
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
                '**/services/**',
                '**/sync/**',
                '**/export/**',
                '**/cli/**',
                '**/electron/**',
                '**/api/**',
                '**/server/**',
                '**/renderer/**',
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
                '**/main/services/**',
                '**/main/sync/**',
                '**/main/export/**',
                '**/main/cli/**',
                '**/main/electron/**',
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
