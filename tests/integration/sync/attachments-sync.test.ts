// Attachments' files between two laptops through the real sync server over HTTP, on SQLite (files
// in its data folder) and on PostgreSQL (files in the database): a photo added on A reaches B with
// the same bytes, thumbnails at once and originals when opened; an identical photo is stored once;
// an upload and a download cut mid-way resume where they stopped; and the server refuses a file
// without a token, from another project, from a viewer, or with bytes that do not match its hash.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../main/app/app-context';
import { sha256Of } from '../../../db/blob-store';
import { PROTOCOL_VERSION } from '../../../main/domain/sync-protocol';
import { connect, laptop } from '../../helpers/laptops';
import { makePhoto } from '../../helpers/photos';
import { PASSWORD, SERVER_KINDS, startSyncServer } from '../../helpers/sync-server';

const NOW = () => new Date('2023-01-28T02:00:00Z');
const b64 = (b: Buffer) => b.toString('base64');

/** A 4-megapixel photo of noise: about 4 MB, so its upload takes several 1 MB pieces. */
const noisyPhoto = () =>
  sharp({
    create: {
      width: 2400,
      height: 1700,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 70 },
    },
  })
    .jpeg({ quality: 95 })
    .withExifMerge({ IFD2: { DateTimeOriginal: '2023:01:27 14:40:00' } })
    .toBuffer();

async function original(app: AppContext, attachmentId: string): Promise<Buffer> {
  const file = await app.api['attachments:file']({ attachmentId, variant: 'original' });
  return Buffer.from(file.dataBase64, 'base64');
}

async function sync(app: AppContext) {
  await app.api['sync:now']({});
  await app.sync.filesIdle();
}

describe.each(SERVER_KINDS)('attachments between laptops (%s server)', (_name, serverOptions) => {
  it('a photo added offline on A shows on B with the same bytes; the same photo is stored once', async () => {
    const { url, addUser, server } = await startSyncServer(await serverOptions());
    await addUser('li', 'manager');
    await addUser('wang', 'engineer');
    const a = await laptop({ demo: true, now: NOW });
    const projectId = (await a.api['project:get']({})).id;
    await connect(a, url, 'li', true);
    const b = await laptop({ now: NOW });
    await connect(b, url, 'wang');

    const photo = await makePhoto({ taken: '2023:01:27 10:15:00', seed: 21 });
    const added = await a.api['attachments:add']({
      projectId,
      fileName: 'trench.jpg',
      dataBase64: b64(photo),
      caption: '成槽验收',
    });
    expect((await a.api['sync:status']({})).files.pendingUploads).toBe(3);
    await sync(a);
    const status = await a.api['sync:status']({});
    expect(status.files).toEqual({
      pendingUploads: 0,
      keepAll: false,
      transfer: null,
      error: null,
    });

    await sync(b);
    const [seen] = await b.api['attachments:list']({ projectId, siteDay: '2023-01-27' });
    expect(seen).toMatchObject({ id: added.id, caption: '成槽验收', sha256: sha256Of(photo) });
    // Thumbnails come at once; the original when it is opened.
    expect(seen!.local).toEqual({ original: false, thumb: true, preview: false });
    expect(sha256Of(await original(b, added.id))).toBe(sha256Of(photo));
    expect((await b.api['attachments:list']({ projectId }))[0]!.local.original).toBe(true);

    // B adds the same photo: one row, nothing uploaded twice.
    const stored = await server.store.knex('project_blobs').count({ n: '*' }).first();
    const again = await b.api['attachments:add']({
      projectId,
      fileName: 'IMG_0001.jpg',
      dataBase64: b64(photo),
    });
    expect(again.id).toBe(added.id);
    await sync(b);
    expect(await server.store.knex('project_blobs').count({ n: '*' }).first()).toEqual(stored);
    expect((await b.api['sync:status']({})).files.pendingUploads).toBe(0);

    // A laptop set to keep everything fetches the previews and originals too, without opening them.
    const second = await a.api['attachments:add']({
      projectId,
      fileName: 'cage.jpg',
      dataBase64: b64(await makePhoto({ taken: '2023:01:27 11:00:00', seed: 22 })),
    });
    await sync(a);
    expect((await b.api['sync:keep-files']({ keepAll: true })).files.keepAll).toBe(true);
    await b.sync.filesIdle();
    await sync(b);
    const kept = (await b.api['attachments:list']({ projectId })).find((x) => x.id === second.id);
    expect(kept!.local).toEqual({ original: true, thumb: true, preview: true });
  });
});

