// The collectors never delete a file a live row names, under random sequences of adding, removing,
// adding again (the row comes back), backing up, syncing and the clock moving on, on two laptops
// and the real server over HTTP. After each collection: every file the collecting side had that a
// live row there names (on a laptop, also any row of its backups) is still there. At the end, once
// both laptops have synced: every live photo's original and thumbnail open on both; then, with
// every photo removed and the retention passed, nothing of the project is left on the server and
// nothing but what a backup names on a laptop.
// The retention is 2 days here (the rule is the same at 30) so that the clock moves a few days at
// a time, well inside a device token's 30 days of idleness.
// A failure prints its seed: FILE_PROPERTY_SEED=… [FILE_PROPERTY_PATH=…] re-runs it, and
// FILE_PROPERTY_RUNS=… runs more cases.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../main/app/app-context';
import { fileHashesIn } from '../../../db/backup';
import { sha256Of } from '../../../db/blob-store';
import { naturalId } from '../../../main/domain/natural-keys';
import { collectLaptopFiles } from '../../../main/features/attachments/file-collector';
import { listBackupInfo } from '../../../main/features/backups/backup-service';
import { collectServerFiles } from '../../../server/file-collector';
import { connect, laptop, tinyProject } from '../../helpers/laptops';
import { makePhoto } from '../../helpers/photos';
import { startSyncServer, type TestServer } from '../../helpers/sync-server';

const DAY = 24 * 3600_000;
const RETENTION_DAYS = 2;
const PHOTOS = 4;

type Op =
  | { k: 'add' | 'remove'; l: number; i: number }
  | { k: 'sync' | 'backup' | 'gcLaptop'; l: number }
  | { k: 'advance'; days: number }
  | { k: 'gcServer' };

const laptopIndex = fc.integer({ min: 0, max: 1 });
const photoIndex = fc.integer({ min: 0, max: PHOTOS - 1 });
const edit = fc.oneof(
  fc.record({
    k: fc.constantFrom('add' as const, 'remove' as const),
    l: laptopIndex,
    i: photoIndex,
  }),
  fc.record({ k: fc.constantFrom('sync' as const, 'backup' as const), l: laptopIndex }),
);
/** The clock moves on a day or past the retention, and then some collectors run. */
const collect = fc
  .tuple(
    fc.constantFrom(1, RETENTION_DAYS + 1),
    fc.subarray<Op>([{ k: 'gcServer' }, { k: 'gcLaptop', l: 0 }, { k: 'gcLaptop', l: 1 }], {
      minLength: 1,
    }),
  )
  .map(([days, gcs]): Op[] => [{ k: 'advance', days }, ...gcs]);
/** Rounds of a few edits and syncs, then time passing and collections. */
const ops: fc.Arbitrary<Op[]> = fc
  .array(fc.tuple(fc.array(edit, { minLength: 1, maxLength: 5 }), collect), {
    minLength: 1,
    maxLength: 4,
  })
  .map((rounds) => rounds.flatMap(([edits, gcs]) => [...edits, ...gcs]));

/** The clock of the server and every laptop: the wall clock moved on, never back. */
let shift = 0;
const now = () => Date.now() + shift;

async function sync(app: AppContext) {
  await app.api['sync:now']({});
  await app.sync.filesIdle();
}

/** Files the laptop's live rows or any of its backups' rows name. */
async function neededOnLaptop(app: AppContext): Promise<Set<string>> {
  const needed = new Set<string>();
  const rows = (await app.db('attachments').whereNull('deleted_at')) as Record<
    string,
    string | null
  >[];
  for (const r of rows)
    for (const h of [r.sha256, r.thumb_sha256, r.preview_sha256]) if (h) needed.add(h);
  for (const b of listBackupInfo(app.info.dataDir))
    for (const h of await fileHashesIn(b.file)) needed.add(h);
  return needed;
}

/** The (project, file) pairs the server's live attachment rows name. */
async function neededOnServer(server: TestServer): Promise<Set<string>> {
  const cells = (await server.server.store
    .knex('cells')
    .where({ tbl: 'attachments' })
    .select('project_id', 'row_id', 'col', 'value')) as Record<string, string | null>[];
  const deleted = new Set(
    cells
      .filter((c) => c.col === 'deleted_at' && c.value !== null && c.value !== 'null')
      .map((c) => `${c.project_id}/${c.row_id}`),
  );
  const needed = new Set<string>();
  for (const c of cells)
    if (
      ['sha256', 'thumb_sha256', 'preview_sha256'].includes(c.col!) &&
      c.value &&
      c.value !== 'null'
    )
      if (!deleted.has(`${c.project_id}/${c.row_id}`))
        needed.add(`${c.project_id}/${JSON.parse(c.value) as string}`);
  return needed;
}

