import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BRIDGE_BODY_LIMIT, createBridgeMiddleware } from '../../../main/api/http-bridge';
import { sha256Of } from '../../../db/blob-store';
import { bridgeJson } from '../../../main/domain/bridge-json';
import { makePhoto } from '../../helpers/photos';
import { demoApp } from '../../helpers/app';
import { dbChecksum } from '../../helpers/db-checksum';
import { demoIds } from '../../helpers/demo-ids';

const servers: http.Server[] = [];
afterEach(async () => {
  while (servers.length) {
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
  }
});

async function startBridge() {
  const app = await demoApp();
  const bridge = createBridgeMiddleware(app.api);
  const server = http.createServer((req, res) =>
    bridge(req, res, () => {
      res.writeHead(418);
      res.end('not the bridge');
    }),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { app, base };
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/**
 * A JSON body of `bytes` bytes, streamed from one reused megabyte: the limit's 72 MB as one string,
 * then its UTF-8 copy, cost a worker that had run other files tens of seconds of collection.
 */
function oversized(bytes: number): RequestInit {
  const head = Buffer.from('{"projectId":"');
  const piece = Buffer.alloc(1024 * 1024, 'x');
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const next = sent === 0 ? head : piece.subarray(0, Math.min(piece.length, bytes - sent));
      controller.enqueue(next);
      sent += next.length;
    },
  });
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit;
}

describe('the HTTP bridge', () => {
  it('carries a photo as bytes, as IPC does, and refuses one given twice or not at all', async () => {
    const { app, base } = await startBridge();
    const projectId = (await app.api['project:get']({})).id;
    const photo = await makePhoto({
      taken: '2023:01:27 10:15:00',
      seed: 77,
      width: 320,
      height: 240,
    });
    const res = await fetch(
      `${base}/api/attachments:add`,
      json(bridgeJson({ projectId, fileName: 'a.jpg', bytes: new Uint8Array(photo) })),
    );
    const body = (await res.json()) as { ok: boolean; value: { sha256: string } };
    expect([res.status, body.ok]).toEqual([200, true]);
    expect(body.value.sha256).toBe(sha256Of(photo));

    const before = await dbChecksum(app.db);
    const b64 = photo.toString('base64');
    for (const input of [
      { projectId, fileName: 'b.jpg', bytes: new Uint8Array(photo), dataBase64: b64 },
      { projectId, fileName: 'c.jpg' },
      { projectId, fileName: 'd.jpg', bytes: { $bytes: 42 } },
    ]) {
      const refused = await fetch(`${base}/api/attachments:add`, json(bridgeJson(input)));
      const answer = (await refused.json()) as { error: { code: string } };
      expect([refused.status, answer.error.code]).toEqual([400, 'input.invalid']);
    }
    expect(await dbChecksum(app.db)).toBe(before);
  });

  it('answers a channel with the same envelope as IPC', async () => {
    const { app, base } = await startBridge();
    const res = await fetch(`${base}/api/project:get`, json({}));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; value: { id: string } };
    expect(body.ok).toBe(true);
    expect(body.value).toEqual(await app.api['project:get']({}));
  });

  it('refuses bad requests with a typed error and changes nothing', async () => {
    const { app, base } = await startBridge();
    const before = await dbChecksum(app.db);
    const cases: [string, RequestInit, number, string][] = [
      ['/api/project:get', { method: 'GET' }, 405, 'input.invalid'],
      [
        '/api/project:get',
        { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' },
        415,
        'input.invalid',
      ],
      ['/api/project:get', json('{"projectId":'), 400, 'input.invalid'],
      ['/api/panels:get', json({ panelId: 1 }), 400, 'input.invalid'],
      ['/api/panels:drop', json({}), 404, 'api.unknown_channel'],
      [
        '/api/project:get',
        json({}, { origin: 'https://evil.example' }),
        403,
        'api.untrusted_sender',
      ],
      ['/api/project:get', oversized(BRIDGE_BODY_LIMIT + 10), 413, 'input.invalid'],
      [
        '/api/panels:get',
        json({ panelId: '01890a5d-ac96-774b-bcce-b302099a8057' }),
        404,
        'not_found',
      ],
    ];
    for (const [path, init, status, code] of cases) {
      const res = await fetch(`${base}${path}`, init);
      expect(res.status, `${init.method} ${path}`).toBe(status);
      const body = (await res.json()) as { ok: boolean; error: { code: string } };
      expect(body).toMatchObject({ ok: false, error: { code } });
    }
    expect(await dbChecksum(app.db)).toBe(before);
  });

  it('answers a refusal of the domain with a 4xx, not a server fault', async () => {
    const { app, base } = await startBridge();
    const ids = await demoIds(app);
    const before = await dbChecksum(app.db);
    // Concreting a panel whose guide wall is all there is: a stage out of order.
    const res = await fetch(
      `${base}/api/stages:record`,
      json({
        panelId: ids.notStarted[0]!.id,
        stage: 'concreting',
        siteDay: ids.asOf,
        shift: 'day',
        teamId: null,
        measurements: { concreteVolumeM3: 280 },
        notes: null,
      }),
    );
    const body = (await res.json()) as { ok: boolean; error: { code: string } };
    expect(body.error.code).toMatch(/^stage\./);
    expect(res.status).toBe(409);
    expect(await dbChecksum(app.db)).toBe(before);
  });

  it('leaves other paths to the next handler (Vite)', async () => {
    const { base } = await startBridge();
    expect((await fetch(`${base}/index.html`)).status).toBe(418);
  });
});
