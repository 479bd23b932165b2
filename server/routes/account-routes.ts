// Health, signing a device in, and who the caller is.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../main/domain/errors';
import { loginRequestSchema, type LoginResponse } from '../../main/domain/sync-protocol';
import { parseOrThrow as parse } from '../../main/domain/validation';
import { APP_VERSION } from '../../main/domain/version';
import type { RouteDeps } from './route-deps';

/** At most `max` takes per key in each window of `ms` (a fixed window, in memory). */
class AttemptWindow {
  private readonly counts = new Map<string, { n: number; since: number }>();
  constructor(
    private readonly max: number,
    private readonly ms: number,
    private readonly now: () => number,
  ) {}

  take(key: string): boolean {
    const t = this.now();
    const entry = this.counts.get(key);
    if (!entry || t - entry.since >= this.ms) {
      if (this.counts.size > 10_000) this.counts.clear();
      this.counts.set(key, { n: 1, since: t });
      return true;
    }
    entry.n += 1;
    return entry.n <= this.max;
  }
}

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

  // Sign-in is limited per address and user name (after the body is parsed, so the name is
  // known), and per address whatever the names: one person's failures never lock another's
  // correct password out. Behind a reverse proxy the address is the forwarded one, when the
  // operator says which proxies to trust (--trust-proxy). Failures per account are slowed down and
  // logged; a correct password is answered at once.
  const perAddress = new AttemptWindow(loginPerMinute * 10, 60_000, now);
  const failures = new Map<string, { count: number; at: number }>();
  api.post(
    '/auth/login',
    {
      config: {
        rateLimit: {
          max: loginPerMinute,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request: FastifyRequest) =>
            `${request.ip}|${String((request.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
        },
      },
    },
    async (request): Promise<LoginResponse> => {
      if (!perAddress.take(request.ip)) throw new AppError('auth.rate_limited', {});
      const body = parse(loginRequestSchema, request.body, 'body');
      const account = body.username.toLowerCase();
      let result;
      try {
        result = await store.login({
          username: body.username,
          password: body.password,
          deviceName: body.device_name,
          clientId: body.client_id,
          previousToken: body.previous_token,
        });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'auth.invalid') throw error;
        const last = failures.get(account);
        const count = last && now() - last.at < 15 * 60_000 ? last.count + 1 : 1;
        failures.set(account, { count, at: now() });
        request.log.warn({ user: body.username, failures: count }, 'failed sign-in');
        await new Promise((resolve) => setTimeout(resolve, Math.min(25 * 2 ** (count - 1), 500)));
        throw error;
      }
      failures.delete(account);
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

  // A laptop asks for a new token now and then; the one it holds stays good until it uses the new.
  api.post('/auth/rotate', async (request) => {
    const { auth } = await authorize(request, null);
    return { token: await store.rotateToken(auth) };
  });

  // Signing out ends this device's token (and frees the laptop for another user).
  api.post('/auth/signout', async (request) => {
    const { auth } = await authorize(request, null);
    await store.revokeDevice(auth.deviceId);
    return { signed_out: true };
  });

  api.get('/me', async (request) => {
    const { auth } = await authorize(request, null);
    return {
      user: { id: auth.userId, username: auth.username, display_name: auth.displayName },
      projects: await store.memberships(auth.userId),
      visible: await store.projects(auth.userId),
    };
  });
}
