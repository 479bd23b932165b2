// Property-based convergence, against the real server over HTTP (the model and its judgement are
// in tests/helpers/convergence.ts). A soak prints its seed and is re-run from it:
// SYNC_PROPERTY_SEED=… [SYNC_PROPERTY_PATH=…] npm run test:sync-soak.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { command, runScenario } from '../../helpers/convergence';
import { startSyncServer, type TestServer } from '../../helpers/sync-server';

const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 200);
const SEED = process.env.SYNC_PROPERTY_SEED
  ? Number(process.env.SYNC_PROPERTY_SEED)
  : (Date.now() ^ (Math.random() * 0x100000000)) | 0;
const PATH = process.env.SYNC_PROPERTY_PATH;

let server: TestServer;
beforeAll(async () => {
  server = await startSyncServer();
  for (let i = 0; i < 5; i++) await server.addUser(`u${i}`, 'manager');
});
afterAll(async () => {
  await server.server.close();
});

describe('sync convergence', () => {
  it(
    `converges under random edits, interleavings and faults (${RUNS} cases)`,
    async () => {
      console.log(
        `sync convergence: ${RUNS} cases, SYNC_PROPERTY_SEED=${SEED}${PATH ? ` SYNC_PROPERTY_PATH=${PATH}` : ''}`,
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
        { numRuns: RUNS, endOnFailure: true, seed: SEED, ...(PATH ? { path: PATH } : {}) },
      );
      // A case takes about a second alone; three soaks side by side on two cores take longer.
    },
    RUNS * 5_000,
  );
});
