// The daily sheet's photos: the day's attachments the user left in the sheet (all, unless they
// took some out), and, only while rendering, the images themselves from this laptop's store, at
// the size each format shows them.
import type { Knex } from 'knex';
import type { FolderBlobStore } from '../../../db/blob-store';
import { sheetAttachmentRows } from '../../../db/repositories/attachment-repository';
import { isImage } from '../../domain/attachments';
import { chunks } from '../../domain/chunks';
import type { DailySheet, SheetFormat, SheetPhoto } from '../../domain/daily-sheet';
import type { PanelStage } from '../../domain/stages';
import { PHOTO_PRINT_PX, SHEET_PHOTOS_SHOWN } from '../../export/html-photos';
import { imageSize, printedImage } from './image';

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

/**
 * The sheets as `format` renders them. The PDF and HTML show the first dozen photos at their
 * printed size (the thumbnail, else the preview made that small: a 12-photo PDF carries about
 * 25 kB a photo, not the 1600 px previews); the XLSX embeds every photo's thumbnail beside its
 * row; the CSV lists them.
 */
export function sheetsToRender(
  blobs: FolderBlobStore,
  sheets: DailySheet[],
  format: SheetFormat,
): Promise<DailySheet[]> {
  if (format === 'csv') return Promise.resolve(sheets);
  const image = format === 'xlsx' ? thumbnail : printed;
  return (async () => {
    const shown: DailySheet[] = [];
    for (const sheet of sheets) shown.push(await withPhotoImages(blobs, sheet, image));
    return shown;
  })();
}

type ImageOf = (blobs: FolderBlobStore, p: SheetPhoto) => Promise<SheetPhoto>;

const dataUri = (bytes: Buffer) => `data:image/jpeg;base64,${bytes.toString('base64')}`;

const thumbnail: ImageOf = async (blobs, p) => {
  const bytes = p.thumbSha256 ? await blobs.read(p.thumbSha256) : null;
  const size = bytes ? await imageSize(bytes).catch(() => null) : null;
  return bytes && size ? { ...p, image: dataUri(bytes), imagePx: size } : p;
};

const printed: ImageOf = async (blobs, p) => {
  // The thumbnail is the printed size already (320 px across a 57 mm box, about 150 dpi): as it
  // is. Without it, the preview made that small.
  const thumb = await thumbnail(blobs, p);
  if (thumb.image) return thumb;
  const bytes = p.previewSha256 ? await blobs.read(p.previewSha256) : null;
  // A stored copy that no longer decodes is as good as missing: the box says so.
  const made = bytes ? await printedImage(bytes, PHOTO_PRINT_PX).catch(() => null) : null;
  return made
    ? { ...p, image: dataUri(made.data), imagePx: { width: made.width, height: made.height } }
    : p;
};

async function withPhotoImages(
  blobs: FolderBlobStore,
  sheet: DailySheet,
  image: ImageOf,
): Promise<DailySheet> {
  if (!sheet.photos?.length) return sheet;
  // The PDF and HTML show only the first dozen images: the rest are not read at all.
  let shown = 0;
  const wanted = (p: SheetPhoto) =>
    isImage(p.mediaType) && (image === thumbnail || shown++ < SHEET_PHOTOS_SHOWN);
  // A few files at a time: a month's XLSX may name thousands.
  const photos: SheetPhoto[] = [];
  for (const part of chunks(sheet.photos, 8))
    photos.push(
      ...(await Promise.all(part.map((p) => (wanted(p) ? image(blobs, p) : Promise.resolve(p))))),
    );
  return { ...sheet, photos };
}
