// The laptop's file collector over a real data folder: a removed photo's files go once the
// retention has passed since its removal, never before; a live photo's files, and those a backup's
// rows name, always stay; a dry run removes nothing; a backup it cannot read stops it; the
// command line says what it did.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../main/app/app-context';
import { runCli } from '../../../main/cli/index';
import { openAppHost } from '../../../main/app/app-host';
import {
  collectLaptopFiles,
  lastCollection,
} from '../../../main/features/attachments/file-collector';
import { captureCli } from '../../helpers/cli-capture';
import { expectAppError } from '../../helpers/expect-app-error';
import { laptop } from '../../helpers/laptops';
import { makePhoto } from '../../helpers/photos';
import { tempDir } from '../../helpers/temp-dir';

const DAY = 24 * 3600_000;

/** The laptop's clock: the wall clock moved on by `days` (files' times are the wall clock's). */
function movableClock() {
  let days = 0;
  return {
    now: () => new Date(Date.now() + days * DAY),
    advance: (d: number) => {
      days += d;
    },
  };
}

async function addPhoto(app: AppContext, projectId: string, seed: number) {
  const photo = await makePhoto({ taken: '2023:01:27 10:15:00', seed, width: 320, height: 240 });
  return app.api['attachments:add']({
    projectId,
    fileName: `p${seed}.jpg`,
    dataBase64: photo.toString('base64'),
  });
}

const filesOf = (a: { sha256: string; thumbSha256: string | null; previewSha256: string | null }) =>
  [a.sha256, a.thumbSha256, a.previewSha256].filter((h): h is string => h !== null);

async function present(app: AppContext, hashes: string[]): Promise<boolean[]> {
  return Promise.all(hashes.map((h) => app.blobs.has(h)));
}

