// Issue 30, files that do not pile up: the server serving one 50 MB file to 10 laptops at once,
// in a process of its own (its peak memory beside the same server idle; SQLite keeps the file in
// its folder, PostgreSQL in the database); and the storage of a laptop and of the server before
// and after collecting a project where half the photos were removed 31 days ago.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openAppContext, type AppContext } from '../../main/app/app-context';
import { collectLaptopFiles } from '../../main/features/attachments/file-collector';
import { openServer } from '../../server/index';
import { collectServerFiles } from '../../server/file-collector';
import { PROTOCOL_VERSION } from '../../main/domain/sync-protocol';
import { newId } from '../../main/domain/ids';
import { PIECE_BYTES } from '../../main/sync/blob-sync';
import { startChild } from './children';
import { cameraFolder } from './photos.bench';
import { withBenchSchema } from './postgres';
import { machine, timed } from './stats';
import { tempDir } from './temp';

const PASSWORD = 'bench horse battery';
const MB = 1024 * 1024;
const DAY = 24 * 3600_000;

/** A server holding one 50 MB file in a published project, with a manager to fetch it. */
async function serverWithBigFile(where: { dataDir: string } | { databaseUrl: string }) {
  const server = await openServer(where);
  const projectId = newId();
  try {
    const userId = await server.store.createUser({
      username: 'a',
      password: PASSWORD,
      memberships: [{ projectId: '*', role: 'manager' }],
    });
    await server.store.publish(projectId, userId);
    const bytes = randomBytes(50 * MB);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // In the pieces a laptop uploads.
    for (let at = 0; at < bytes.length; at += PIECE_BYTES)
      await server.blobs.append(projectId, sha256, at, bytes.subarray(at, at + PIECE_BYTES));
    if ((await server.blobs.complete(projectId, sha256, bytes.length)) !== 'stored')
      throw new Error('the 50 MB file was not stored');
    return { projectId, sha256, size: bytes.length };
  } finally {
    await server.close();
  }
}

async function signIn(url: string, device: number): Promise<string> {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: 'a',
      password: PASSWORD,
      device_name: `laptop ${device}`,
      client_id: `${String(device).padStart(2, '0')}aaaaaaaaaaaaaa`,
    }),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Downloads the file as a laptop does, reading as it arrives; checks its hash. */
async function download(url: string, token: string, file: { projectId: string; sha256: string }) {
  const res = await fetch(`${url}/projects/${file.projectId}/blobs/${file.sha256}`, {
    headers: { authorization: `Bearer ${token}`, 'x-haitai-protocol': String(PROTOCOL_VERSION) },
  });
  if (res.status !== 200 || !res.body) throw new Error(`download: ${res.status}`);
  const hash = createHash('sha256');
  for await (const chunk of res.body) hash.update(chunk as Uint8Array);
  if (hash.digest('hex') !== file.sha256) throw new Error('the download does not match its hash');
}

async function serving(kind: string, where: string): Promise<string> {
  const file = await serverWithBigFile(
    where.startsWith('postgres') ? { databaseUrl: where } : { dataDir: where },
  );
  // The same server idle: signed in to, serving nothing.
  const idle = startChild('tests/bench/child-server.ts', [where]);
  const idleUrl = (await idle.next()).url as string;
  for (let i = 0; i < 10; i++) await signIn(idleUrl, i);
  const idlePeak = (await idle.stop()).maxRssMb as number;

  const child = startChild('tests/bench/child-server.ts', [where]);
  const url = (await child.next()).url as string;
  const tokens: string[] = [];
  for (let i = 0; i < 10; i++) tokens.push(await signIn(url, i));
  const [took] = await timed(() => Promise.all(tokens.map((t) => download(url, t, file))));
  const peak = (await child.stop()).maxRssMb as number;
  const rate = (10 * file.size) / MB / (took / 1000);
  return `| ${kind}: one 50 MB file to 10 laptops at once (each read whole and hash-checked) | ${(took / 1000).toFixed(1)} s (${rate.toFixed(0)} MB/s in all) | server peak RSS ${peak} MB; the same server idle after 10 sign-ins: ${idlePeak} MB |`;
}

const folderBytes = (dir: string): number => {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  return total;
};

async function collecting(): Promise<string> {
  const count = 200;
  const photos = cameraFolder(count, 2000, 1500, 88);
  let shift = 0;
  const now = () => Date.now() + shift;
  const serverDir = tempDir();
  const server = await openServer({ dataDir: serverDir, now });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  await server.store.createUser({
    username: 'a',
    password: PASSWORD,
    memberships: [{ projectId: '*', role: 'manager' }],
  });
  const dataDir = tempDir();
  const app: AppContext = await openAppContext({
    dataDir,
    runtime: 'cli',
    seedDemo: true,
    now: () => new Date(now()),
  });
  try {
    const projectId = (await app.api['project:get']({})).id;
    await app.api['sync:connect']({
      url,
      username: 'a',
      password: PASSWORD,
      deviceName: 'a',
      publish: true,
    });
    await app.sync.stop();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const bytes = await fs.promises.readFile(path.join(photos, `${i}.jpg`));
      const added = await app.api['attachments:add']({
        projectId,
        fileName: `${i}.jpg`,
        dataBase64: bytes.toString('base64'),
      });
      ids.push(added.id);
    }
    const sync = async () => {
      await app.api['sync:now']({});
      await app.sync.filesIdle();
    };
    await sync();
    for (const id of ids.slice(0, count / 2))
      await app.api['attachments:remove']({ attachmentId: id });
    await sync();
    shift = 31 * DAY;
    const laptopFiles = path.join(dataDir, 'attachments');
    const serverFiles = path.join(serverDir, 'blobs');
    const before = { laptop: folderBytes(laptopFiles), server: folderBytes(serverFiles) };
    const [laptopMs, onLaptop] = await timed(() =>
      collectLaptopFiles({ db: app.db, blobs: app.blobs, dataDir }, { now: new Date(now()) }),
    );
    const [serverMs, onServer] = await timed(() =>
      collectServerFiles(server.store.knex, server.blobs, { retentionDays: 30, now }),
    );
    const after = { laptop: folderBytes(laptopFiles), server: folderBytes(serverFiles) };
    const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;
    return `| a laptop's files, ${count} photos of which ${count / 2} removed 31 days ago (originals, previews, thumbnails) | ${mb(before.laptop)} → ${mb(after.laptop)} | ${onLaptop.collectFiles} files removed in ${(laptopMs / 1000).toFixed(2)} s |
| the server's files for the same project (SQLite, its folder) | ${mb(before.server)} → ${mb(after.server)} | ${onServer.removedFiles} files removed in ${(serverMs / 1000).toFixed(2)} s |`;
  } finally {
    await app.close();
    await server.close();
  }
}

export async function benchFiles(): Promise<string> {
  const rows = [
    await serving('SQLite server', tempDir()),
    await withBenchSchema((url) => serving('PostgreSQL server (files in the database)', url)),
    await collecting(),
  ];
  const at = new Date().toISOString().slice(0, 16).replace('T', ' ');
  return `## Files that do not pile up (issue 30)

Run ${at} UTC on ${machine()}.

The sync server in a process of its own serves one 50 MB file (stored in the 1 MB pieces laptops
upload) to 10 clients at once, each reading it whole as a laptop does and checking its hash; its
peak RSS is beside the same server's after only the sign-ins. Then a laptop with the demo adds 200
camera-like photos, syncs, removes half of them and syncs again; the clock moves on 31 days and
both collectors run (retention 30 days).

| what | time / storage | figures |
| --- | --- | --- |
${rows.join('\n')}
`;
}
