// The sync server. For now it answers health checks; push, pull and snapshot come with sync.
// Every error leaves as the same typed body the app uses: { ok: false, error: { code, ... } }.
import Fastify, { type FastifyInstance } from 'fastify';
import { AppError } from '../main/domain/errors';
import { APP_VERSION } from '../main/services/version';

export interface ServerOptions {
  logger?: boolean;
}

export function buildServer(options: ServerOptions = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });

  app.get('/health', async () => ({ status: 'ok', version: APP_VERSION }));

  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({
      ok: false,
      error: new AppError('api.unknown_channel', {
        channel: `${request.method} ${request.url}`.slice(0, 120),
      }).toJSON(),
    });
  });

  app.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 500;
    if (status === 500) request.log.error({ err: error }, 'unhandled server error');
    const appError =
      status === 500
        ? new AppError('internal', { reason: 'server error' })
        : new AppError('input.invalid', {
            issues: [{ path: '', message: error.message ?? 'bad request' }],
          });
    void reply.code(status).send({ ok: false, error: appError.toJSON() });
  });

  return app;
}
