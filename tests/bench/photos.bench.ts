// Issue 15 (photos) and 30: thumbnails and previews of 12-megapixel JPEGs through the app's own
// add path, as many at a time as the app's folder import, beside sharp alone doing the same
// (issue 30: at most 1.5x per photo), and a folder of 500 (peak RSS at most 300 MB); 200 photos
// of about 4 MB from one laptop to another through the sync server over loopback (MB/s up and
// down, and an upload cut after 100 MB that resumes). Its own section, the daily sheet's PDF with
// 12 photos against the same sheet without them, in one warm Chromium (issue 30: at most 1.5x its
// time and 1.5 MB).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { openAppContext, type AppContext } from '../../main/app/app-context';
import { launchChromiumPdf } from '../../main/app/chromium-pdf';
import { runPool } from '../../renderer/src/shared/pool';
import { runChild } from './children';
import { addFolder, LANES } from './photo-folder';
import { openServer } from '../../server/index';
import { machine, ms, summary, timed, verdict } from './stats';
import { tempDir } from './temp';

const NOW = () => new Date('2023-01-28T02:00:00Z');
const PASSWORD = 'bench horse battery';
const MB = 1024 * 1024;

/** Camera-like photos made by another process into a folder (0.jpg, 1.jpg, …); returns it. */
export function cameraFolder(
  count: number,
  width: number,
  height: number,
  quality: number,
  day?: string,
) {
  const dir = tempDir();
  execFileSync(process.execPath, [
    ...['--import', 'tsx', 'tests/bench/make-photos.ts', dir],
    ...[count, width, height, quality].map(String),
    ...(day ? [day] : []),
  ]);
  return dir;
}

/** Camera-like photos made by another process; returns a reader of the n-th. */
function camera(count: number, width: number, height: number, quality: number, day?: string) {
  const dir = cameraFolder(count, width, height, quality, day);
  return (n: number) => fs.promises.readFile(path.join(dir, `${n}.jpg`));
}

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return { stop: () => (clearInterval(timer), peak) };
}

/** Adds `count` photos made one at a time (the bench never holds them all); returns their bytes. */
async function addAll(
  app: AppContext,
  projectId: string,
  count: number,
  photo: (n: number) => Promise<Buffer>,
): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const p = await photo(i);
    bytes += p.length;
    await app.api['attachments:add']({
      projectId,
      fileName: `IMG_${i}.jpg`,
      dataBase64: p.toString('base64'),
    });
  }
  return bytes;
}

/** What sharp alone takes to read the file and write the same preview and thumbnail. */
async function sharpAlone(file: string, out: string): Promise<void> {
  const bytes = await fs.promises.readFile(file);
  const { data, info } = await sharp(bytes)
    .rotate()
    .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  await Promise.all([
    sharp(data, raw).jpeg({ quality: 82 }).toFile(`${out}-preview.jpg`),
    sharp(data, raw)
      .resize({ width: 320, height: 320, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 78 })
      .toFile(`${out}-thumb.jpg`),
  ]);
}

async function thumbnails(): Promise<string> {
  const distinct = 48;
  const dir = cameraFolder(distinct, 4000, 3000, 90);
  const files = Array.from({ length: distinct }, (_, i) => path.join(dir, `${i}.jpg`));
  const size = files.reduce((n, f) => n + fs.statSync(f).size, 0) / distinct / MB;
  const out = tempDir();
  // Each side twice, alternating, on the same files; the second of each is kept.
  let floor = 0;
  let ours = 0;
  for (let round = 0; round < 2; round++) {
    [floor] = await timed(() =>
      runPool(
        files,
        LANES,
        (f) => sharpAlone(f, path.join(out, path.basename(f))),
        () => false,
      ),
    );
    const fresh = await openAppContext({
      dataDir: tempDir(),
      runtime: 'cli',
      seedDemo: true,
      now: NOW,
    });
    try {
      const id = (await fresh.api['project:get']({})).id;
      [ours] = await timed(() => addFolder(fresh, id, files, distinct));
    } finally {
      await fresh.close();
    }
  }
  const ratio = ours / floor;
  // A folder of 500, added by a laptop in a process of its own: its peak memory is the app's.
  const folder = await runChild('tests/bench/child-photo-folder.ts', [tempDir(), '500', ...files]);
  const took = folder.ms as number;
  const peak = folder.maxRssMb as number;
  return `| add a 12-megapixel JPEG (${size.toFixed(1)} MB): hash, store, EXIF, 1600 px preview and 320 px thumbnail, ${LANES} at a time (${distinct} photos) | ${ms(ours / distinct)} a photo (${(distinct / (ours / 1000)).toFixed(1)} photos/s) | ${ratio.toFixed(2)}× sharp alone reading the same files and writing the same two images, ${LANES} at a time (${ms(floor / distinct)} a photo); target ≤ 1.5×: ${verdict(ratio <= 1.5)} |
| a camera folder of 500 such photos, by a laptop in a process of its own | ${(took / 1000).toFixed(1)} s (${(500 / (took / 1000)).toFixed(1)} photos/s), ${folder.refused as number} refused | peak RSS ${peak} MB (${folder.beforeMb as number} MB with the demo open, before); target ≤ 300 MB: ${verdict(peak <= 300)} |`;
}

