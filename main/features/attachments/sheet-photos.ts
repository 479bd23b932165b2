// The daily sheet's photos: the day's attachments the user left in the sheet (all, unless they
// took some out), and, only while rendering, the images themselves from this laptop's store.
import type { Knex } from 'knex';
import type { FolderBlobStore } from '../../../db/blob-store';
import { sheetAttachmentRows } from '../../../db/repositories/attachment-repository';
import { isImage } from '../../domain/attachments';
import type { DailySheet, SheetFormat, SheetPhoto } from '../../domain/daily-sheet';
import type { PanelStage } from '../../domain/stages';

/**
 * The section's entries; none on a day without photos, whose sheet (and any revision approved
 * before photos existed) stays as it was.
 */
export async function sheetPhotos(
  db: Knex,
  projectId: string,
  siteDay: string,
): Promise<SheetPhoto[]> {
  const rows = await sheetAttachmentRows(db, projectId, siteDay);
  return rows.map((r) => ({
    id: r.id,
    fileName: r.fileName,
    mediaType: r.mediaType,
    caption: r.caption,
    takenAt: r.takenAt,
    panelCode: r.panelCode,
    stage: (r.stage as PanelStage | null) ?? null,
    ownerType: r.ownerType,
    thumbSha256: r.thumbSha256,
    previewSha256: r.previewSha256,
  }));
}

/** The sheets as `format` renders them: PDF and HTML show the photos' images; the tables do not. */
export function sheetsToRender(
  blobs: FolderBlobStore,
  sheets: DailySheet[],
  format: SheetFormat,
): Promise<DailySheet[]> {
  if (format !== 'pdf' && format !== 'html') return Promise.resolve(sheets);
  return Promise.all(sheets.map((s) => withPhotoImages(blobs, s)));
}

/** The sheet with its photos' images as data URIs: the preview when here, else the thumbnail. */
export async function withPhotoImages(
  blobs: FolderBlobStore,
  sheet: DailySheet,
): Promise<DailySheet> {
  if (!sheet.photos?.length) return sheet;
  const photos = await Promise.all(
    sheet.photos.map(async (p) => {
      if (!isImage(p.mediaType)) return p;
      for (const sha of [p.previewSha256, p.thumbSha256]) {
        const bytes = sha ? await blobs.read(sha) : null;
        if (bytes) return { ...p, image: `data:image/jpeg;base64,${bytes.toString('base64')}` };
      }
      return p;
    }),
  );
  return { ...sheet, photos };
}