describe('the laptop collects files no row needs', () => {
  it('removes a removed photo’s files after the retention, keeps live ones and a backup’s', async () => {
    const clock = movableClock();
    const dataDir = tempDir('haitai-gc-');
    const app = await laptop({ demo: true, dataDir, now: clock.now });
    const projectId = (await app.api['project:get']({})).id;
    const kept = await addPhoto(app, projectId, 1);
    const inBackup = await addPhoto(app, projectId, 3);
    await app.api['backups:create']({});
    const removed = await addPhoto(app, projectId, 2);
    await app.api['attachments:remove']({ attachmentId: removed.id });
    await app.api['attachments:remove']({ attachmentId: inBackup.id });
    // A partial download of a file nothing names, and one of a live photo's original.
    const stray = 'e'.repeat(64);
    await app.blobs.append(stray, 0, Buffer.from('half a file'));
    expect(await app.blobs.partialSize(stray)).toBe(11);

    const collect = (dryRun = false) =>
      collectLaptopFiles({ db: app.db, blobs: app.blobs, dataDir }, { dryRun, now: clock.now() });

    clock.advance(29);
    expect((await collect()).collectFiles).toBe(0);
    expect(await present(app, filesOf(removed))).toEqual([true, true, true]);

    clock.advance(2);
    const dry = await collect(true);
    expect(dry).toMatchObject({ dryRun: true, collectFiles: 4, backupsRead: 1 });
    expect(dry.collected.map((c) => c.sha256).sort()).toEqual([...filesOf(removed), stray].sort());
    expect(await present(app, filesOf(removed))).toEqual([true, true, true]);

    const done = await collect();
    expect(done).toMatchObject({ dryRun: false, collectFiles: 4, files: 10 });
    expect(done.collectBytes).toBe(dry.collectBytes);
    expect(await present(app, filesOf(removed))).toEqual([false, false, false]);
    expect(await app.blobs.partialSize(stray)).toBe(0);
    expect(await present(app, filesOf(kept))).toEqual([true, true, true]);
    expect(await present(app, filesOf(inBackup))).toEqual([true, true, true]);
    // The removed photo's uploads are no longer waiting; the live ones still are.
    const pending = (await app.db('pending_uploads').pluck('sha256')) as string[];
    expect(pending.sort()).toEqual([...filesOf(kept), ...filesOf(inBackup)].sort());

    // Added again (its row comes back): its files are stored again and stay.
    const back = await addPhoto(app, projectId, 2);
    expect(back.id).toBe(removed.id);
    clock.advance(40);
    await collect();
    expect(await present(app, filesOf(back))).toEqual([true, true, true]);
  });

  it('the app collects by itself once a day, in the background', async () => {
    const clock = movableClock();
    const dataDir = tempDir('haitai-gc-host-');
    const app = await laptop({ demo: true, dataDir, now: clock.now });
    const projectId = (await app.api['project:get']({})).id;
    const removed = await addPhoto(app, projectId, 6);
    await app.api['attachments:remove']({ attachmentId: removed.id });
    await app.close();
    const open = () =>
      openAppHost({ dataDir, runtime: 'test', now: clock.now, collectFilesEveryMs: DAY });

    clock.advance(31);
    // Closing waits for the collection the opening started.
    await (await open()).close();
    const reopened = await laptop({ dataDir, now: clock.now });
    expect(await present(reopened, filesOf(removed))).toEqual([false, false, false]);
    const ranAt = await lastCollection(reopened.db);
    expect(ranAt! - Date.now()).toBeGreaterThan(30 * DAY);
    // Within the day it does not run again (a file nothing names, written 31 days "ago", stays).
    const stray = 'd'.repeat(64);
    await reopened.blobs.put(Buffer.from('stray'), stray);
    await reopened.close();
    clock.advance(0.5);
    await (await open()).close();
    const again = await laptop({ dataDir, now: clock.now });
    expect(await again.blobs.has(stray)).toBe(true);
    expect(await lastCollection(again.db)).toBe(ranAt);
    await again.close();
  });

  it('removes nothing when a backup cannot be read', async () => {
    const clock = movableClock();
    const dataDir = tempDir('haitai-gc-');
    const app = await laptop({ demo: true, dataDir, now: clock.now });
    const projectId = (await app.api['project:get']({})).id;
    const removed = await addPhoto(app, projectId, 4);
    await app.api['attachments:remove']({ attachmentId: removed.id });
    const broken = path.join(dataDir, 'backups', 'haitai-20270101-000000-000-manual.sqlite');
    fs.mkdirSync(path.dirname(broken), { recursive: true });
    fs.writeFileSync(broken, 'not a database at all, but named like a backup');
    clock.advance(31);
    await expectAppError(
      collectLaptopFiles({ db: app.db, blobs: app.blobs, dataDir }, { now: clock.now() }),
      'files.backup_unreadable',
    );
    expect(await present(app, filesOf(removed))).toEqual([true, true, true]);
  });

  it('haitai gc: a dry run lists, a run removes, the retention is remembered, a bad one refused', async () => {
    const dataDir = tempDir('haitai-gc-cli-');
    const app = await laptop({ demo: true, dataDir });
    const projectId = (await app.api['project:get']({})).id;
    const removed = await addPhoto(app, projectId, 5);
    await app.api['attachments:remove']({ attachmentId: removed.id });
    await app.close();
    const later = new Date(Date.now() + 8 * DAY);
    const run = async (...args: string[]) => {
      const cli = captureCli();
      const code = await runCli([...args, '--data-dir', dataDir], {
        ...cli.io,
        now: () => later,
      });
      return { code, out: cli.out, err: cli.err };
    };

    const dry = await run('gc', '--dry-run', '--retention-days', '7');
    expect(dry.code).toBe(0);
    expect(dry.out.at(-1)).toMatch(/^Would remove 3 of 3 files .*retention 7 days/);
    expect(
      dry.out
        .slice(0, 3)
        .map((l) => l.split('\t')[0])
        .sort(),
    ).toEqual(filesOf(removed).sort());
    // A dry run remembers nothing: the default 30 days keep everything.
    expect((await run('gc')).out.at(-1)).toMatch(/^Removed 0 of 3 files .*retention 30 days/);
    expect((await run('gc', '--retention-days', '7')).out.at(-1)).toMatch(/^Removed 3 of 3/);
    const reopened = await laptop({ dataDir });
    expect(await present(reopened, filesOf(removed))).toEqual([false, false, false]);
    await reopened.close();

    const bad = await run('gc', '--retention-days', '0');
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toContain('--retention-days');
  });
});
