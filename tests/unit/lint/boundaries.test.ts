// The one direction of dependencies (DESIGN.md) is enforced by lint: an import that runs backwards
// from any layer fails, and the same file with a forward import passes.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(
    `import { x } from '${specifier}';\nexport const y = x;\n`,
    {
      filePath,
    },
  );
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const backwards: [string, string][] = [
  ['main/services/any.ts', '../api/contract'],
  ['main/services/any.ts', '../app/app-context'],
  ['main/sync/any.ts', '../services/store'],
  ['main/sync/any.ts', '../export/render'],
  ['main/export/any.ts', '../services/daily-sheet-service'],
  ['main/api/any.ts', '../app/app-host'],
  ['main/app/any.ts', '../cli/index'],
  ['db/repositories/any.ts', '../../main/services/store'],
  ['db/repositories/any.ts', '../../main/sync/engine'],
  ['server/any.ts', '../main/services/store'],
  ['server/any.ts', '../db/repositories/sync-repository'],
  ['main/domain/any.ts', '../../db/connection'],
  ['renderer/src/any.ts', '../../main/app/app-context'],
  ['main/services/any.ts', 'electron'],
];

const forwards: [string, string][] = [
  ['main/app/any.ts', '../api/handlers'],
  ['main/api/any.ts', '../services/store'],
  ['main/services/any.ts', '../sync/engine'],
  ['main/services/any.ts', '../../db/repositories/panel-repository'],
  ['main/sync/any.ts', '../../db/repositories/sync-repository'],
  ['db/repositories/any.ts', '../../main/domain/hlc'],
  ['server/any.ts', '../main/domain/sync-protocol'],
  ['server/any.ts', '../db/connection'],
  ['main/cli/any.ts', '../app/app-context'],
];

describe('import boundaries', () => {
  it.each(backwards)('refuse %s importing %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).not.toEqual([]);
  });
  it.each(forwards)('allow %s importing %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([]);
  });
});