async function laptops() {
  const server = await openServer({ dataDir: tempDir() });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  await server.store.createUser({
    username: 'a',
    password: PASSWORD,
    memberships: [{ projectId: '*', role: 'manager' }],
  });
  await server.store.createUser({
    username: 'b',
    password: PASSWORD,
    memberships: [{ projectId: '*', role: 'engineer' }],
  });
  let cutAfter = Infinity;
  let sent = 0;
  // An upload's piece goes as a stream (its every part puts the stall timer back): counted as the
  // link takes it.
  const flaky: typeof fetch = async (input, init) => {
    if (init?.method === 'PUT' && init.body) {
      if (sent >= cutAfter) throw new TypeError('fetch failed: the connection dropped');
      const counted = (init.body as ReadableStream<Uint8Array>).pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, out) {
            sent += chunk.length;
            out.enqueue(chunk);
          },
        }),
      );
      return fetch(input, { ...init, body: counted, duplex: 'half' } as RequestInit);
    }
    return fetch(input, init);
  };
  const a = await openAppContext({
    dataDir: tempDir(),
    runtime: 'cli',
    seedDemo: true,
    now: NOW,
    fetch: flaky,
  });
  const b = await openAppContext({ dataDir: tempDir(), runtime: 'cli', now: NOW });
  const connect = (app: AppContext, username: string, publish: boolean) =>
    app.api['sync:connect']({ url, username, password: PASSWORD, deviceName: username, publish });
  await connect(a, 'a', true);
  await connect(b, 'b', false);
  // Only the bench syncs (sync:connect starts the background loop, which would race it).
  await a.sync.stop();
  await b.sync.stop();
  return {
    a,
    b,
    cut: (bytes: number) => ((cutAfter = bytes), (sent = 0)),
    sentBytes: () => sent,
    close: async () => {
      await a.close();
      await b.close();
      await server.close();
    },
  };
}

