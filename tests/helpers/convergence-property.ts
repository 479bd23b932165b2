// The property-based convergence test, against the real server over HTTP (the model and its
// judgement are in convergence.ts), in shards: each test file runs its share of the cases with a
// seed of its own, so the shards run side by side. A failure prints its shard's seed, and is
// re-run from it: SYNC_PROPERTY_SEED=… [SYNC_PROPERTY_PATH=…] npm run test:sync-soak.
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { command, runScenario } from './convergence';
import { startSyncServer, type TestServer } from './sync-server';

/** The shards' files: tests/integration/sync/convergence*.test.ts. */
export const SHARDS = 4;

export function convergenceShard(shard: number): void {
  const total = Number(process.env.SYNC_PROPERTY_RUNS ?? 200);
  const runs = Math.ceil(total / SHARDS);
  const seed = process.env.SYNC_PROPERTY_SEED
    ? Number(process.env.SYNC_PROPERTY_SEED)
    : (Date.now() ^ (Math.random() * 0x100000000) ^ shard) | 0;
  const path = process.env.SYNC_PROPERTY_PATH;

  let server: TestServer;
  beforeAll(async () => {
    server = await startSyncServer();
    for (let i = 0; i < 5; i++) await server.addUser(`u${i}`, 'manager');
  });

  describe(`sync convergence, shard ${shard + 1} of ${SHARDS}`, () => {
    it(
      `converges under random edits, interleavings and faults (${runs} cases)`,
      async () => {
        console.log(
          `sync convergence shard ${shard + 1}: ${runs} cases, SYNC_PROPERTY_SEED=${seed}${path ? ` SYNC_PROPERTY_PATH=${path}` : ''}`,
        );
        await fc.assert(
          fc.asyncProperty(
            fc
              .integer({ min: 2, max: 5 })
              .chain((n) =>
                fc.tuple(fc.constant(n), fc.array(command(n), { minLength: 1, maxLength: 14 })),
              ),
            ([n, commands]) => runScenario(server.url, n, commands),
          ),
          { numRuns: runs, endOnFailure: true, seed, ...(path ? { path } : {}) },
        );
        // A case takes about a second alone; shards side by side on two cores take longer.
      },
      runs * 5_000,
    );
  });
}
