import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import LongestFirst from './tests/helpers/longest-first.ts';

// Every test's temporary folders (data folders, servers' files, exports) go under one folder of
// this run, on the RAM disk where the machine has one with room (a run held about 300 MB at once
// here; a container's 64 MB /dev/shm is passed by): the same SQLite files, without the disk's
// journal under them (a sixth of a sync test's time here). Removed when the run ends.
const ramDisk = '/dev/shm';
const tmpRoot = fs.mkdtempSync(
  path.join(hasRoom(ramDisk, 2 * 1024 ** 3) ? ramDisk : os.tmpdir(), 'haitai-tests-'),
);
process.env.TMPDIR = tmpRoot;
process.once('exit', () => fs.rmSync(tmpRoot, { recursive: true, force: true }));

function hasRoom(dir: string, bytes: number): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    const stats = fs.statfsSync(dir);
    return stats.bavail * stats.bsize >= bytes;
  } catch {
    return false;
  }
}

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one on this 2-core machine, so the
    // integration files ran one after another while most of them wait on HTTP, SQLite's fsync or
    // PostgreSQL. Three workers keep both cores busy (the e2e project stays one file at a time).
    maxWorkers: 3,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        test: {
          // Pure rules and the tree's own checks (dependency rules, documents, the preload's
          // bundle): milliseconds each; half a minute is a hang even on a busy CI machine.
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/helpers/cleanup-setup.ts'],
          // Nothing here mocks a module or keeps state between files: a worker imports once.
          isolate: false,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          // Services over real SQLite files, the sync server over HTTP (SQLite and PostgreSQL),
          // exports read back. A hang fails; a slow moment of a busy 2-core CI machine does not:
          // several tests start a server, publish the demo project (34,000 cells) and bring a
          // second laptop, seconds alone and once past half a minute beside other test files.
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/helpers/cleanup-setup.ts'],
          // A worker imports the app once for all the files it runs (about three seconds of
          // CPU a file, on this machine): nothing here mocks a module, and what a test opens is
          // closed by the cleanup setup file after it.
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The renderer's components in jsdom with Testing Library and a fake window.api: seconds,
        // no browser (the e2e project runs the whole renderer in Chromium).
        plugins: [react()],
        test: {
          name: 'dom',
          include: ['tests/dom/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['tests/helpers/cleanup-setup.ts', 'tests/dom/setup.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          environment: 'node',
          setupFiles: ['tests/helpers/cleanup-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A file launches its own Chromium and harness and closes them after; a worker imports
          // the app and Playwright once for all the files (a second or so of CPU a file).
          isolate: false,
        },
      },
    ],
  },
});
