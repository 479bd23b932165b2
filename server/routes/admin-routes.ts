// Administration: creating users with their memberships, revoking a device.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../main/domain/errors';
import { idSchema } from '../../main/domain/ids';
import { ROLES } from '../../main/domain/sync-protocol';
import { parseOrThrow as parse } from '../../main/domain/validation';
import { authorizeAdmin } from '../authorize';
import { collectServerFiles } from '../file-collector';
import type { RouteDeps } from './route-deps';

export function adminRoutes(
  api: FastifyInstance,
  { store, blobs, authorize, now, fileRetentionDays }: RouteDeps,
): void {
  // Each project's storage: its log, its files, and what the collector would remove now.
  api.get('/admin/storage', async (request) => {
    await authorizeAdmin(authorize, request);
    const usage = await store.usage();
    const collection = await collectServerFiles(store.knex, blobs, {
      retentionDays: fileRetentionDays,
      dryRun: true,
      now,
    });
    return {
      quota_bytes: store.quotaBytes,
      retention_days: fileRetentionDays,
      projects: usage.map((u) => {
        const files = collection.projects.find((p) => p.projectId === u.projectId);
        return {
          project_id: u.projectId,
          log_bytes: u.logBytes,
          file_bytes: u.fileBytes,
          files: files?.files ?? 0,
          collectable_files: files?.collectFiles ?? 0,
          collectable_bytes: files?.collectBytes ?? 0,
        };
      }),
    };
  });

  api.post('/admin/users', async (request) => {
    await authorizeAdmin(authorize, request);
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
    await authorizeAdmin(authorize, request);
    const { deviceId } = parse(z.object({ deviceId: idSchema }).strict(), request.params, 'params');
    if (!(await store.revokeDevice(deviceId)))
      throw new AppError('not_found', { entity: 'device', id: deviceId });
    return { revoked: true };
  });
}
