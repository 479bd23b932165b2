import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../../main/domain/version';
import { startSyncServer } from '../../helpers/sync-server';

describe('the sync server', () => {
  it('answers health over real HTTP', async () => {
    const { url, server } = await startSyncServer();
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      version: APP_VERSION,
      epoch: server.store.epoch,
    });
  });

  it('answers unknown routes and malformed bodies with a typed 4xx, never a bare 500', async () => {
    const { url } = await startSyncServer();
    const missing = await fetch(`${url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      ok: false,
      error: { code: 'api.unknown_channel' },
    });
    const malformed = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  });
});
