// The browser harness: Vite serves the real renderer, and the HTTP bridge answers /api/* from a
// real database. For development (`npm run dev:web`) and the end-to-end tests; never shipped.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createBridgeMiddleware, createEventsMiddleware } from '../api/http-bridge';
import type { AppContext } from '../app/app-context';
import { openAppHost, type AppHost } from '../app/app-host';
import type { PdfEngine } from '../export/pdf';
import { launchChromiumPdf, type ChromiumPdf } from '../app/chromium-pdf';
import { APP_ORIGIN, mimeType, resolveAppFile } from '../electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../electron/csp';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Harness {
  url: string;
  host: AppHost;
  /** The running app (throws in recovery mode). */
  readonly context: AppContext;
  close(): Promise<void>;
}

export async function startHarness(options: {
  dataDir: string;
  port?: number;
  seedDemo?: boolean;
  /** Scheduled local backups, as in the app (0: none, the default for tests). */
  backupEveryMs?: number;
  onUnexpected?: (error: unknown) => void;
  /**
   * A renderer already built by Vite (`vite build`): served from this folder as the app:// handler
   * serves it, instead of by a Vite dev server (the e2e tests build it once per run).
   */
  rendererDir?: string;
}): Promise<Harness> {
  // PDF through Debian's Chromium, started on the first export and kept warm.
  let chromium: Promise<ChromiumPdf> | null = null;
  const pdfEngine: PdfEngine = async (html, footer) =>
    (await (chromium ??= launchChromiumPdf())).engine(html, footer);
  const host = await openAppHost({
    dataDir: options.dataDir,
    runtime: 'browser-harness',
    pdfEngine,
    seedDemo: options.seedDemo ?? true,
    startSync: true,
    backupEveryMs: options.backupEveryMs ?? 0,
  });
  const bridge = createBridgeMiddleware(
    host.api,
    options.onUnexpected ?? ((e) => console.error('[bridge]', e)),
  );
  const events = createEventsMiddleware(host.changes);
  const served = options.rendererDir
    ? await serveBuiltRenderer(options.rendererDir, bridge, events, options.port)
    : await serveWithVite(bridge, events, options.port);
  return {
    url: served.url,
    host,
    get context() {
      const running = host.context();
      if (!running) throw new Error('the app is in recovery mode');
      return running;
    },
    close: async () => {
      events.close();
      await served.close();
      // The server drops open sockets on close; let the requests already inside finish first.
      await bridge.drain();
      await host.close();
      if (chromium) await (await chromium).close();
    },
  };
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

/** The renderer's source through a Vite dev server, the bridge and the change feed beside it. */
async function serveWithVite(
  bridge: Handler,
  events: Handler,
  port: number | undefined,
): Promise<{ url: string; close: () => Promise<void> }> {
  const { createServer } = await import('vite');
  const server = await createServer({
    configFile: path.join(projectRoot, 'vite.config.ts'),
    root: path.join(projectRoot, 'renderer'),
    logLevel: 'warn',
    clearScreen: false,
    server: {
      host: '127.0.0.1',
      port: port ?? 0,
      strictPort: port !== undefined,
      hmr: false,
    },
    plugins: [
      {
        name: 'haitai-http-bridge',
        configureServer: (vite) => {
          vite.middlewares.use(events);
          vite.middlewares.use(bridge);
        },
      },
    ],
  });
  await server.listen();
  const address = server.httpServer?.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

/** A built renderer, as the app:// handler serves it (path guard, CSP), with the bridge. */
export async function serveBuiltRenderer(
  dir: string,
  bridge: Handler,
  events: Handler,
  port: number | undefined,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) =>
    events(req, res, () =>
      bridge(req, res, () => {
        const file = resolveAppFile(`${APP_ORIGIN}${req.url ?? '/'}`, dir);
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
  await new Promise<void>((resolve) => server.listen(port ?? 0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
