import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one on this 2-core machine, so the
    // integration files ran one after another while most of them wait on HTTP, SQLite's fsync or
    // PostgreSQL. Three workers keep both cores busy (the e2e project stays one file at a time).
    maxWorkers: 3,
    projects: [
      {
        test: {
          // Pure rules and the tree's own checks (dependency rules, documents, the preload's
          // bundle): milliseconds each; half a minute is a hang even on a busy CI machine.
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/helpers/cleanup-setup.ts'],
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
          execArgv: ['--cpu-prof', '--cpu-prof-dir=/tmp/prof/e2e'],
        },
      },
    ],
  },
});
