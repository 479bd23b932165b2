// Crash drills, short: a few SIGKILLs of the laptop process and of the sync server. The long run
// (`npm run test:crash`, CRASH_KILLS=200) is the same test with more kills.
import { describe, expect, it } from 'vitest';
import { laptopDrill, serverDrill } from '../../reliability/drills';
import { tempDir } from '../../helpers/temp-dir';

const KILLS = Number(process.env.CRASH_KILLS ?? 4);
const log = process.env.CRASH_KILLS ? (line: string) => console.log(line) : undefined;

describe('crash drills', () => {
  it(
    `keep every acknowledged write when the laptop is killed ${KILLS} times while recording and syncing`,
    async () => {
      const result = await laptopDrill({ kills: KILLS, dir: tempDir(), ...(log ? { log } : {}) });
      console.log(`laptop drill: ${JSON.stringify(result)}`);
      expect(result.kills).toBe(KILLS);
      expect(result.acknowledged).toBeGreaterThan(0);
      expect(result.onServer).toBeGreaterThanOrEqual(result.acknowledged);
    },
    60_000 + KILLS * 5_000,
  );

  it(
    `keep every acknowledged push when the server is killed ${KILLS} times during pushes`,
    async () => {
      const result = await serverDrill({ kills: KILLS, dir: tempDir(), ...(log ? { log } : {}) });
      console.log(`server drill: ${JSON.stringify(result)}`);
      expect(result.kills).toBe(KILLS);
      expect(result.onServer).toBe(result.acknowledged);
    },
    60_000 + KILLS * 5_000,
  );
});