async function transfer(): Promise<string> {
  const net = await laptops();
  try {
    const { a, b } = net;
    const projectId = (await a.api['project:get']({})).id;
    const count = 200;
    const photo = camera(count, 2800, 2100, 92);
    const total = await addAll(a, projectId, count, (i) => photo(i));
    const queued = (await a.api['sync:status']({})).files.pendingUploads;
    // The connection drops after 100 MB; the next sync resumes where the server stopped.
    net.cut(100 * MB);
    const rss = rssSampler();
    const [first] = await timed(async () => {
      await a.api['sync:now']({});
      await a.sync.filesIdle();
    });
    const cutStatus = await a.api['sync:status']({});
    const beforeResume = net.sentBytes();
    net.cut(Infinity);
    const [resume] = await timed(async () => {
      await a.api['sync:now']({});
      await a.sync.filesIdle();
    });
    const resent = net.sentBytes();
    const up = first + resume;
    await b.api['sync:keep-files']({ keepAll: true });
    const [down] = await timed(async () => {
      await b.api['sync:now']({});
      await b.sync.filesIdle();
    });
    const peak = rss.stop();
    const local = (await b.api['attachments:list']({ projectId })).filter(
      (x) => x.local.original,
    ).length;
    const upBytes = beforeResume + resent;
    // The thumbnails' and previews' bytes: what went up besides the originals, sent once each.
    let small = 0;
    for (const x of await a.api['attachments:list']({ projectId }))
      for (const sha of [x.thumbSha256, x.previewSha256])
        small += (sha && (await a.blobs.size(sha))) || 0;
    const twice = upBytes - total - small;
    return [
      `| upload from laptop A: ${count} photos of ${(total / count / MB).toFixed(1)} MB (${(total / MB).toFixed(0)} MB) and their ${queued - count} thumbnails and previews (${(small / MB).toFixed(0)} MB), the connection cut after 100 MB (${cutStatus.files.error?.code ?? 'no error'}), then resumed | ${((total + small) / MB / (up / 1000)).toFixed(1)} MB/s (${ms(up)} in all) | ${(beforeResume / MB).toFixed(0)} MB before the cut, ${(resent / MB).toFixed(0)} MB after; ${(twice / MB).toFixed(1)} MB sent twice |`,
      `| download to laptop B set to keep everything: ${local} of ${count} originals with their previews and thumbnails | ${((total + small) / MB / (down / 1000)).toFixed(1)} MB/s (${ms(down)}) | peak RSS of the process (server and both laptops) ${Math.round(peak / MB)} MB |`,
    ].join('\n');
  } finally {
    await net.close();
  }
}

async function sheetPdf(): Promise<string> {
  const chromium = await launchChromiumPdf();
  const app = await openAppContext({
    dataDir: tempDir(),
    runtime: 'cli',
    seedDemo: true,
    now: NOW,
    pdfEngine: chromium.engine,
  });
  try {
    const project = await app.api['project:get']({});
    const siteDay = project.settings.demoToday!;
    const exportPdf = () =>
      app.api['sheet:export']({ projectId: project.id, siteDay, format: 'pdf', lang: 'zh-CN' });
    const runs = async () => {
      const times: number[] = [];
      for (let i = 0; i < 12; i++) {
        const [took] = await timed(exportPdf);
        if (i >= 2) times.push(took);
      }
      return summary(times);
    };
    const without = await runs();
    const photo = camera(12, 4000, 3000, 90, siteDay.replaceAll('-', ':'));
    for (let i = 0; i < 12; i++)
      await app.api['attachments:add']({
        projectId: project.id,
        fileName: `P${i}.jpg`,
        dataBase64: (await photo(i)).toString('base64'),
        caption: `照片 ${i + 1}`,
      });
    const withPhotos = await runs();
    const size = Buffer.from((await exportPdf()).dataBase64, 'base64').length;
    const ratio = withPhotos.p50 / without.p50;
    return `| the demo's sheet as PDF, warm Chromium, without photos (${without.n} runs) | p50 ${ms(without.p50)}, p95 ${ms(without.p95)} | |
| the same sheet with 12 photos of 12 MP, at their printed size | p50 ${ms(withPhotos.p50)}, p95 ${ms(withPhotos.p95)} | ${ratio.toFixed(2)}× the sheet without photos (target ≤ 1.5×: ${verdict(ratio <= 1.5)}) |
| that PDF's size | ${(size / MB).toFixed(2)} MB | target ≤ 1.5 MB: ${verdict(size <= 1.5 * MB)} |`;
  } finally {
    await app.close();
    await chromium.close();
  }
}

export async function benchPhotoSheet(): Promise<string> {
  return `## The daily sheet with photos (issue 30)

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.

The demo's sheet exported as PDF by a warm Chromium, then the same sheet after 12 camera-like
photos of 12 MP were added to the day; each export timed in one run.

| measure | figure | note |
| --- | --- | --- |
${await sheetPdf()}
`;
}

export async function benchPhotos(): Promise<string> {
  const rows = [await thumbnails(), await transfer()];
  return `## Photos and attachments (issue 15)

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.

The photos are camera-like JPEGs (a grainy frame with EXIF, each a shade brighter, so every photo,
thumbnail and preview is its own file), made beforehand by another process and read one at a time;
the sync server runs in the same process over loopback, on SQLite with its files in its data
folder.

| measure | figure | note |
| --- | --- | --- |
${rows.join('\n')}
`;
}
