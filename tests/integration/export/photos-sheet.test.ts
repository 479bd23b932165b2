// The sheet's photo section: the day's chosen photos as images in the PDF (counted with
// pdfjs-dist) with their captions, listed with panel, stage and time in XLSX and CSV; a photo
// taken out of the sheet stays out; past a dozen the rest are counted and listed; a photo this
// laptop lacks is a marked box. The PDF shows them at their printed size; the XLSX embeds each
// photo's thumbnail in its row.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../../main/app/app-context';
import { launchChromiumPdf, type ChromiumPdf } from '../../../main/app/chromium-pdf';
import { demoIds } from '../../helpers/demo-ids';
import { pdfImageCount, pdfText } from '../../helpers/pdf-text';
import { makePhoto } from '../../helpers/photos';
import { tempDir } from '../../helpers/temp-dir';

let chromium: ChromiumPdf;
beforeAll(async () => {
  chromium = await launchChromiumPdf();
});
afterAll(async () => chromium.close());

const NOW = () => new Date('2023-01-28T02:00:00Z');
const b64 = (b: Buffer) => b.toString('base64');

async function app(): Promise<AppContext> {
  return openAppContext({
    dataDir: tempDir(),
    runtime: 'test',
    seedDemo: true,
    now: NOW,
    pdfEngine: chromium.engine,
  });
}

const exported = async (
  a: AppContext,
  projectId: string,
  siteDay: string,
  format: 'pdf' | 'xlsx' | 'csv',
  lang: 'zh-CN' | 'en',
) =>
  Buffer.from(
    (await a.api['sheet:export']({ projectId, siteDay, format, lang })).dataBase64,
    'base64',
  );

/** The pixel sizes of the images an HTML sheet shows. */
async function shownSizes(html: string): Promise<{ width: number; height: number }[]> {
  const uris = [...html.matchAll(/<img src="data:image\/jpeg;base64,([^"]+)"/g)];
  return Promise.all(
    uris.map(async ([, data]) => {
      const { width, height } = await sharp(Buffer.from(data!, 'base64')).metadata();
      return { width: width!, height: height! };
    }),
  );
}

