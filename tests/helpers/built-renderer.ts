// The renderer bundle Electron loads, built by Vite into a folder and served over HTTP the way the
// app:// handler serves it (same path guard, same CSP header), with the HTTP bridge for its calls.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';
import type { Api } from '../../main/api/contract';
import { createBridgeMiddleware, createEventsMiddleware } from '../../main/api/http-bridge';
import type { ChangeFeed } from '../../db/changes';
import { APP_ORIGIN, mimeType, resolveAppFile } from '../../main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/csp';

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
  const server = http.createServer((req, res) =>
    events(req, res, () =>
      bridge(req, res, () => {
        const file = resolveAppFile(`${APP_ORIGIN}${req.url ?? '/'}`, outDir);
        if (!file || !fs.existsSync(file)) {
          res.writeHead(404);
          res.end();
          return;
        }
        res.writeHead(200, {
          'content-type': mimeType(file),
          'content-security-policy': CONTENT_SECURITY_POLICY,
        });
        res.end(fs.readFileSync(file));
      }),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => {
      events.close();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
