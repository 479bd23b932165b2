// The layers of DESIGN.md checked on the whole import graph (type imports included), not file by
// file as lint does: dependencies flow one way, electron/cli/harness → app → api → features →
// (sync, export) → db → domain; the server shares main/domain (and opening SQLite) and reaches
// nothing of the app by any path; a migration imports nothing outside db/migrations; no cycles.
// `npm run lint` runs it; tests/unit/architecture/dependency-rules.test.ts plants one violation of
// each rule and sees it refused.
const ENTRIES = 'main/(electron|cli|harness)/';
const layer = (name, from, to, comment) => ({ name, comment, severity: 'error', from, to });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No module depends on itself through others, type imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer(
      'domain-is-pure',
      { path: '^main/domain/' },
      {
        pathNot: ['^main/domain/', '^package\\.json$'],
        dependencyTypesNot: [
          'npm',
          'npm-dev',
          'npm-optional',
          'npm-peer',
          'npm-no-pkg',
          'npm-unknown',
        ],
      },
      'main/domain imports nothing of the app, the database or the server (packages it may).',
    ),
    layer(
      'domain-has-no-node',
      { path: '^main/domain/' },
      { dependencyTypes: ['core'] },
      'main/domain is runtime-neutral: no Node built-ins.',
    ),
    layer(
      'migrations-stand-alone',
      { path: '^db/migrations/' },
      { pathNot: ['^db/migrations/', 'node_modules/knex/'] },
      'A landed migration carries its own code: it imports nothing but knex and its neighbours.',
    ),
    layer(
      'db-below-the-app',
      { path: '^db/' },
      {
        path: [
          `^${ENTRIES}`,
          '^main/(app|api|features|sync|export|preload)/',
          '^server/',
          '^renderer/',
        ],
      },
      'The database layer imports only main/domain.',
    ),
    {
      name: 'server-reaches-no-app-code',
      comment:
        'The server shares main/domain and opening SQLite with the app; by no path does it reach the repositories, the migrations, the features or sync.',
      severity: 'error',
      from: { path: '^server/' },
      to: {
        path: [
          '^db/(repositories|migrations)/',
          '^main/(app|api|features|sync|export|preload)/',
          `^${ENTRIES}`,
          '^renderer/',
        ],
        reachable: true,
      },
    },
    layer(
      'sync-and-export-below-features',
      { path: '^main/(sync|export)/' },
      { path: [`^${ENTRIES}`, '^main/(app|api|features)/', '^server/', '^renderer/'] },
      'Sync and the exporters sit below the features.',
    ),
    layer(
      'sync-and-export-apart',
      { path: '^main/(sync)/' },
      { path: '^main/export/' },
      'Sync does not render sheets.',
    ),
    layer(
      'export-not-sync',
      { path: '^main/export/' },
      { path: '^main/sync/' },
      'The exporters are pure renderers of a sheet.',
    ),
    layer(
      'features-below-the-api',
      { path: '^main/features/' },
      { path: [`^${ENTRIES}`, '^main/(app|api)/', '^server/', '^renderer/'] },
      'Features never import the API, the composition root, an entry or the server.',
    ),
    layer(
      'api-below-the-root',
      { path: '^main/api/' },
      { path: [`^${ENTRIES}`, '^main/app/', '^server/', '^renderer/'] },
      'The API sits below the composition root and the entries.',
    ),
    layer(
      'app-below-the-entries',
      { path: '^main/app/' },
      { path: [`^${ENTRIES}`, '^server/', '^renderer/'] },
      'main/app is the composition root: only the entries sit above it.',
    ),
    {
      name: 'preload-holds-the-allowlist',
      comment: 'The sandboxed preload reaches channel declarations and main/domain only.',
      severity: 'error',
      from: { path: '^main/preload/' },
      to: {
        path: [
          '^db/',
          '^server/',
          '^renderer/',
          '^main/(app|sync|export|cli|harness)/',
          '-service\\.ts$',
        ],
        reachable: true,
      },
    },
    {
      name: 'renderer-through-window-api',
      comment: 'The renderer imports main/domain, and types from main/api; nothing else of main.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: {
        path: [
          '^db/',
          '^server/',
          '^main/(app|features|sync|export|cli|harness|electron|preload)/',
        ],
      },
    },
    {
      name: 'renderer-shared-below-features',
      comment:
        'The renderer: shared components and hooks and the data layer serve every feature slice ' +
        '(renderer/src/features/<feature>, as main/features) and know none of them, nor the shell.',
      severity: 'error',
      from: { path: '^renderer/src/(shared|data)/' },
      to: { path: ['^renderer/src/(features|app)/', '^renderer/src/App\\.tsx$'] },
    },
    {
      name: 'renderer-types-only-from-api',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^main/api/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
