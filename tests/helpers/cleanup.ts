// What a test opened, closed after it: apps first (they hold connections to servers and files),
// then servers, then PostgreSQL schemas, then temporary folders.
//
// The helpers register here rather than calling `afterEach` when they are imported: with
// `isolate: false` a worker imports a helper once for all the files it runs, so a hook registered
// at import would run for the first file only. `cleanup-setup.ts`, a setup file of every project,
// runs `cleanUpAfterTest` after each test of each file.

export type CleanupStage = 'apps' | 'servers' | 'databases' | 'folders';

const STAGES: CleanupStage[] = ['apps', 'servers', 'databases', 'folders'];
const pending = new Map<CleanupStage, (() => unknown)[]>(STAGES.map((stage) => [stage, []]));

/** Run `close` after the current test, in its stage, the latest registered first. */
export function afterThisTest(stage: CleanupStage, close: () => unknown): void {
  pending.get(stage)!.push(close);
}

export async function cleanUpAfterTest(): Promise<void> {
  const failures: unknown[] = [];
  for (const stage of STAGES) {
    const closes = pending.get(stage)!;
    while (closes.length) {
      try {
        await closes.pop()!();
      } catch (error) {
        failures.push(error);
      }
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length) throw new AggregateError(failures, `${failures.length} clean-ups failed`);
}
