// Token, protocol version, project role: every data endpoint goes through here.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../main/domain/errors';
import { idSchema } from '../main/domain/ids';
import { MIN_PROTOCOL_VERSION, ROLES, type Role } from '../main/domain/sync-protocol';
import { parseOrThrow } from '../main/domain/validation';
import type { AuthContext, ServerStore } from './store';

export type Authorize = (
  request: FastifyRequest,
  projectId: string | null,
  allowed?: readonly Role[],
) => Promise<{ auth: AuthContext; role: Role }>;

export function createAuthorizer(store: ServerStore): Authorize {
  return async function authorize(
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
  };
}

export const projectParam = (request: FastifyRequest) =>
  parseOrThrow(z.object({ projectId: idSchema }).strict(), request.params, 'params').projectId;

/** An administrator's request; anyone else is refused. */
export async function authorizeAdmin(authorize: Authorize, request: FastifyRequest) {
  const { auth } = await authorize(request, null);
  if (!auth.isAdmin) throw new AppError('auth.forbidden', { role: 'not admin' });
  return auth;
}
