// Issue 26, item 9: an upload under way belongs to its project and hash. Another project's member
// can neither see how far it got nor break it with bytes of his own; an upload abandoned for a day
// is removed when the server starts (and every hour). On SQLite (a folder) and PostgreSQL.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Of } from '../../../db/blob-store';
import { newId } from '../../../main/domain/ids';
import { PROTOCOL_VERSION } from '../../../main/domain/sync-protocol';
import { signInDevice, type Device } from '../../helpers/protocol';
import { SERVER_KINDS, startSyncServer } from '../../helpers/sync-server';
import { tempDir } from '../../helpers/temp-dir';

async function blobCall(
  url: string,
  device: Device,
  method: 'GET' | 'PUT',
  projectId: string,
  sha256: string,
  suffix = '',
  body?: Buffer,
): Promise<{ status: number; json: Record<string, unknown> | null; bytes: Buffer }> {
  const res = await fetch(`${url}/projects/${projectId}/blobs/${sha256}${suffix}`, {
    method,
    headers: {
      'x-haitai-protocol': String(PROTOCOL_VERSION),
      authorization: `Bearer ${device.token}`,
      ...(body ? { 'content-type': 'application/octet-stream' } : {}),
    },
    ...(body ? { body } : {}),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = res.headers.get('content-type')?.includes('json')
    ? (JSON.parse(bytes.toString('utf8')) as Record<string, unknown>)
    : null;
  return { status: res.status, json, bytes };
}

describe.each(SERVER_KINDS)('a file from a %s server', (_kind, options) => {
  it('comes whole or from where a download stopped, across the pieces it was stored in', async () => {
    const s = await startSyncServer({ ...(await options()), dataDir: tempDir() });
    const project = newId();
    await s.addUser('e1', 'engineer', project);
    const e1 = await signInDevice(s.url, 'e1', 'e1e1e1e1e1e1e1e1');
    // Three pieces of up to 4 MB (the largest a piece may be): 9 MB in all.
    const file = randomBytes(9 * 1024 * 1024);
    const hash = sha256Of(file);
    for (let at = 0; at < file.length; at += 4 * 1024 * 1024) {
      const piece = file.subarray(at, at + 4 * 1024 * 1024);
      const sent = await blobCall(
        s.url,
        e1,
        'PUT',
        project,
        hash,
        `?offset=${at}&size=${file.length}`,
        piece,
      );
      expect(sent.status).toBe(200);
    }
    const whole = await blobCall(s.url, e1, 'GET', project, hash);
    expect(whole.status).toBe(200);
    expect(whole.bytes.equals(file)).toBe(true);
    // From the middle of the second piece on.
    const from = 5_000_000;
    const res = await fetch(`${s.url}/projects/${project}/blobs/${hash}`, {
      headers: {
        'x-haitai-protocol': String(PROTOCOL_VERSION),
        authorization: `Bearer ${e1.token}`,
        range: `bytes=${from}-`,
      },
    });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-length')).toBe(String(file.length - from));
    expect(res.headers.get('content-range')).toBe(
      `bytes ${from}-${file.length - 1}/${file.length}`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(file.subarray(from))).toBe(true);
  });
});

describe.each(SERVER_KINDS)('uploads under way on a %s server', (kind, options) => {
  it('are each project’s own, and abandoned ones are removed after a day', async () => {
    const serverOptions = { ...(await options()), dataDir: tempDir() };
    let s = await startSyncServer(serverOptions);
    const [p1, p2] = [newId(), newId()];
    await s.addUser('e1', 'engineer', p1);
    await s.addUser('e2', 'engineer', p2);
    const e1 = await signInDevice(s.url, 'e1', 'e1e1e1e1e1e1e1e1');
    const e2 = await signInDevice(s.url, 'e2', 'e2e2e2e2e2e2e2e2');
    const file = randomBytes(64 * 1024);
    const hash = sha256Of(file);
    const half = file.length / 2;
    const put = (d: Device, project: string, offset: number, piece: Buffer, sha = hash) =>
      blobCall(s.url, d, 'PUT', project, sha, `?offset=${offset}&size=${file.length}`, piece);
    const status = (d: Device, project: string, sha = hash) =>
      blobCall(s.url, d, 'GET', project, sha, '/status');

    expect((await put(e1, p1, 0, file.subarray(0, half))).json).toEqual({
      have: half,
      complete: false,
    });
    // Another project sees none of it, and its own bytes land in its own upload.
    expect((await status(e2, p2)).json).toEqual({ have: 0, complete: false });
    const resumed = await put(e2, p2, half, file.subarray(half));
    expect(resumed.status).toBe(409);
    expect(resumed.json).toMatchObject({ error: { code: 'blob.offset', details: { have: 0 } } });
    const junk = await put(e2, p2, 0, randomBytes(file.length));
    expect(junk.json).toMatchObject({ error: { code: 'blob.mismatch' } });
    // The first project's upload goes on where it stopped, whole and right.
    expect((await status(e1, p1)).json).toEqual({ have: half, complete: false });
    expect((await put(e1, p1, half, file.subarray(half))).json).toEqual({
      have: file.length,
      complete: true,
    });
    expect((await blobCall(s.url, e1, 'GET', p1, hash)).bytes.equals(file)).toBe(true);
    expect((await blobCall(s.url, e2, 'GET', p2, hash)).json).toMatchObject({
      error: { code: 'blob.missing' },
    });

    // An upload abandoned for more than a day is gone after the server's next start.
    const other = randomBytes(32 * 1024);
    const otherHash = sha256Of(other);
    await put(e1, p1, 0, other.subarray(0, 1000), otherHash);
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    if (kind === 'SQLite') {
      const part = path.join(
        serverOptions.dataDir,
        'blobs',
        otherHash.slice(0, 2),
        `${otherHash}.${p1}.part`,
      );
      await fs.utimes(part, dayAgo, dayAgo);
    } else {
      await s.server.store
        .knex('blob_files')
        .where({ key: `${p1}/${otherHash}` })
        .update({ touched_at: dayAgo.toISOString() });
    }
    await s.server.close();
    s = await startSyncServer(serverOptions);
    const again = await signInDevice(s.url, 'e1', 'e1e1e1e1e1e1e1e1');
    await expect
      .poll(async () => (await status(again, p1, otherHash)).json, { timeout: 10_000 })
      .toEqual({ have: 0, complete: false });
    // The finished file stays.
    expect((await blobCall(s.url, again, 'GET', p1, hash)).bytes.equals(file)).toBe(true);
  });
});
