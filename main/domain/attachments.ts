// Photos and files (issue 15): what may be attached, to what, how a file is recognised by its
// bytes (never only by its name), and where a photo lands in time: on the site day of its EXIF
// DateTimeOriginal, read as the project's wall clock unless the camera wrote its offset; failing
// EXIF, the file's own time, and the attachment says which.
import { z } from 'zod';
import { siteDaySchema } from './dates';
import { idSchema } from './ids';

/** What an attachment hangs on; a photo with no owner yet hangs on its site day. */
export const ATTACHMENT_OWNERS = ['site_day', 'stage_event', 'machine_shift', 'milestone'] as const;
export type AttachmentOwner = (typeof ATTACHMENT_OWNERS)[number];

/** Where a photo's time came from: its EXIF, the file's modification time, or the user. */
export const TAKEN_FROM = ['exif', 'file', 'given'] as const;
export type TakenFrom = (typeof TAKEN_FROM)[number];

export const ATTACHMENT_LIMITS = {
  /** The largest file added (a 50 MB PDF drawing is the big case; photos are 3–12 MB). */
  bytes: 50 * 1024 * 1024,
  /** The image library's input pixel limit: a 100-megapixel image, far above any phone's. */
  pixels: 100_000_000,
  /** The long side of the thumbnail and of the preview. */
  thumbPx: 320,
  previewPx: 1600,
  /** Entries of an XLSX attached as a file (it is never parsed, only checked). */
  zipEntries: 1000,
  zipUnpackedBytes: 300 * 1024 * 1024,
  /** A caption's length. */
  captionChars: 500,
} as const;

/** The media types accepted, each with the extensions a file of it may have. */
export const MEDIA_TYPES = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/webp': ['.webp'],
  'image/heic': ['.heic', '.heif'],
  'application/pdf': ['.pdf'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
} as const;
export type MediaType = keyof typeof MEDIA_TYPES;

export const isImage = (type: string): boolean => type.startsWith('image/');

const startsWith = (bytes: Uint8Array, at: number, ascii: string) =>
  [...ascii].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/** The media type the bytes are, from their signature; null when none of ours. */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes[0] === 0x89 && startsWith(bytes, 1, 'PNG\r\n\x1a\n')) return 'image/png';
  if (startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP')) return 'image/webp';
  if (
    startsWith(bytes, 4, 'ftyp') &&
    ['heic', 'heix', 'mif1', 'msf1', 'hevc'].some((b) => startsWith(bytes, 8, b))
  )
    return 'image/heic';
  if (startsWith(bytes, 0, '%PDF-')) return 'application/pdf';
  if (startsWith(bytes, 0, 'PK\x03\x04'))
    return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

const extensionOf = (fileName: string) => {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot).toLowerCase();
};

/**
 * Why a file is refused: a message key under `attachmentRefusals` with its parameters (the user
 * reads it in their language), and the same in English for logs and the command line.
 */
export interface Refusal {
  key: string;
  params: Record<string, string | number>;
  text: string;
}

/** The file's media type, or why it is refused: unknown, or not what its extension says. */
export function mediaTypeOf(fileName: string, bytes: Uint8Array): MediaType | Refusal {
  const ext = extensionOf(fileName);
  const claimed = (Object.keys(MEDIA_TYPES) as MediaType[]).find((t) =>
    (MEDIA_TYPES[t] as readonly string[]).includes(ext),
  );
  if (!claimed)
    return {
      key: 'notAccepted',
      params: { ext: ext || '—' },
      text: `a ${ext || 'nameless'} file is not accepted (photos: JPEG, PNG, WebP, HEIC; files: PDF, XLSX)`,
    };
  const actual = sniffMediaType(bytes);
  if (actual !== claimed)
    return actual
      ? {
          key: 'contentsAre',
          params: { ext, actual: MEDIA_TYPES[actual][0] },
          text: `it is named ${ext} but its contents are ${MEDIA_TYPES[actual][0]}`,
        }
      : {
          key: 'contentsNot',
          params: { ext },
          text: `it is named ${ext} but its contents are not`,
        };
  return claimed;
}

/** An instant as the wall clock of a time zone, "2023-01-27T10:15:00". */
export function wallClockIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
}

export interface Placement {
  /** The project's wall clock when the photo was taken, "2023-01-27T10:15:00". */
  takenAt: string;
  siteDay: string;
  takenFrom: TakenFrom;
}

/**
 * Where a photo lands. `exifWallClock` is EXIF DateTimeOriginal as written ("2023-01-27T10:15:00",
 * the camera's wall clock), `exifOffset` its OffsetTimeOriginal ("+08:00") when the camera wrote
 * one. Without an offset the camera is taken to be on the project's clock. Without EXIF, the
 * file's modification time.
 */
export function placePhoto(
  exif: { wallClock: string | null; offset: string | null },
  fileTime: Date,
  timeZone: string,
): Placement {
  const wall = exif.wallClock && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(exif.wallClock);
  if (wall && siteDaySchema.safeParse(exif.wallClock!.slice(0, 10)).success) {
    const offset = exif.offset && /^[+-]\d{2}:\d{2}$/.test(exif.offset) ? exif.offset : null;
    const takenAt = offset
      ? wallClockIn(new Date(`${exif.wallClock}${offset}`), timeZone)
      : exif.wallClock!;
    return { takenAt, siteDay: takenAt.slice(0, 10), takenFrom: 'exif' };
  }
  const takenAt = wallClockIn(fileTime, timeZone);
  return { takenAt, siteDay: takenAt.slice(0, 10), takenFrom: 'file' };
}

/** Degrees, minutes and seconds with their N/S/E/W reference as signed decimal degrees. */
export function gpsDegrees(dms: readonly number[] | undefined, ref: string | undefined) {
  if (!dms || dms.length < 3 || dms.some((n) => !Number.isFinite(n))) return null;
  const value = dms[0]! + dms[1]! / 60 + dms[2]! / 3600;
  const signed = ref === 'S' || ref === 'W' ? -value : value;
  return Math.abs(signed) <= 180 ? Math.round(signed * 1e7) / 1e7 : null;
}

/** An attachment as the app shows it. */
export interface Attachment {
  id: string;
  projectId: string;
  sha256: string;
  fileName: string;
  mediaType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  siteDay: string;
  takenAt: string;
  takenFrom: TakenFrom;
  ownerType: AttachmentOwner;
  /** The stage event, machine shift or milestone; null for a site day's own photo. */
  ownerId: string | null;
  /** The panel it shows (a stage event's panel, or a panel picked without an event). */
  panelId: string | null;
  caption: string;
  gpsLat: number | null;
  gpsLon: number | null;
  thumbSha256: string | null;
  previewSha256: string | null;
  /** Whether the daily sheet shows it (default: yes). */
  inSheet: boolean;
  addedBy: string;
  addedAt: string;
  /** Which of its files this laptop holds. */
  local: { original: boolean; thumb: boolean; preview: boolean };
}

export const attachmentOwnerSchema = z
  .object({ type: z.enum(ATTACHMENT_OWNERS), id: idSchema.nullable() })
  .strict()
  .refine((o) => (o.type === 'site_day') === (o.id === null), {
    message: "a site day's photo has no owner id; any other owner needs one",
  });
export type AttachmentOwnerRef = z.infer<typeof attachmentOwnerSchema>;

export const captionSchema = z.string().trim().max(ATTACHMENT_LIMITS.captionChars);

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex');
