// The sheet's photo section (现场照片) in HTML: the chosen photos as a grid of three across, each
// with its time, panel, stage and caption; at most SHEET_PHOTOS_SHOWN (about a page), the rest
// counted and left to the XLSX/CSV list. A photo this laptop does not have yet is a marked box.
import type { DailySheet, SheetPhoto } from '../domain/daily-sheet';
import { isImage } from '../domain/attachments';
import { escape, type Label } from './html-format';
import { sheetLabel, type SheetLanguage } from './labels';

export const SHEET_PHOTOS_SHOWN = 12;

/**
 * A photo's box at about 150 dpi: A4 less its 12 mm margins is 186 mm, three across with two 3 mm
 * gaps, less the frame's padding, leaves about 57 mm by 43 mm (4:3), 320 by 240 pixels at 143 dpi:
 * a photo's thumbnail (ATTACHMENT_LIMITS.thumbPx).
 */
export const PHOTO_PRINT_PX = { width: 320, height: 240 };

export const PHOTO_CSS = `
.photos { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; }
.photos figure { margin: 0; break-inside: avoid; page-break-inside: avoid; border: 1px solid #bbb; padding: 1.5mm; }
.photos img, .photos .missing { width: 100%; aspect-ratio: 4 / 3; object-fit: contain; background: #f2f2f2; display: block; }
.photos .missing { display: flex; align-items: center; justify-content: center; color: #666; font-size: 9pt; }
.photos figcaption { font-size: 8.5pt; margin-top: 1mm; line-height: 1.35; }
`;

function figure(p: SheetPhoto, lang: SheetLanguage, L: Label): string {
  const where = [
    p.panelCode ? `${L('photoPanel')} ${escape(p.panelCode)}` : '',
    p.stage ? escape(sheetLabel(lang, `stages.${p.stage}`)) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const image = p.image
    ? `<img src="${escape(p.image)}" alt="${escape(p.fileName)}">`
    : `<div class="missing">${L('photoMissing')}</div>`;
  return `<figure>${image}<figcaption>${escape(p.takenAt.slice(11, 16))}${where ? ` · ${where}` : ''}${p.caption ? `<br>${escape(p.caption)}` : ''}</figcaption></figure>`;
}

export function photosHtml(sheet: DailySheet, lang: SheetLanguage, L: Label): string {
  const photos = sheet.photos;
  if (!photos?.length) return '';
  const images = photos.filter((p) => isImage(p.mediaType));
  const files = photos.filter((p) => !isImage(p.mediaType));
  const parts = [`<h2>${L('photos')}</h2>`];
  if (images.length)
    parts.push(
      `<div class="photos">${images
        .slice(0, SHEET_PHOTOS_SHOWN)
        .map((p) => figure(p, lang, L))
        .join('')}</div>`,
    );
  if (images.length > SHEET_PHOTOS_SHOWN)
    parts.push(
      `<p>${escape(sheetLabel(lang, 'sheet.photosMore', { count: images.length - SHEET_PHOTOS_SHOWN }))}</p>`,
    );
  if (files.length)
    parts.push(
      `<p>${escape(sheetLabel(lang, 'sheet.attachedFiles', { files: files.map((f) => f.fileName).join('、') }))}</p>`,
    );
  return parts.join('\n');
}
