// An engineer drops three photos on a panel's trench acceptance in Chromium: they show on the
// panel's timeline, in the day's sheet preview, and as three images in the exported PDF.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarnessSession } from '../helpers/harness-session';
import { pdfImageCount, pdfText } from '../helpers/pdf-text';
import { makePhoto } from '../helpers/photos';
import { tempDir } from '../helpers/temp-dir';

const session = useHarnessSession({ width: 1360, height: 900 });

describe('photos in Chromium', () => {
  it('drops three photos on an acceptance, sees them on the timeline and in the sheet, exports the PDF', async () => {
    const { page, harness } = await session.open(tempDir());
    const api = harness.context.api;
    const project = await api['project:get']({});
    const siteDay = project.settings.demoToday!;
    // A panel whose trench was accepted: the latest such in the demo.
    const panels = await api['panels:list']({ projectId: project.id });
    let target: { code: string; eventDay: string } | null = null;
    for (const p of panels.filter((x) => x.status !== 'guide_wall').reverse()) {
      const e = (await api['panels:get']({ panelId: p.id })).events.find(
        (x) => x.stage === 'trench_acceptance',
      );
      if (e) {
        target = { code: p.code, eventDay: e.siteDay };
        break;
      }
    }
    expect(target).not.toBeNull();
    const [y, m, d] = siteDay.split('-');
    const photos = await Promise.all(
      [1, 2, 3].map(async (n) => ({
        name: `IMG_000${n}.jpg`,
        base64: (
          await makePhoto({
            taken: `${y}:${m}:${d} ${String(n + 7).padStart(2, '0')}:30:00`,
            seed: 60 + n,
          })
        ).toString('base64'),
      })),
    );

    await page.getByTestId('nav-panels').click();
    await page.getByTestId('panel-row').first().waitFor();
    const row = page.locator(`[data-testid="panel-row"][data-code="${target!.code}"]`);
    while (!(await row.count()))
      await page.getByTestId('panel-rows').evaluate((el) => el.scrollBy(0, 200));
    await row.click();
    const zone = page.getByTestId('event-photos-add-trench_acceptance');
    await zone.waitFor();
    // A real drop: the files in a DataTransfer, dragged over the zone and let go.
    await zone.evaluate((el, files) => {
      const data = new DataTransfer();
      for (const f of files) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], f.name, { type: 'image/jpeg' }));
      }
      el.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }),
      );
      el.dispatchEvent(
        new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
      );
    }, photos);
    await page.getByTestId('event-photos-add-trench_acceptance-added').waitFor();
    const strip = page.locator('[data-stage="trench_acceptance"] [data-testid="event-photos"]');
    await expect.poll(() => strip.locator('img').count()).toBe(3);

    await page.getByTestId('nav-reports').click();
    await page.getByTestId('sheet-lang').selectOption('en');
    const preview = page.getByTestId('sheet-preview');
    await expect
      .poll(() => preview.evaluate((el) => el.shadowRoot?.innerHTML ?? ''))
      .toContain('Site photos');
    const html = await preview.evaluate((el) => el.shadowRoot!.innerHTML);
    expect(html.match(/<img src="data:image\/jpeg;base64,/g)).toHaveLength(3);
    expect(html).toContain(`Panel ${target!.code}`);

    const [pdf] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-pdf').click(),
    ]);
    const file = path.join(tempDir(), 'sheet.pdf');
    await pdf.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect(await pdfImageCount(bytes)).toBe(3);
    expect((await pdfText(bytes)).text).toContain('Site photos');
  });

  it('adds photos on Today, hangs one on a stage record, captions it, and takes one out of the sheet', async () => {
    const { page, harness } = await session.open(tempDir());
    const api = harness.context.api;
    const project = await api['project:get']({});
    const siteDay = project.settings.demoToday!;
    const day = await api['today:get']({ projectId: project.id, siteDay });
    const event = day.events[0]!;
    const [y, m, d] = siteDay.split('-');
    const files = [
      {
        name: 'DSC_0101.jpg',
        mimeType: 'image/jpeg',
        buffer: await makePhoto({ taken: `${y}:${m}:${d} 09:05:00`, seed: 71 }),
      },
      {
        name: 'DSC_0102.jpg',
        mimeType: 'image/jpeg',
        buffer: await makePhoto({ taken: `${y}:${m}:${d} 09:20:00`, seed: 72 }),
      },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
    ];
    await page.getByTestId('day-photos-add-input').setInputFiles(files);
    await expect
      .poll(() => page.getByTestId('day-photos-add-added').textContent())
      .toContain(siteDay);
    expect(await page.getByTestId('day-photos-add-refused').textContent()).toContain('notes.txt');
    const cards = page.getByTestId('photo-card');
    await expect.poll(() => cards.count()).toBe(2);
    const first = page.locator('[data-testid="photo-card"][data-file="DSC_0101.jpg"]');
    await first.getByTestId('photo-place').selectOption(`stage_event:${event.id}`);
    await first.getByTestId('photo-caption').fill('导墙验收');
    await first.getByTestId('photo-caption').blur();
    await page
      .locator('[data-testid="photo-card"][data-file="DSC_0102.jpg"]')
      .getByTestId('photo-in-sheet')
      .uncheck();
    await expect
      .poll(async () => {
        const list = await api['attachments:list']({ projectId: project.id, siteDay });
        return list.map((a) => [a.fileName, a.ownerId, a.panelId, a.caption, a.inSheet]);
      })
      .toEqual([
        ['DSC_0101.jpg', event.id, event.panelId, '导墙验收', true],
        ['DSC_0102.jpg', null, null, '', false],
      ]);
    // The viewer opens the photo large and zooms.
    await first.locator('button.thumb').click();
    await page.getByTestId('viewer-image').waitFor();
    const before = await page.getByTestId('viewer-zoom').textContent();
    await page.getByRole('button', { name: /放大|Zoom in/ }).click();
    expect(await page.getByTestId('viewer-zoom').textContent()).not.toBe(before);
    await page.getByTestId('viewer-close').click();
  });

  it('takes a whole camera folder, skipping its videos, each photo on its EXIF day', async () => {
    const { page, harness } = await session.open(tempDir());
    const api = harness.context.api;
    const project = await api['project:get']({});
    const siteDay = project.settings.demoToday!;
    const folder = tempDir();
    fs.writeFileSync(
      path.join(folder, 'IMG_2001.JPG'),
      await makePhoto({ taken: '2023:01:26 16:00:00', seed: 81 }),
    );
    fs.writeFileSync(
      path.join(folder, 'IMG_2002.JPG'),
      await makePhoto({ taken: `${siteDay.replaceAll('-', ':')} 07:45:00`, seed: 82 }),
    );
    fs.writeFileSync(path.join(folder, 'IMG_2003.MOV'), Buffer.alloc(2048));
    await page.getByTestId('day-photos-add-folder').setInputFiles(folder);
    await expect
      .poll(() => page.getByTestId('day-photos-add-added').textContent())
      .toContain(`2023-01-26, ${siteDay}`);
    expect(await page.getByTestId('day-photos-add').textContent()).toMatch(
      /跳过 1 个|1 file\(s\) of other kinds skipped/,
    );
    const days = await Promise.all(
      ['2023-01-26', siteDay].map(async (d) =>
        (await api['attachments:list']({ projectId: project.id, siteDay: d })).map(
          (a) => a.fileName,
        ),
      ),
    );
    expect(days).toEqual([['IMG_2001.JPG'], ['IMG_2002.JPG']]);
  });
});
