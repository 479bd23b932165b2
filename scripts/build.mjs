// Builds the desktop app into out/: main and preload with esbuild (CommonJS, as Electron loads
// them), the renderer with Vite. knex and the database drivers stay external (DESIGN.md pitfalls).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { preloadBuildOptions } from './preload-build.mjs';

const external = [
  'electron',
  // Only parse-off-thread.ts run from source bundles its worker with esbuild.
  'esbuild',
  'knex',
  'sqlite3',
  'pg',
  'pg-native',
  'pg-query-stream',
  'better-sqlite3',
  'mysql',
  'mysql2',
  'oracledb',
  'tedious',
  // Native, with its libvips binaries in @img/sharp-<platform> (unpacked from the asar).
  'sharp',
];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  external,
  logLevel: 'warning',
};

await esbuild({
  ...common,
  entryPoints: ['main/electron/main.ts'],
  outfile: 'out/main/index.cjs',
  // parse-off-thread.ts reaches for import.meta only when run from source; built, it loads the
  // worker bundle below from __dirname.
  logOverride: { 'empty-import-meta': 'silent' },
});
// Users' files are parsed on a worker thread from this bundle (main/features/off-thread).
await esbuild({
  ...common,
  entryPoints: ['main/features/off-thread/parse-worker.ts'],
  outfile: 'out/main/parse-worker.cjs',
});
// A sandboxed preload may require only 'electron' and a few polyfilled modules: bundle the rest.
await esbuild({ ...(await preloadBuildOptions(common)), outfile: 'out/preload/index.cjs' });
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('Built out/main, out/preload and out/renderer.');
