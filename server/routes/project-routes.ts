// A project's log: push, pull, snapshot, a client's acknowledged position, and live events.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../main/domain/errors';
import { idSchema } from '../../main/domain/ids';
import {
  clientIdSchema,
  pullQuerySchema,
  pushRequestSchema,
  snapshotQuerySchema,
  type Role,
} from '../../main/domain/sync-protocol';
import { parseOrThrow as parse } from '../../main/domain/validation';
import { projectParam } from '../authorize';
import type { RouteDeps } from './route-deps';

// Who may push at all; each change is then judged by the writer's role (roles.ts): a supervisor's
// push carries their signatures and nothing else.
const WRITERS: Role[] = ['engineer', 'manager', 'admin', 'supervisor'];
const MANAGERS: Role[] = ['manager', 'admin'];

export function projectRoutes(
  api: FastifyInstance,
  { store, authorize, notifier }: RouteDeps,
): void {
  // Publishing is a manager's act: before it, the server holds nothing of the project and takes
  // no change for it. The server records who published it and when.
  api.post('/projects/:projectId/publish', async (request) => {
    const projectId = projectParam(request);
    const { auth } = await authorize(request, projectId, MANAGERS);
    await store.publish(projectId, auth.userId);
    const publication = (await store.publication(projectId))!;
    return { published_by: publication.publishedBy, published_at: publication.publishedAt };
  });

  api.post('/projects/:projectId/push', async (request) => {
    const projectId = projectParam(request);
    const { auth, role } = await authorize(request, projectId, WRITERS);
    const body = parse(pushRequestSchema, request.body, 'body');
    // A device pushes as itself: under the one client id bound to it, never another's.
    await store.bindClient(auth, body.client_id);
    if (!(await store.publication(projectId)))
      throw new AppError('sync.not_published', { projectId });
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

  api.get('/projects/:projectId/snapshot', async (request, reply) => {
    const projectId = projectParam(request);
    await authorize(request, projectId);
    const query = parse(snapshotQuerySchema, request.query, 'query');
    if (query.format === 'rows')
      return store.snapshot(projectId, query.as_of, query.cursor, query.limit);
    const text = await store.snapshotColumns(projectId, query.as_of, query.cursor, query.limit);
    return reply.type('application/json; charset=utf-8').send(text);
  });

  api.get('/projects/:projectId/clients/:clientId', async (request) => {
    const params = parse(
      z.object({ projectId: idSchema, clientId: clientIdSchema }).strict(),
      request.params,
      'params',
    );
    const { auth } = await authorize(request, params.projectId);
    // A device reads only its own counter (another's would tell which op ids it sends next).
    await store.bindClient(auth, params.clientId);
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
}
