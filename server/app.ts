// The sync server's HTTP API (fastify). Every data endpoint is authenticated by a device token,
// role-checked and scoped to one project; every error leaves as the app's typed error body.
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { localNotifier, type ChangeNotifier } from './notifier';
import { createAuthorizer } from './authorize';
import { installErrorHandlers } from './errors';
import { accountRoutes } from './routes/account-routes';
import { adminRoutes } from './routes/admin-routes';
import { projectRoutes } from './routes/project-routes';
import { blobRoutes } from './routes/blob-routes';
import type { ServerBlobs } from './blobs';
import type { RouteDeps } from './routes/route-deps';
import type { AuthContext, ServerStore } from './store';
import { DEFAULT_FILE_RETENTION_DAYS } from '../main/domain/file-retention';

export interface ServerOptions {
  store: ServerStore;
  /** Where attachments' files are kept (server/blobs.ts). */
  blobs: ServerBlobs;
  /** Tells laptops of new changes (NOTIFY/LISTEN across processes on PostgreSQL). */
  notifier?: ChangeNotifier;
  /** Log requests (pino); a stream receives the lines instead of stdout. */
  logger?: boolean | NodeJS.WritableStream;
  /** Login attempts allowed per minute per address and user name. */
  loginPerMinute?: number;
  /** The server's clock (tests move it). */
  now?: () => number;
  /** The reverse proxies whose X-Forwarded-For names the client's address (none by default). */
  trustProxy?: string[];
  /** Days a file no row names is kept (default 30). */
  fileRetentionDays?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: AuthContext;
  }
}

export function buildServer({
  store,
  blobs,
  logger = false,
  loginPerMinute = 10,
  notifier = localNotifier(),
  now = Date.now,
  trustProxy,
  fileRetentionDays = DEFAULT_FILE_RETENTION_DAYS,
}: ServerOptions): FastifyInstance {
  const app = Fastify({
    ...(trustProxy ? { trustProxy } : {}),
    forceCloseConnections: true,
    logger: logger
      ? {
          redact: ['req.headers.authorization', 'body.password'],
          ...(typeof logger === 'object' ? { stream: logger } : {}),
        }
      : false,
    bodyLimit: 8 * 1024 * 1024,
  });

  installErrorHandlers(app);
  const deps: RouteDeps = {
    store,
    blobs,
    authorize: createAuthorizer(store),
    notifier,
    loginPerMinute,
    now,
    fileRetentionDays,
  };
  void app.register(rateLimit, { global: false });
  // Routes are a plugin registered after the rate limiter, so its per-route limits apply.
  void app.register(async (api) => {
    accountRoutes(api, deps);
    projectRoutes(api, deps);
    adminRoutes(api, deps);
  });
  // Files in their own scope, where octet-stream bodies are parsed (pieces of at most 4 MB).
  void app.register(async (api) => blobRoutes(api, deps));
  return app;
}
