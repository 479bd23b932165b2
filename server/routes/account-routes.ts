// Health, signing a device in, and who the caller is.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loginRequestSchema, type LoginResponse } from '../../main/domain/sync-protocol';
import { parseOrThrow as parse } from '../../main/domain/validation';
import { APP_VERSION } from '../../main/domain/version';
import type { RouteDeps } from './route-deps';

export function accountRoutes(
  api: FastifyInstance,
  { store, authorize, loginPerMinute, now }: RouteDeps,
): void {
  api.get('/health', async () => ({
    status: 'ok',
    version: APP_VERSION,
    epoch: store.epoch,
    server_time: now(),
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
        clientId: body.client_id,
      });
      request.log.info({ user: result.user.username, device: result.deviceId }, 'device signed in');
      return {
        token: result.token,
        device_id: result.deviceId,
        user: {
          id: result.user.userId,
          username: result.user.username,
          display_name: result.user.displayName,
        },
        projects: result.projects,
        server_time: now(),
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
}
