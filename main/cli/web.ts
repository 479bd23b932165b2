// The browser harness: Vite serves the real renderer, and the HTTP bridge answers /api/* from a
// real database. For development (`npm run dev:web`) and the end-to-end tests; never shipped.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createBridgeMiddleware } from '../api/http-bridge';
import { openAppContext, type AppContext } from '../services/app-context';
import type { PdfEngine } from '../export/pdf';
import { launchChromiumPdf, type ChromiumPdf } from './chromium-pdf';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Harness {
  url: string;
  context: AppContext;
  close(): Promise<void>;
}

export async function startHarness(options: {
  dataDir: string;
  port?: number;
  seedDemo?: boolean;
  onUnexpected?: (error: unknown) => void;
}): Promise<Harness> {
  const { createServer } = await import('vite');
  // PDF through Debian's Chromium, started on the first export and kept warm.
  let chromium: Promise<ChromiumPdf> | null = null;
  const pdfEngine: PdfEngine = async (html, footer) =>
    (await (chromium ??= launchChromiumPdf())).engine(html, footer);
  const context = await openAppContext({
    dataDir: options.dataDir,
    runtime: 'browser-harness',
    pdfEngine,
    seedDemo: options.seedDemo ?? true,
    startSync: true,
  });
  const bridge = createBridgeMiddleware(
    context.api,
    options.onUnexpected ?? ((e) => console.error('[bridge]', e)),
  );
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
          vite.middlewares.use(bridge);
        },
      },
    ],
  });
  await server.listen();
  const address = server.httpServer?.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    context,
    close: async () => {
      await server.close();
      // Vite drops open sockets on close; let the requests already inside finish first.
      await bridge.drain();
      await context.close();
      if (chromium) await (await chromium).close();
    },
  };
}
