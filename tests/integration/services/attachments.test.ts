// Photos and files on one laptop, through the API as the window calls it: placed on their site day
// by EXIF (or the file's time, said so), turned upright, shrunk to a thumbnail and a preview,
// stored once by their hash beside the database (never in it), edited and removed; and every bad
// file refused with a reason and nothing changed.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../../main/app/app-context';
import { addAttachment } from '../../../main/features/attachments/attachment-service';
import { dbChecksum } from '../../helpers/db-checksum';
import { demoIds } from '../../helpers/demo-ids';
import { describeError } from '../../../main/domain/i18n/translate';
import { expectAppError } from '../../helpers/expect-app-error';
import { makePhoto, pixelBomb } from '../../helpers/photos';
import { tempDir } from '../../helpers/temp-dir';

const NOW = new Date('2023-01-28T02:00:00Z');

async function demo(): Promise<{ app: AppContext; dir: string; projectId: string }> {
  const dir = tempDir();
  const app = await openAppContext({
    dataDir: dir,
    runtime: 'test',
    seedDemo: true,
    now: () => NOW,
  });
  return { app, dir, projectId: (await app.api['project:get']({})).id };
}

const b64 = (b: Buffer) => b.toString('base64');

async function fileOf(
  app: AppContext,
  attachmentId: string,
  variant: 'thumb' | 'preview' | 'original',
) {
  const file = await app.api['attachments:file']({ attachmentId, variant });
  return Buffer.from(file.dataBase64, 'base64');
}

