// The preload's esbuild options. A sandboxed preload may require only 'electron' and a few
// polyfilled modules, so everything is bundled; and main/api/channels.ts is replaced by the channel
// names computed here from the features' contracts, so the bundle holds the allowlist without zod
// and the schemas (about 2 kB instead of 750 kB).
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The contract's channel names, by bundling main/api/contract.ts and reading its keys. */
export async function channelNames() {
  const result = await build({
    entryPoints: [path.join(root, 'main/api/contract.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  const module = { exports: {} };
  const load = new Function('module', 'exports', 'require', result.outputFiles[0].text);
  load(module, module.exports, createRequire(import.meta.url));
  return Object.keys(module.exports.contract);
}

export async function preloadBuildOptions(common) {
  const names = await channelNames();
  const guard = path.join(root, 'main/api/channel-guard.ts');
  return {
    ...common,
    entryPoints: [path.join(root, 'main/electron/preload.ts')],
    plugins: [
      {
        name: 'channel-names',
        setup(b) {
          b.onResolve({ filter: /\/api\/channels$/ }, () => ({
            path: 'channels',
            namespace: 'channel-names',
          }));
          b.onLoad({ filter: /.*/, namespace: 'channel-names' }, () => ({
            contents:
              `import { channelGuard } from ${JSON.stringify(guard)};\n` +
              `export const { CHANNELS, isChannel } = channelGuard(${JSON.stringify(names)});\n`,
            loader: 'ts',
            resolveDir: root,
          }));
        },
      },
    ],
  };
}
