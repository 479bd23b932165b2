// Every error leaves the server as the app's typed error body, with its HTTP status: never a bare
// 500 and never a stack trace.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError, HTTP_STATUS } from '../main/domain/errors';

export const fail = (reply: FastifyReply, error: AppError) =>
  reply.code(HTTP_STATUS[error.code] ?? 500).send({ ok: false, error: error.toJSON() });

export function installErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void fail(
      reply,
      new AppError('api.unknown_channel', {
        channel: `${request.method} ${request.url}`.slice(0, 120),
      }),
    );
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof AppError) return fail(reply, error);
    const status = error.statusCode ?? 500;
    if (status === 429) return fail(reply, new AppError('auth.rate_limited', {}));
    if (status >= 400 && status < 500) {
      return reply.code(status).send({
        ok: false,
        error: new AppError('input.invalid', {
          issues: [{ path: '', message: error.message }],
        }).toJSON(),
      });
    }
    request.log.error({ err: error }, 'unhandled server error');
    return fail(reply, new AppError('internal', { reason: 'server error' }));
  });
}
