// The renderer bundle Electron loads, built by Vite into a folder and served over HTTP the way the
// app:// handler serves it (same path guard, same CSP header), with the HTTP bridge for its calls.
import { build } from 'vite';
import type { Api } from '../../main/api/contract';
import { createBridgeMiddleware, createEventsMiddleware } from '../../main/api/http-bridge';
import type { ChangeFeed } from '../../db/changes';
import { serveBuiltRenderer } from '../../main/harness/browser-harness';

export async function buildRenderer(outDir: string): Promise<void> {
  // Vite builds for NODE_ENV when it is set, and vitest sets it to "test": React's development
  // build, not the production one Electron loads (`npm run build`).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: 'vite.config.ts',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

export async function serveRenderer(
  outDir: string,
  api: Api,
  changes?: Pick<ChangeFeed, 'subscribe'>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const bridge = createBridgeMiddleware(api);
  const events = createEventsMiddleware(changes ?? { subscribe: () => () => {} });
  const served = await serveBuiltRenderer(outDir, bridge, events, undefined);
  return {
    url: `${served.url}/`,
    close: async () => {
      events.close();
      await served.close();
    },
  };
}