describe('attachments sync under a bad connection', () => {
  it('resumes an upload cut mid-way, and a download cut mid-way, where they stopped', async () => {
    const { url, addUser } = await startSyncServer();
    await addUser('li', 'manager');
    await addUser('wang', 'engineer');
    const puts: string[] = [];
    let cutAfterPuts = Infinity;
    const flakyA: typeof fetch = async (input, init) => {
      const target = String(input);
      if (init?.method === 'PUT') {
        if (puts.length >= cutAfterPuts)
          throw new TypeError('fetch failed: the connection dropped');
        const u = new URL(target);
        puts.push(`${u.pathname.split('/').pop()}@${u.searchParams.get('offset')}`);
      }
      return fetch(input, init);
    };
    const a = await laptop({ demo: true, now: NOW, fetch: flakyA });
    const projectId = (await a.api['project:get']({})).id;
    await connect(a, url, 'li', true);
    const photo = await noisyPhoto();
    expect(photo.length).toBeGreaterThan(3 * 1024 * 1024);
    const added = await a.api['attachments:add']({
      projectId,
      fileName: 'pour.jpg',
      dataBase64: b64(photo),
    });

    cutAfterPuts = 2;
    await sync(a);
    const cut = await a.api['sync:status']({});
    expect(cut.files.error?.code).toBe('sync.unreachable');
    expect(cut.files.pendingUploads).toBeGreaterThan(0);
    expect(cut.pendingChanges).toBe(0); // the data went through; only the files wait
    cutAfterPuts = Infinity;
    const before = puts.length;
    await sync(a);
    expect((await a.api['sync:status']({})).files).toMatchObject({
      pendingUploads: 0,
      error: null,
    });
    // The first piece after the cut starts where the server stopped, 2 MB in, and no piece of the
    // photo went up twice.
    const MB = 1024 * 1024;
    expect(puts[before]).toBe(`${added.sha256}@${2 * MB}`);
    const pieces = puts.filter((p) => p.startsWith(added.sha256));
    expect(pieces).toEqual([0, 1, 2, 3].map((n) => `${added.sha256}@${n * MB}`));

    // B's download of the original is cut after 1.5 MB, then resumes from what it kept.
    const ranges: (string | null)[] = [];
    let cutDownload = true;
    const flakyB: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith(`/blobs/${added.sha256}`)) return response;
      ranges.push(new Headers(init?.headers).get('range'));
      if (!cutDownload) return response;
      cutDownload = false;
      const bytes = Buffer.from(await response.arrayBuffer()).subarray(0, 1_500_000);
      let pulls = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulls++ === 0) controller.enqueue(new Uint8Array(bytes));
          else controller.error(new TypeError('terminated: other side closed'));
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const b = await laptop({ now: NOW, fetch: flakyB });
    await connect(b, url, 'wang');
    await b.sync.filesIdle();
    const error = await b.api['attachments:file']({
      attachmentId: added.id,
      variant: 'original',
    }).then(
      () => null,
      (e: unknown) => e as { code: string },
    );
    expect(error?.code).toBe('sync.unreachable');
    expect(sha256Of(await original(b, added.id))).toBe(added.sha256);
    expect(ranges).toEqual([null, 'bytes=1500000-']);
  });

  it('lets the app close in the middle of an upload, which goes on at the next sync', async () => {
    const { url, addUser } = await startSyncServer();
    await addUser('li', 'manager');
    let puts = 0;
    let firstPut: () => void = () => {};
    const started = new Promise<void>((resolve) => (firstPut = resolve));
    const slow: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT') {
        puts += 1;
        firstPut();
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      return fetch(input, init);
    };
    const a = await laptop({ demo: true, now: NOW, fetch: slow });
    const projectId = (await a.api['project:get']({})).id;
    await connect(a, url, 'li', true);
    await a.sync.stop();
    await a.api['attachments:add']({
      projectId,
      fileName: 'pour.jpg',
      dataBase64: b64(await noisyPhoto()),
    });
    await a.api['sync:now']({});
    await started;
    await a.sync.stop();
    const halted = await a.api['sync:status']({});
    expect(halted.files.pendingUploads).toBeGreaterThan(0);
    expect(puts).toBeLessThan(4);
    await sync(a);
    expect((await a.api['sync:status']({})).files).toMatchObject({
      pendingUploads: 0,
      error: null,
    });
  });

  it('refuses a file without a token, from another project or a viewer, or with the wrong bytes', async () => {
    const { url, addUser, server } = await startSyncServer();
    await addUser('li', 'manager');
    const a = await laptop({ demo: true, now: NOW });
    const projectId = (await a.api['project:get']({})).id;
    await connect(a, url, 'li', true);
    const photo = await makePhoto({ taken: '2023:01:27 10:15:00', seed: 31 });
    const added = await a.api['attachments:add']({
      projectId,
      fileName: 'x.jpg',
      dataBase64: b64(photo),
    });
    await sync(a);

    const otherProject = '0190a000-0000-7000-8000-0000000000aa';
    await addUser('zhao', 'engineer', otherProject);
    await addUser('qian', 'viewer', projectId);
    const login = async (username: string) => {
      const r = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-haitai-protocol': String(PROTOCOL_VERSION),
        },
        body: JSON.stringify({ username, password: PASSWORD, device_name: 'test' }),
      });
      return ((await r.json()) as { token: string }).token;
    };
    const call = async (token: string | null, method: string, path: string, body?: Buffer) => {
      const r = await fetch(`${url}${path}`, {
        method,
        headers: {
          'x-haitai-protocol': String(PROTOCOL_VERSION),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'content-type': 'application/octet-stream' } : {}),
        },
        ...(body ? { body } : {}),
      });
      const json = r.headers.get('content-type')?.includes('json') ? await r.json() : null;
      return { status: r.status, code: (json as { error?: { code: string } } | null)?.error?.code };
    };
    const file = `/projects/${projectId}/blobs/${added.sha256}`;
    expect(await call(null, 'GET', file)).toEqual({ status: 401, code: 'auth.required' });
    const zhao = await login('zhao');
    expect(await call(zhao, 'GET', file)).toEqual({ status: 404, code: 'not_found' });
    // The same bytes uploaded to another project do not open this one's, nor the other way round.
    const other = `/projects/${otherProject}/blobs/${added.sha256}`;
    expect(await call(zhao, 'GET', other)).toEqual({ status: 404, code: 'blob.missing' });
    const qian = await login('qian');
    expect((await call(qian, 'GET', file)).status).toBe(200);
    expect(await call(qian, 'PUT', `${file}?offset=0&size=${photo.length}`, photo)).toEqual({
      status: 403,
      code: 'auth.forbidden',
    });
    const wrong = Buffer.from(photo);
    wrong.writeUInt8(wrong.readUInt8(wrong.length - 10) ^ 0xff, wrong.length - 10);
    const fake = sha256Of(Buffer.from('something else'));
    const li = await login('li');
    expect(
      await call(
        li,
        'PUT',
        `/projects/${projectId}/blobs/${fake}?offset=0&size=${wrong.length}`,
        wrong,
      ),
    ).toEqual({ status: 422, code: 'blob.mismatch' });
    expect(await call(li, 'GET', `/projects/${projectId}/blobs/${fake}`)).toEqual({
      status: 404,
      code: 'blob.missing',
    });
    // A stored file takes no more pieces.
    expect(await call(li, 'PUT', `${file}?offset=5&size=10`, Buffer.from('12345'))).toMatchObject({
      status: 200,
    });
    expect(sha256Of(await original(a, added.id))).toBe(added.sha256);
    expect(
      await server.store.knex('project_blobs').where({ sha256: fake }).first(),
    ).toBeUndefined();
  });
});
