// The server's file collector, on SQLite (files in its folder) and PostgreSQL (files in the
// database), with laptops syncing over HTTP: photos removed 31 days ago leave the project and,
// when no other project holds them, the disk; a dry run and the admin's storage view change
// nothing; nothing a live row names goes, and a new laptop still gets every live photo.
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../main/app/app-context';
import { runCli } from '../../../main/cli/index';
import { collectServerFiles } from '../../../server/file-collector';
import { captureCli } from '../../helpers/cli-capture';
import { connect, laptop, tinyProject } from '../../helpers/laptops';
import { makePhoto } from '../../helpers/photos';
import { protocolHeaders, signInDevice } from '../../helpers/protocol';
import { SERVER_KINDS, startSyncServer } from '../../helpers/sync-server';
import { tempDir } from '../../helpers/temp-dir';

const DAY = 24 * 3600_000;

async function sync(app: AppContext) {
  await app.api['sync:now']({});
  await app.sync.filesIdle();
}

const filesOf = (a: { sha256: string; thumbSha256: string | null; previewSha256: string | null }) =>
  [a.sha256, a.thumbSha256, a.previewSha256].filter((h): h is string => h !== null);

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(Buffer.from(p as Buffer));
  return Buffer.concat(parts);
}

describe.each(SERVER_KINDS)('the server collects files no row names (%s)', (_kind, options) => {
  it('removes photos removed 31 days ago, keeps live ones and another project’s', async () => {
    let shift = 0;
    const now = () => Date.now() + shift;
    const { url, addUser, server } = await startSyncServer({ ...(await options()), now });
    await addUser('li', 'manager');
    await addUser('root', 'admin');
    const a = await laptop({ now: () => new Date(now()) });
    const { projectId } = await tinyProject(a);
    await connect(a, url, 'li', true);
    const photos = [];
    for (const seed of [11, 12, 13, 14]) {
      const photo = await makePhoto({
        taken: '2023:01:27 10:15:00',
        seed,
        width: 320,
        height: 240,
      });
      photos.push({
        bytes: photo,
        row: await a.api['attachments:add']({
          projectId,
          fileName: `p${seed}.jpg`,
          dataBase64: photo.toString('base64'),
        }),
      });
    }
    await sync(a);
    for (const p of photos.slice(2)) await a.api['attachments:remove']({ attachmentId: p.row.id });
    await sync(a);
    // Another project holds the last removed photo's original (uploaded there a moment ago).
    const shared = photos[3]!.row.sha256;
    await server.store.knex('project_blobs').insert({
      project_id: 'other-project',
      sha256: shared,
      size: photos[3]!.bytes.length,
      linked_at: new Date(now() + 30 * DAY).toISOString(),
    });
    const links = async () =>
      (
        (await server.store
          .knex('project_blobs')
          .where({ project_id: projectId })
          .pluck('sha256')) as string[]
      ).sort();
    const before = await links();
    expect(before).toHaveLength(12);
    const collect = (dryRun = false) =>
      collectServerFiles(server.store.knex, server.blobs, { retentionDays: 30, dryRun, now });

    shift = 29 * DAY;
    expect((await collect()).projects.find((p) => p.projectId === projectId)).toMatchObject({
      files: 12,
      collectFiles: 0,
    });

    shift = 31 * DAY;
    const removedHashes = photos.slice(2).flatMap((p) => filesOf(p.row));
    const removedBytes = (
      await Promise.all(removedHashes.map((h) => server.blobs.size(projectId, h)))
    ).reduce<number>((n, s) => n + s!, 0);
    const dry = await collect(true);
    expect(dry.projects.find((p) => p.projectId === projectId)).toMatchObject({
      files: 12,
      collectFiles: 6,
      collectBytes: removedBytes,
    });
    // The shared original stays on disk: five files would go.
    expect([dry.removedFiles, dry.removedBytes]).toEqual([
      5,
      removedBytes - photos[3]!.bytes.length,
    ]);
    expect(await links()).toEqual(before);

    // The administrator sees the same, and nothing changes by looking.
    const admin = await signInDevice(url, 'root', 'aaaaaaaaaaaaaaa9');
    const res = await fetch(`${url}/admin/storage`, {
      headers: protocolHeaders(admin.token),
    });
    expect(res.status).toBe(200);
    const storage = (await res.json()) as {
      retention_days: number;
      projects: {
        project_id: string;
        files: number;
        file_bytes: number;
        collectable_files: number;
        collectable_bytes: number;
      }[];
    };
    expect(storage.retention_days).toBe(30);
    expect(storage.projects.find((p) => p.project_id === projectId)).toMatchObject({
      files: 12,
      collectable_files: 6,
      collectable_bytes: removedBytes,
    });
    expect(await links()).toEqual(before);

    const done = await collect();
    expect([done.removedFiles, done.removedBytes]).toEqual([dry.removedFiles, dry.removedBytes]);
    const kept = photos.slice(0, 2).flatMap((p) => filesOf(p.row));
    expect(await links()).toEqual(kept.sort());
    for (const h of removedHashes) expect(await server.blobs.size(projectId, h)).toBeNull();
    expect(await server.blobs.size('other-project', shared)).toBe(photos[3]!.bytes.length);
    expect(
      (await readAll(server.blobs.read(shared, 0, photos[3]!.bytes.length))).equals(
        photos[3]!.bytes,
      ),
    ).toBe(true);
    expect((await server.blobs.unlinkedFiles()).length).toBe(0);

    // A new laptop gets every live photo, and nothing of the removed ones is asked for.
    await addUser('wang', 'engineer');
    const b = await laptop({ now: () => new Date(now()) });
    await connect(b, url, 'wang');
    await sync(b);
    const seen = await b.api['attachments:list']({ projectId });
    expect(seen.map((s) => s.id).sort()).toEqual(
      photos
        .slice(0, 2)
        .map((p) => p.row.id)
        .sort(),
    );
    expect(seen.every((s) => s.local.thumb)).toBe(true);
    for (const p of photos.slice(0, 2)) {
      const file = await b.api['attachments:file']({ attachmentId: p.row.id, variant: 'original' });
      expect(Buffer.from(file.dataBase64, 'base64').equals(p.bytes)).toBe(true);
    }
    expect((await b.api['sync:status']({})).files.error).toBeNull();
  });
});

