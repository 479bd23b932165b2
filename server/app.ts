// The sync server's HTTP API (fastify). Every data endpoint is authenticated by a device token,
// role-checked and scoped to one project; every error leaves as the app's typed error body.
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, HTTP_STATUS } from '../main/domain/errors';
import { parseOrThrow } from '../main/domain/validation';
import { idSchema } from '../main/domain/ids';
import {
  clientIdSchema,
  loginRequestSchema,
  MIN_PROTOCOL_VERSION,
  pullQuerySchema,
  pushRequestSchema,
  ROLES,
  snapshotQuerySchema,
  type LoginResponse,
  type Role,
} from '../main/domain/sync-protocol';
import { APP_VERSION } from '../main/domain/version';
import { localNotifier, type ChangeNotifier } from './notifier';
import type { AuthContext, ServerStore } from './store';

export interface ServerOptions {
  store: ServerStore;
  /** Tells laptops of new changes (NOTIFY/LISTEN across processes on PostgreSQL). */
  notifier?: ChangeNotifier;
  /** Log requests (pino); a stream receives the lines instead of stdout. */
  logger?: boolean | NodeJS.WritableStream;
  /** Login attempts allowed per minute per address and user name. */
  loginPerMinute?: number;
}

const WRITERS: Role[] = ['engineer', 'manager', 'admin'];

const parse = parseOrThrow;

declare module 'fastify' {
  interface FastifyRequest {
    auth?: AuthContext;
  }
}

