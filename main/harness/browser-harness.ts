// The browser harness: Vite serves the real renderer, and the HTTP bridge answers /api/* from a
// real database. For development (`npm run dev:web`) and the end-to-end tests; never shipped.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createBridgeMiddleware, createEventsMiddleware } from '../api/http-bridge';
import type { AppContext } from '../app/app-context';
import { openAppHost, type AppHost } from '../app/app-host';
import type { PdfEngine } from '../export/pdf';
import { launchChromiumPdf, type ChromiumPdf } from '../app/chromium-pdf';

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
}): Promise<Harness> {
  const { createServer } = await import('vite');
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
  const server = await createServer({
    configFile: path.join(projectRoot, 'vite.config.ts'),
    root: path.join(projectRoot, 'renderer'),
    logLevel: 'warn',
    clearScreen: false,
    server: {
      host: '127.0.0.1',
      port: options.port ?? 0,
      strictPort: options.port !== undefined,
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
  return {
    url: `http://127.0.0.1:${address.port}`,
    host,
    get context() {
      const running = host.context();
      if (!running) throw new Error('the app is in recovery mode');
      return running;
    },
    close: async () => {
      events.close();
      await server.close();
      // Vite drops open sockets on close; let the requests already inside finish first.
      await bridge.drain();
      await host.close();
      if (chromium) await (await chromium).close();
    },
  };
}