describe('haitai server gc', () => {
  it('lists in a dry run, then removes, over the server folder', async () => {
    const dataDir = tempDir('haitai-server-gc-');
    const { url, addUser, server } = await startSyncServer({ dataDir });
    await addUser('li', 'manager');
    const a = await laptop();
    const { projectId } = await tinyProject(a);
    await connect(a, url, 'li', true);
    const photo = await makePhoto({
      taken: '2023:01:27 10:15:00',
      seed: 15,
      width: 320,
      height: 240,
    });
    const row = await a.api['attachments:add']({
      projectId,
      fileName: 'p.jpg',
      dataBase64: photo.toString('base64'),
    });
    await sync(a);
    await a.api['attachments:remove']({ attachmentId: row.id });
    await sync(a);
    await a.close();
    await server.close();

    const run = async (...args: string[]) => {
      const cli = captureCli({ HAITAI_LANG: 'en' });
      const code = await runCli(['server', 'gc', '--data-dir', dataDir, ...args], {
        ...cli.io,
        now: () => new Date(Date.now() + 8 * DAY),
      });
      return { code, out: cli.out, err: cli.err };
    };
    const dry = await run('--dry-run', '--retention-days', '7');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`${projectId}\t3\t0.0 MB\t3 (0.0 MB)`);
    expect(dry.out.at(-1)).toMatch(/^Would remove 3 files .*retention 7 days\.$/);
    expect((await run()).out.at(-1)).toMatch(/^Removed 0 files .*retention 30 days\.$/);
    expect((await run('--retention-days', '7')).out.at(-1)).toMatch(/^Removed 3 files/);
    expect((await run('--retention-days', '7')).out).toContain(
      `Removed 0 files (0.0 MB) no project holds any more; retention 7 days.`,
    );
    const bad = await run('--retention-days', '-1');
    expect(bad.code).toBe(2);
  });
});