export function buildServer({
  store,
  logger = false,
  loginPerMinute = 10,
  notifier = localNotifier(),
}: ServerOptions): FastifyInstance {
  const app = Fastify({
    forceCloseConnections: true,
    logger: logger
      ? {
          redact: ['req.headers.authorization', 'body.password'],
          ...(typeof logger === 'object' ? { stream: logger } : {}),
        }
      : false,
    bodyLimit: 8 * 1024 * 1024,
  });

  const fail = (reply: FastifyReply, error: AppError) =>
    reply.code(HTTP_STATUS[error.code] ?? 500).send({ ok: false, error: error.toJSON() });

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

  /** Token, protocol version, project role: every data endpoint goes through here. */
  async function authorize(
    request: FastifyRequest,
    projectId: string | null,
    allowed: readonly Role[] = ROLES,
  ): Promise<{ auth: AuthContext; role: Role }> {
    const protocol = Number(request.headers['x-haitai-protocol'] ?? 0);
    if (!(protocol >= MIN_PROTOCOL_VERSION))
      throw new AppError('sync.client_too_old', { protocol, min: MIN_PROTOCOL_VERSION });
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new AppError('auth.required', {});
    const auth = await store.authenticate(token);
    if (!auth) throw new AppError('auth.invalid', {});
    if (projectId === null) return { auth, role: auth.isAdmin ? 'admin' : 'viewer' };
    const role = await store.roleFor(auth.userId, projectId);
    // A project a user is not a member of does not exist for them.
    if (!role) throw new AppError('not_found', { entity: 'project', id: projectId });
    if (!allowed.includes(role)) throw new AppError('auth.forbidden', { role });
    return { auth, role };
  }

  const projectParam = (request: FastifyRequest) =>
    parse(z.object({ projectId: idSchema }).strict(), request.params, 'params').projectId;

  void app.register(rateLimit, { global: false });

  // Routes are a plugin registered after the rate limiter, so its per-route limits apply.
  void app.register(async (api) => {
    api.get('/health', async () => ({
      status: 'ok',
      version: APP_VERSION,
      epoch: store.epoch,
      server_time: Date.now(),
    }));

    api.post(
      '/auth/login',
      {
        config: {
          rateLimit: {
            max: loginPerMinute,
            timeWindow: '1 minute',
            keyGenerator: (request: FastifyRequest) =>
              `${request.ip}|${String((request.body as { username?: unknown } | undefined)?.username ?? '')}`,
          },
        },
      },
      async (request): Promise<LoginResponse> => {
        const body = parse(loginRequestSchema, request.body, 'body');
        const result = await store.login({
          username: body.username,
          password: body.password,
          deviceName: body.device_name,
        });
        request.log.info(
          { user: result.user.username, device: result.deviceId },
          'device signed in',
        );
        return {
          token: result.token,
          device_id: result.deviceId,
          user: {
            id: result.user.userId,
            username: result.user.username,
            display_name: result.user.displayName,
          },
          projects: result.projects,
          server_time: Date.now(),
        };
      },
    );

    api.get('/me', async (request) => {
      const { auth } = await authorize(request, null);
      return {
        user: { id: auth.userId, username: auth.username, display_name: auth.displayName },
        projects: await store.memberships(auth.userId),
        visible: await store.projects(auth.userId),
      };
    });

    api.post('/projects/:projectId/push', async (request) => {
      const projectId = projectParam(request);
      const { auth, role } = await authorize(request, projectId, WRITERS);
      const body = parse(pushRequestSchema, request.body, 'body');
      const result = await store.push({
        projectId,
        auth,
        role,
        clientId: body.client_id,
        changes: body.changes,
      });
      if (result.acked.length)
        await notifier
          .publish(projectId, result.max_seq)
          .catch((error: unknown) => request.log.warn({ err: error }, 'notify failed'));
      return result;
    });

    api.get('/projects/:projectId/changes', async (request) => {
      const projectId = projectParam(request);
      await authorize(request, projectId);
      const query = parse(pullQuerySchema, request.query, 'query');
      return store.pull(projectId, query.since, query.limit);
    });

    api.get('/projects/:projectId/snapshot', async (request) => {
      const projectId = projectParam(request);
      await authorize(request, projectId);
      const query = parse(snapshotQuerySchema, request.query, 'query');
      return store.snapshot(projectId, query.as_of, query.cursor, query.limit);
    });

    api.get('/projects/:projectId/clients/:clientId', async (request) => {
      const params = parse(
        z.object({ projectId: idSchema, clientId: clientIdSchema }).strict(),
        request.params,
        'params',
      );
      await authorize(request, params.projectId);
      return store.clientState(params.projectId, params.clientId);
    });

    // Server-sent events: one line per append to the project, so laptops pull at once.
    api.get('/projects/:projectId/events', async (request, reply) => {
      const projectId = projectParam(request);
      await authorize(request, projectId);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      const send = (maxSeq: number) => res.write(`event: changes\ndata: {"max_seq":${maxSeq}}\n\n`);
      send(await store.maxSeq());
      const unsubscribe = notifier.subscribe(projectId, send);
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      request.raw.on('close', () => {
        clearInterval(ping);
        unsubscribe();
      });
    });

    api.post('/admin/users', async (request) => {
      const { auth } = await authorize(request, null);
      if (!auth.isAdmin) throw new AppError('auth.forbidden', { role: 'not admin' });
      const body = parse(
        z
          .object({
            username: z
              .string()
              .trim()
              .min(1)
              .max(64)
              .regex(/^[\w.@-]+$/),
            password: z.string().min(8).max(256),
            display_name: z.string().trim().min(1).max(100).optional(),
            memberships: z
              .array(
                z
                  .object({ project_id: z.union([idSchema, z.literal('*')]), role: z.enum(ROLES) })
                  .strict(),
              )
              .max(100)
              .default([]),
          })
          .strict(),
        request.body,
        'body',
      );
      const id = await store.createUser({
        username: body.username,
        password: body.password,
        ...(body.display_name ? { displayName: body.display_name } : {}),
        memberships: body.memberships.map((m) => ({ projectId: m.project_id, role: m.role })),
      });
      return { id };
    });

    api.post('/admin/devices/:deviceId/revoke', async (request) => {
      const { auth } = await authorize(request, null);
      if (!auth.isAdmin) throw new AppError('auth.forbidden', { role: 'not admin' });
      const { deviceId } = parse(
        z.object({ deviceId: idSchema }).strict(),
        request.params,
        'params',
      );
      if (!(await store.revokeDevice(deviceId)))
        throw new AppError('not_found', { entity: 'device', id: deviceId });
      return { revoked: true };
    });
  });

  return app;
}
