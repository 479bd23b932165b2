import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../server/app';
import { APP_VERSION } from '../../../main/services/version';

let server: FastifyInstance | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(): Promise<string> {
  server = buildServer();
  return server.listen({ host: '127.0.0.1', port: 0 });
}

describe('the sync server', () => {
  it('answers health over real HTTP', async () => {
    const base = await start();
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: APP_VERSION });
  });

  it('answers unknown routes and malformed bodies with a typed 4xx, never a bare 500', async () => {
    const base = await start();
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      ok: false,
      error: { code: 'api.unknown_channel' },
    });
    const malformed = await fetch(`${base}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
    expect(await malformed.json()).toMatchObject({ ok: false });
  });
});