async function runCase(server: TestServer, photos: Buffer[], ops: Op[]): Promise<void> {
  const laptops = [
    await laptop({ now: () => new Date(now()) }),
    await laptop({ now: () => new Date(now()) }),
  ];
  const [a, b] = laptops as [AppContext, AppContext];
  const { projectId } = await tinyProject(a);
  await connect(a, server.url, 'mgr', true);
  await connect(b, server.url, 'eng', false, projectId);
  await sync(b);
  const ids = photos.map((p) => naturalId(projectId, 'attachments', [sha256Of(p)]));

  const runOp = async (o: Op) => {
    const app = 'l' in o ? laptops[o.l]! : null;
    switch (o.k) {
      case 'add':
        await app!.api['attachments:add']({
          projectId,
          fileName: `p${o.i}.jpg`,
          dataBase64: photos[o.i]!.toString('base64'),
        });
        break;
      case 'remove': {
        const live = await app!
          .db('attachments')
          .where({ id: ids[o.i] })
          .whereNull('deleted_at')
          .first('id');
        if (live) await app!.api['attachments:remove']({ attachmentId: ids[o.i]! });
        break;
      }
      case 'sync':
        await sync(app!);
        break;
      case 'backup':
        await app!.api['backups:create']({});
        break;
      case 'advance':
        shift += o.days * DAY;
        break;
      case 'gcLaptop': {
        const before = new Set<string>();
        for (const h of await neededOnLaptop(app!)) if (await app!.blobs.has(h)) before.add(h);
        await collectLaptopFiles(
          { db: app!.db, blobs: app!.blobs, dataDir: app!.info.dataDir },
          { retentionDays: RETENTION_DAYS, now: new Date(now()) },
        );
        for (const h of before)
          expect(await app!.blobs.has(h), `laptop ${o.l} lost ${h}`).toBe(true);
        break;
      }
      case 'gcServer': {
        const needed = await neededOnServer(server);
        const held = new Set<string>();
        for (const key of needed) {
          const [project, sha] = key.split('/') as [string, string];
          if ((await server.server.blobs.size(project, sha)) !== null) held.add(key);
        }
        await collectServerFiles(server.server.store.knex, server.server.blobs, {
          retentionDays: RETENTION_DAYS,
          now,
        });
        for (const key of held) {
          const [project, sha] = key.split('/') as [string, string];
          expect(await server.server.blobs.size(project, sha), `server lost ${key}`).not.toBeNull();
        }
        break;
      }
    }
  };
  for (const o of ops) await runOp(o);

  for (const app of [a, b, a, b]) await sync(app);
  for (const [l, app] of laptops.entries()) {
    for (const row of await app.api['attachments:list']({ projectId })) {
      for (const variant of ['thumb', 'original'] as const) {
        const file = await app.api['attachments:file']({ attachmentId: row.id, variant });
        expect(file.dataBase64.length, `laptop ${l} ${variant} of ${row.fileName}`).toBeGreaterThan(
          0,
        );
      }
    }
  }

  // Then every photo is removed, and once the retention has passed the collectors leave nothing
  // of this project on the server, and on each laptop only what its backups name.
  for (const [i, id] of ids.entries())
    if (await a.db('attachments').where({ id }).whereNull('deleted_at').first('id'))
      await runOp({ k: 'remove', l: 0, i });
  await sync(a);
  await sync(b);
  shift += (RETENTION_DAYS + 1) * DAY;
  await runOp({ k: 'gcServer' });
  await runOp({ k: 'gcLaptop', l: 0 });
  await runOp({ k: 'gcLaptop', l: 1 });
  expect(await server.server.store.knex('project_blobs').where({ project_id: projectId })).toEqual(
    [],
  );
  for (const app of laptops) {
    const kept = await neededOnLaptop(app);
    for await (const entry of app.blobs.entries()) expect(kept.has(entry.sha256)).toBe(true);
    await app.close();
  }
}

describe('the file collectors under random sequences', () => {
  let server: TestServer;
  const photos: Buffer[] = [];
  beforeAll(async () => {
    server = await startSyncServer({ now });
    await server.addUser('mgr', 'manager');
    await server.addUser('eng', 'engineer');
    for (let i = 0; i < PHOTOS; i++)
      photos.push(
        await makePhoto({ taken: '2023:01:27 10:15:00', seed: 40 + i, width: 160, height: 120 }),
      );
  });

  const runs = Number(process.env.FILE_PROPERTY_RUNS ?? 6);
  const seed = process.env.FILE_PROPERTY_SEED
    ? Number(process.env.FILE_PROPERTY_SEED)
    : (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const path = process.env.FILE_PROPERTY_PATH;

  it(
    `never removes a file a live row or a backup names (${runs} cases)`,
    async () => {
      console.log(`file collectors: ${runs} cases, FILE_PROPERTY_SEED=${seed}`);
      await fc.assert(
        fc.asyncProperty(ops, (case_) => runCase(server, photos, case_)),
        { numRuns: runs, endOnFailure: true, seed, ...(path ? { path } : {}) },
      );
    },
    runs * 20_000,
  );
});