describe('the sheet’s photos', () => {
  it('puts the chosen photos in the PDF with their captions, and lists them in XLSX and CSV', async () => {
    const a = await app();
    const ids = await demoIds(a);
    const day = ids.asOf;
    const [y, m, d] = day.split('-');
    const panel = ids.panels.find((p) => p.status !== 'guide_wall')!;
    const event = (await a.api['panels:get']({ panelId: panel.id })).events[0]!;
    const before = await pdfImageCount(await exported(a, ids.projectId, day, 'pdf', 'zh-CN'));
    const add = async (seed: number, time: string, extra: Record<string, unknown> = {}) =>
      a.api['attachments:add']({
        projectId: ids.projectId,
        fileName: `IMG_${seed}.jpg`,
        dataBase64: b64(await makePhoto({ taken: `${y}:${m}:${d} ${time}`, seed })),
        ...extra,
      });
    const acceptance = await add(1, '09:10:00', {
      owner: { type: 'stage_event', id: event.id },
      caption: '槽段验收测深记录',
    });
    await add(2, '13:45:00', { caption: '钢筋笼吊装' });
    const left = await add(3, '15:00:00', { caption: '不入日报的照片' });
    await a.api['attachments:update']({ attachmentId: left.id, inSheet: false });
    await a.api['attachments:add']({
      projectId: ids.projectId,
      fileName: '验收单.pdf',
      dataBase64: b64(Buffer.from('%PDF-1.4\n%%EOF\n')),
      siteDay: day,
    });

    const pdf = await exported(a, ids.projectId, day, 'pdf', 'zh-CN');
    expect((await pdfImageCount(pdf)) - before).toBe(2);
    // Shown at their printed size (their thumbnails, 320 by 240, about 150 dpi in their box), not
    // as their 640 px previews.
    const { html } = await a.api['sheet:preview']({
      projectId: ids.projectId,
      siteDay: day,
      lang: 'zh-CN',
    });
    expect(await shownSizes(html)).toEqual([
      { width: 320, height: 240 },
      { width: 320, height: 240 },
    ]);
    // A photo whose thumbnail this laptop lacks: its preview, made that small.
    const second = (
      await a.api['attachments:list']({ projectId: ids.projectId, siteDay: day })
    ).find((x) => x.fileName === 'IMG_2.jpg')!;
    const thumb = (await a.blobs.read(second.thumbSha256!))!;
    fs.rmSync(a.blobs.pathOf(second.thumbSha256!));
    const fromPreview = await a.api['sheet:preview']({
      projectId: ids.projectId,
      siteDay: day,
      lang: 'zh-CN',
    });
    expect(fromPreview.html).not.toContain(thumb.toString('base64'));
    expect(await shownSizes(fromPreview.html)).toEqual([
      { width: 320, height: 240 },
      { width: 320, height: 240 },
    ]);
    await a.blobs.put(thumb);
    const { text } = await pdfText(pdf);
    expect(text).toContain('现场照片');
    expect(text).toContain('槽段验收测深记录');
    expect(text).toContain('钢筋笼吊装');
    expect(text).toContain(`槽段 ${panel.code}`);
    expect(text).toContain('验收单.pdf');
    expect(text).not.toContain('不入日报的照片');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await exported(a, ids.projectId, day, 'xlsx', 'en')) as unknown as ArrayBuffer,
    );
    const rows: unknown[][] = [];
    const rowNumbers: number[] = [];
    workbook.worksheets[0]!.eachRow((r, n) => {
      rows.push((r.values as unknown[]).slice(1));
      rowNumbers.push(n);
    });
    const at = rows.findIndex((r) => r[0] === 'Site photos');
    expect(rows[at + 1]).toEqual(['Taken', 'File', 'Panel', 'Stage', 'Attached to', 'Caption']);
    const stage = (await a.api['panels:get']({ panelId: panel.id })).events[0]!.stage;
    const stageName =
      { guide_wall: 'Guide wall', excavation: 'Excavation' }[stage as string] ?? expect.any(String);
    // The PDF was given the day, so it takes the time of adding (10:00 in Shanghai).
    expect(rows.slice(at + 2, at + 5)).toEqual([
      [`${day} 09:10`, 'IMG_1.jpg', panel.code, stageName, 'Stage record', '槽段验收测深记录'],
      [`${day} 10:00`, '验收单.pdf', undefined, undefined, 'The day'],
      [`${day} 13:45`, 'IMG_2.jpg', undefined, undefined, 'The day', '钢筋笼吊装'],
    ]);
    expect(acceptance.panelId).toBe(panel.id);
    // Each photo's thumbnail sits in its own row, after its cells; the file has none.
    const ws = workbook.worksheets[0]!;
    const images = ws.getImages().map((i) => ({
      row: i.range.tl.nativeRow,
      col: i.range.tl.nativeCol,
      id: Number(i.imageId),
    }));
    // (Anchors count rows from 0, the sheet from 1.)
    expect(images.map(({ row, col }) => ({ row: row + 1, col }))).toEqual([
      { row: rowNumbers[at + 2], col: 6 },
      { row: rowNumbers[at + 4], col: 6 },
    ]);
    for (const [image, sha] of [
      [images[0]!, acceptance.thumbSha256],
      [images[1]!, second.thumbSha256],
    ] as const)
      expect(
        Buffer.from(workbook.getImage(image.id).buffer as ArrayBuffer).equals(
          (await a.blobs.read(sha!))!,
        ),
      ).toBe(true);
    const csv = (await exported(a, ids.projectId, day, 'csv', 'zh-CN')).toString('utf8');
    expect(csv).toContain('IMG_1.jpg');
    expect(csv).toContain('验收单.pdf');
    expect(csv).not.toContain('IMG_3.jpg');
    await a.close();
  });

  it('shows a dozen photos, counts the rest, and marks one not yet on this laptop', async () => {
    const a = await app();
    const ids = await demoIds(a);
    const [y, m, d] = ids.asOf.split('-');
    const added = [];
    for (let i = 0; i < 14; i++)
      added.push(
        await a.api['attachments:add']({
          projectId: ids.projectId,
          fileName: `P${i}.jpg`,
          dataBase64: b64(
            await makePhoto({
              taken: `${y}:${m}:${d} 10:${String(i).padStart(2, '0')}:00`,
              seed: 40 + i,
              width: 320,
              height: 240,
            }),
          ),
        }),
      );
    // The first photo's smaller copies are gone from this laptop (another laptop's, not yet
    // synced); the second has only its preview, made printed size.
    fs.rmSync(a.blobs.pathOf(added[0]!.thumbSha256!));
    fs.rmSync(a.blobs.pathOf(added[0]!.previewSha256!));
    fs.rmSync(a.blobs.pathOf(added[1]!.thumbSha256!));
    const { html } = await a.api['sheet:preview']({
      projectId: ids.projectId,
      siteDay: ids.asOf,
      lang: 'en',
    });
    expect(html.match(/<figure>/g)).toHaveLength(12);
    expect(html.match(/<img src="data:image\/jpeg;base64,/g)).toHaveLength(11);
    // At their printed size, never larger than the photo: these are 320 by 240.
    for (const size of await shownSizes(html)) expect(size).toEqual({ width: 320, height: 240 });
    expect(html).toContain('Photo not yet on this laptop');
    expect(html).toContain('2 more photo(s) not shown here');
    const csv = (await exported(a, ids.projectId, ids.asOf, 'csv', 'en')).toString('utf8');
    for (const p of added) expect(csv).toContain(p.fileName);
    await a.close();
  });
});
