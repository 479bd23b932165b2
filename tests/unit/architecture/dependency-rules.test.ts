// The layer rules (.dependency-cruiser.cjs) checked on the whole graph: the tree as it stands breaks
// none, and each rule, planted with one violation in a scratch tree, is seen broken. A rule that
// could not fail would pass here.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise, type IForbiddenRuleType } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir';

const require = createRequire(import.meta.url);
const config = require('../../../.dependency-cruiser.cjs') as {
  forbidden: IForbiddenRuleType[];
  options: Record<string, unknown>;
};

async function broken(baseDir: string, roots: string[]): Promise<string[]> {
  const result = await cruise(roots, {
    baseDir,
    ruleSet: { forbidden: config.forbidden },
    validate: true,
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: config.options.enhancedResolveOptions as never,
  });
  if (typeof result.output === 'string') throw new Error('expected the cruise result as data');
  return [...new Set(result.output.summary.violations.map((v) => v.rule.name))].sort();
}

/** A scratch tree of TypeScript files, each importing what it says. */
async function planted(files: Record<string, string>): Promise<string[]> {
  const dir = tempDir();
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), `${text}\nexport const here = 1;\n`);
  }
  const roots = [...new Set(Object.keys(files).map((f) => f.split('/')[0]!))];
  return broken(dir, roots);
}

const uses = (to: string) => `import { here as there } from '${to}';\nexport const used = there;`;

describe('the dependency rules', () => {
  it('hold on the tree as it stands', async () => {
    const root = path.resolve(__dirname, '../../..');
    expect(await broken(root, ['main', 'db', 'server', 'renderer/src', 'bin'])).toEqual([]);
  });

  const scenes: [rule: string, files: Record<string, string>][] = [
    [
      'no-cycles',
      {
        'main/domain/a.ts': "import type { B } from './b';\nexport type A = { b?: B };",
        'main/domain/b.ts': "import type { A } from './a';\nexport type B = { a?: A };",
      },
    ],
    ['domain-is-pure', { 'main/domain/a.ts': uses('../features/f'), 'main/features/f.ts': '' }],
    [
      'domain-has-no-node',
      { 'main/domain/a.ts': "import fs from 'node:fs';\nexport const f = fs;" },
    ],
    [
      'migrations-stand-alone',
      {
        'db/migrations/20990101000000_x.ts': uses('../repositories/r'),
        'db/repositories/r.ts': '',
      },
    ],
    [
      'db-below-the-app',
      { 'db/repositories/r.ts': uses('../../main/features/f'), 'main/features/f.ts': '' },
    ],
    [
      'server-reaches-no-app-code',
      {
        'server/index.ts': uses('../db/sqlite'),
        'db/sqlite.ts': uses('./repositories/r'),
        'db/repositories/r.ts': '',
      },
    ],
    [
      'sync-and-export-below-features',
      { 'main/sync/s.ts': uses('../features/f'), 'main/features/f.ts': '' },
    ],
    ['sync-and-export-apart', { 'main/sync/s.ts': uses('../export/e'), 'main/export/e.ts': '' }],
    ['export-not-sync', { 'main/export/e.ts': uses('../sync/s'), 'main/sync/s.ts': '' }],
    ['features-below-the-api', { 'main/features/f.ts': uses('../api/a'), 'main/api/a.ts': '' }],
    ['api-below-the-root', { 'main/api/a.ts': uses('../app/x'), 'main/app/x.ts': '' }],
    ['app-below-the-entries', { 'main/app/x.ts': uses('../cli/c'), 'main/cli/c.ts': '' }],
    [
      'preload-holds-the-allowlist',
      {
        'main/preload/p.ts': uses('../features/x/contract'),
        'main/features/x/contract.ts': uses('../../../db/y'),
        'db/y.ts': '',
      },
    ],
    [
      'renderer-through-window-api',
      { 'renderer/src/a.ts': uses('../../main/features/f'), 'main/features/f.ts': '' },
    ],
    [
      'renderer-shared-below-features',
      {
        'renderer/src/shared/a.ts': uses('../features/x/b'),
        'renderer/src/features/x/b.ts': '',
      },
    ],
    [
      'renderer-types-only-from-api',
      { 'renderer/src/a.ts': uses('../../main/api/contract'), 'main/api/contract.ts': '' },
    ],
  ];

  it('name every rule once among the plantings', () => {
    expect(scenes.map(([rule]) => rule).sort()).toEqual(config.forbidden.map((r) => r.name).sort());
  });

  it.each(scenes)('refuse a planted break of %s', async (rule, files) => {
    expect(await planted(files)).toContain(rule);
  });
});
