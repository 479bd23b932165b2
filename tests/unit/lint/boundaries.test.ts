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
  ['main/features/panels/any.ts', '../../api/contract'],
  ['main/features/panels/any.ts', '../../app/app-context'],
  ['main/features/sheet/any.ts', '../panels/handlers'],
  ['main/features/sheet/contract.ts', '../../../db/repositories/panel-repository'],
  ['main/features/sheet/contract.ts', './daily-sheet-service'],
  ['main/sync/any.ts', '../features/sync/conflict-service'],
  ['main/sync/any.ts', '../export/render'],
  ['main/export/any.ts', '../features/sheet/daily-sheet-service'],
  ['main/api/any.ts', '../app/app-host'],
  ['main/app/any.ts', '../cli/index'],
  ['main/app/any.ts', '../harness/browser-harness'],
  ['main/features/sheet/any.ts', '../../harness/browser-harness'],
  ['db/repositories/any.ts', '../../main/features/panels/panel-service'],
  ['db/repositories/any.ts', '../../main/sync/engine'],
  ['server/any.ts', '../main/features/sync/conflict-service'],
  ['server/any.ts', '../main/api/contract'],
  ['server/any.ts', '../db/repositories/sync-repository'],
  ['main/domain/any.ts', '../../db/connection'],
  ['renderer/src/any.ts', '../../main/app/app-context'],
  ['renderer/src/any.ts', '../../main/features/panels/panel-service'],
  ['main/features/panels/any.ts', 'electron'],
  ['main/preload/any.ts', 'node:fs'],
  ['main/preload/any.ts', 'electron'],
  ['main/preload/any.ts', '../features/sheet/daily-sheet-service'],
];

const forwards: [string, string][] = [
  ['main/app/any.ts', '../api/handlers'],
  ['main/api/any.ts', '../features/panels/handlers'],
  ['main/features/sheet/any.ts', '../schedule/schedule-service'],
  ['main/features/sheet/contract.ts', '../../domain/daily-sheet'],
  ['main/features/sync/any.ts', '../../sync/engine'],
  ['main/features/panels/any.ts', '../../../db/repositories/panel-repository'],
  ['main/sync/any.ts', '../../db/repositories/sync-repository'],
  ['db/repositories/any.ts', '../../main/domain/hlc'],
  ['server/any.ts', '../main/domain/sync-protocol'],
  ['server/any.ts', '../db/connection'],
  ['main/cli/any.ts', '../app/app-context'],
  ['main/preload/any.ts', '../api/channels'],
  ['main/electron/any.ts', '../preload/preload-api'],
];

describe('import boundaries', () => {
  it.each(backwards)('refuse %s importing %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).not.toEqual([]);
  });
  it.each(forwards)('allow %s importing %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([]);
  });
});