describe('attachments on a laptop', () => {
  it('places photos by EXIF in the project time zone, or by the file time and says so', async () => {
    const { app, projectId } = await demo();
    const add = async (name: string, photo: Buffer, modifiedAt?: string) =>
      app.api['attachments:add']({
        projectId,
        fileName: name,
        dataBase64: b64(photo),
        ...(modifiedAt ? { modifiedAt } : {}),
      });
    const exif = await add('a.jpg', await makePhoto({ taken: '2023:01:27 10:15:00', seed: 1 }));
    expect([exif.siteDay, exif.takenAt, exif.takenFrom]).toEqual([
      '2023-01-27',
      '2023-01-27T10:15:00',
      'exif',
    ]);
    // A camera that wrote its offset (UTC): 20:15 UTC on the 26th is 04:15 on the 27th in Shanghai.
    const utc = await add(
      'b.jpg',
      await makePhoto({ taken: '2023:01:26 20:15:00', offset: '+00:00', seed: 2 }),
    );
    expect([utc.siteDay, utc.takenAt]).toEqual(['2023-01-27', '2023-01-27T04:15:00']);
    // No EXIF: the file's time, 18:30 UTC on the 25th, is 02:30 on the 26th in Shanghai.
    const bare = await add(
      'c.png',
      await makePhoto({ format: 'png', seed: 3 }),
      '2023-01-25T18:30:00Z',
    );
    expect([bare.siteDay, bare.takenAt, bare.takenFrom]).toEqual([
      '2023-01-26',
      '2023-01-26T02:30:00',
      'file',
    ]);
    const gps = await add(
      'd.jpg',
      await makePhoto({
        taken: '2023:01:27 11:00:00',
        gps: { lat: [31, 50, 12.3], lon: [121, 10, 0] },
        seed: 4,
      }),
    );
    expect([gps.gpsLat, gps.gpsLon]).toEqual(
      [31 + 50 / 60 + 12.3 / 3600, 121 + 10 / 60].map((n) => Math.round(n * 1e7) / 1e7),
    );
    const day = await app.api['attachments:list']({ projectId, siteDay: '2023-01-27' });
    expect(day.map((a) => a.fileName)).toEqual(['b.jpg', 'a.jpg', 'd.jpg']);
    await app.close();
  });

  it('turns a photo upright in its thumbnail and preview, and keeps the original as it came', async () => {
    const { app, projectId } = await demo();
    // 2400 × 1800 as stored, EXIF orientation 6 (turned 90° clockwise to view): 1800 × 2400 upright.
    const original = await makePhoto({
      width: 2400,
      height: 1800,
      orientation: 6,
      taken: '2023:01:27 09:00:00',
    });
    const a = await app.api['attachments:add']({
      projectId,
      fileName: 'cage.JPG',
      dataBase64: b64(original),
    });
    expect([a.width, a.height, a.mediaType, a.bytes]).toEqual([
      1800,
      2400,
      'image/jpeg',
      original.length,
    ]);
    expect(a.local).toEqual({ original: true, thumb: true, preview: true });
    const thumb = await sharp(await fileOf(app, a.id, 'thumb')).metadata();
    const preview = await sharp(await fileOf(app, a.id, 'preview')).metadata();
    expect([thumb.width, thumb.height]).toEqual([240, 320]);
    expect([preview.width, preview.height]).toEqual([1200, 1600]);
    // The green corner block (top left as stored) is top right once turned upright.
    const { data, info } = await sharp(await fileOf(app, a.id, 'thumb'))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
    ];
    expect(pixel(info.width - 5, 5)[1]).toBeGreaterThan(200);
    expect(pixel(5, 5)[1]).toBeLessThan(200);
    expect((await fileOf(app, a.id, 'original')).equals(original)).toBe(true);
    await app.close();
  });

  it('stores a file once, by its hash, beside the database and never in it', async () => {
    const { app, dir, projectId } = await demo();
    const photo = await makePhoto({ taken: '2023:01:27 10:15:00', seed: 7 });
    const first = await app.api['attachments:add']({
      projectId,
      fileName: 'x.jpg',
      dataBase64: b64(photo),
    });
    const again = await app.api['attachments:add']({
      projectId,
      fileName: 'copy of x.jpg',
      dataBase64: b64(photo),
    });
    expect(again.id).toBe(first.id);
    expect(again.fileName).toBe('x.jpg');
    const stored = path.join(dir, 'attachments', first.sha256.slice(0, 2), first.sha256);
    expect(fs.readFileSync(stored).equals(photo)).toBe(true);
    expect((await app.api['attachments:list']({ projectId })).length).toBe(1);
    const cells = await app.db('attachments').select('*');
    expect(JSON.stringify(cells)).not.toContain(photo.subarray(0, 64).toString('base64'));
    // Removed, then added again: the same row comes back.
    await app.api['attachments:remove']({ attachmentId: first.id });
    expect(await app.api['attachments:list']({ projectId })).toEqual([]);
    const back = await app.api['attachments:add']({
      projectId,
      fileName: 'x.jpg',
      dataBase64: b64(photo),
    });
    expect(back.id).toBe(first.id);
    await app.close();
  });

  it('hangs a photo on a stage event (and so its panel), a milestone, or a day; captions it', async () => {
    const { app, projectId } = await demo();
    const ids = await demoIds(app);
    const panel = ids.panels.find((p) => p.status !== 'guide_wall')!;
    const event = (await app.api['panels:get']({ panelId: panel.id })).events[0]!;
    const photo = await makePhoto({ taken: '2023:01:27 10:15:00', seed: 11 });
    const a = await app.api['attachments:add']({
      projectId,
      fileName: 'sounding.jpg',
      dataBase64: b64(photo),
      owner: { type: 'stage_event', id: event.id },
      caption: '成槽验收 测深',
    });
    expect([a.ownerType, a.ownerId, a.panelId, a.caption]).toEqual([
      'stage_event',
      event.id,
      panel.id,
      '成槽验收 测深',
    ]);
    expect(
      (await app.api['attachments:list']({ projectId, panelId: panel.id })).map((x) => x.id),
    ).toEqual([a.id]);
    const moved = await app.api['attachments:update']({
      attachmentId: a.id,
      owner: { type: 'milestone', id: ids.milestone.id },
      panelId: null,
      inSheet: false,
      siteDay: '2023-01-26',
    });
    expect([
      moved.ownerType,
      moved.panelId,
      moved.inSheet,
      moved.siteDay,
      moved.takenAt,
      moved.takenFrom,
    ]).toEqual(['milestone', null, false, '2023-01-26', '2023-01-26T10:15:00', 'given']);
    // A photo first added to its day, then dropped on a stage: it takes that place.
    const loose = await makePhoto({ taken: '2023:01:27 11:30:00', seed: 12 });
    const first = await app.api['attachments:add']({
      projectId,
      fileName: 'loose.jpg',
      dataBase64: b64(loose),
    });
    const placed = await app.api['attachments:add']({
      projectId,
      fileName: 'loose.jpg',
      dataBase64: b64(loose),
      owner: { type: 'stage_event', id: event.id },
    });
    expect([placed.id, placed.ownerId, placed.panelId]).toEqual([first.id, event.id, panel.id]);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const file = await app.api['attachments:add']({
      projectId,
      fileName: '验收记录.pdf',
      dataBase64: b64(pdf),
      siteDay: '2023-01-27',
    });
    expect([file.mediaType, file.thumbSha256, file.siteDay, file.takenFrom]).toEqual([
      'application/pdf',
      null,
      '2023-01-27',
      'given',
    ]);
    expect((await fileOf(app, file.id, 'thumb')).equals(pdf)).toBe(true);
    await app.close();
  });

  it('refuses a bad file with its reason and changes nothing', async () => {
    const { app, dir, projectId } = await demo();
    const png = await makePhoto({ format: 'png', seed: 5 });
    const before = await dbChecksum(app.db);
    // Each with its reason in English (logs, the command line) and as the user reads it in Chinese.
    const cases: [string, Buffer, string, string][] = [
      ['photo.jpg', png, 'named .jpg but its contents are .png', '文件名是 .jpg，内容却是 .png'],
      ['notes.txt', Buffer.from('hello'), 'a .txt file is not accepted', '不接受 .txt 文件'],
      [
        'drawing.pdf',
        Buffer.from('PK\x03\x04 not a pdf'),
        'named .pdf but its contents are .xlsx',
        '文件名是 .pdf，内容却是 .xlsx',
      ],
      ['empty.jpg', Buffer.alloc(0), 'it is empty', '文件是空的'],
      ['bomb.png', await pixelBomb(), 'more than 100 million pixels', '图像超过 100 百万像素'],
      [
        'broken.jpg',
        Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(100, 7)]),
        'cannot be read',
        '图像无法读取',
      ],
      [
        'future.jpg',
        await makePhoto({ taken: '2031:05:01 10:00:00', seed: 6 }),
        'after tomorrow',
        '按相机时钟拍摄于 2031-05-01，晚于明天',
      ],
      // A phone's HEVC-coded HEIC: recognised by its header, which the image library cannot decode.
      [
        'IMG_4001.HEIC',
        Buffer.concat([
          Buffer.from([0, 0, 0, 24]),
          Buffer.from('ftypheic\0\0\0\0mif1heic'),
          Buffer.alloc(64),
        ]),
        'save JPEG ("Most Compatible")',
        '无法读取这台相机的 HEIC 照片',
      ],
    ];
    for (const [fileName, bytes, reason, zh] of cases) {
      const error = await expectAppError(
        app.api['attachments:add']({ projectId, fileName, dataBase64: b64(bytes) }),
        'attachment.refused',
      );
      expect(String(error.details.reason), fileName).toContain(reason);
      expect(describeError('zh-CN', error)).toContain(`未添加文件 ${fileName}：${zh}`);
      expect(describeError('en', error)).toContain(reason);
      expect(error.details.file).toBe(fileName);
    }
    // Past the size limit (the channel's own bound stops larger base64 before it is decoded).
    const big = Buffer.alloc(50 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff]);
    const store = app.store;
    const oversize = await expectAppError(
      addAttachment(store, app.blobs, { projectId, fileName: 'big.jpg', bytes: big }),
      'attachment.refused',
    );
    expect(String(oversize.details.reason)).toContain('larger than 50 MB');
    await expectAppError(
      app.api['attachments:add']({
        projectId,
        fileName: 'x.jpg',
        dataBase64: b64(await makePhoto({ seed: 8 })),
        owner: { type: 'stage_event', id: '0190a000-0000-7000-8000-000000000000' },
      }),
      'not_found',
    );
    await expectAppError(
      app.api['attachments:add']({ projectId, fileName: 'x.jpg', dataBase64: 'not base64!' }),
      'input.invalid',
    );
    await expectAppError(
      app.api['attachments:add']({
        projectId,
        fileName: 'x.jpg',
        dataBase64: b64(await makePhoto({ seed: 9 })),
        siteDay: '2031-01-01',
      }),
      'date.too_far_ahead',
    );
    expect(await dbChecksum(app.db)).toBe(before);
    expect(fs.existsSync(path.join(dir, 'attachments'))).toBe(false);
    await app.close();
  });
});
