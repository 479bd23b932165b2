// A photo's facts and its two smaller copies, made by sharp (libvips). sharp decodes on libuv's
// thread pool, never on the main process's event loop; its input pixel limit refuses a
// decompression bomb before it is decoded. EXIF orientation is applied to the copies; the
// original is kept as it came.
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { ATTACHMENT_LIMITS, gpsDegrees, type Refusal } from '../../domain/attachments';

// No libvips operation cache: a laptop importing a camera folder should not keep decoded photos.
sharp.cache(false);

export interface ImageFacts {
  /** As shown, after EXIF orientation. */
  width: number;
  height: number;
  exif: { wallClock: string | null; offset: string | null };
  gps: { lat: number; lon: number } | null;
  thumb: Buffer;
  preview: Buffer;
}

/** Why an image is refused, for the user. */
export class ImageRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.text);
  }
}

const open = (bytes: Buffer) =>
  sharp(bytes, { limitInputPixels: ATTACHMENT_LIMITS.pixels, failOn: 'error' });

function readExif(raw: Buffer | undefined): Pick<ImageFacts, 'exif' | 'gps'> {
  const none = { exif: { wallClock: null, offset: null }, gps: null };
  if (!raw) return none;
  try {
    const tags = exifReader(raw);
    const taken = tags.Photo?.DateTimeOriginal ?? tags.Photo?.DateTimeDigitized;
    const wallClock =
      taken instanceof Date && !Number.isNaN(taken.getTime())
        ? taken.toISOString().slice(0, 19)
        : null;
    const offset = (tags.Photo?.OffsetTimeOriginal as string | undefined) ?? null;
    const g = tags.GPSInfo;
    const lat = gpsDegrees(g?.GPSLatitude, g?.GPSLatitudeRef);
    const lon = gpsDegrees(g?.GPSLongitude, g?.GPSLongitudeRef);
    return { exif: { wallClock, offset }, gps: lat !== null && lon !== null ? { lat, lon } : null };
  } catch {
    // Unreadable EXIF is no EXIF: the photo still goes in, placed by its file's time.
    return none;
  }
}

function reasonOf(error: unknown, mediaType: string): Refusal {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    const mp = ATTACHMENT_LIMITS.pixels / 1e6;
    return { key: 'pixels', params: { mp }, text: `it has more than ${mp} million pixels` };
  }
  if (mediaType === 'image/heic')
    return {
      key: 'heic',
      params: {},
      text: 'HEIC photos from this camera cannot be read here; set the phone to save JPEG ("Most Compatible") or convert them',
    };
  return {
    key: 'unreadable',
    params: {},
    text: `the image cannot be read (${message.slice(0, 160)})`,
  };
}

/** Reads a photo: its size, EXIF time and place, a thumbnail and a preview (JPEG). */
export async function readImage(bytes: Buffer, mediaType: string): Promise<ImageFacts> {
  try {
    const meta = await open(bytes).metadata();
    if (!meta.width || !meta.height)
      throw new ImageRefused({ key: 'noSize', params: {}, text: 'the image has no size' });
    if (meta.width * meta.height > ATTACHMENT_LIMITS.pixels)
      throw new ImageRefused(reasonOf(new Error('pixel limit'), mediaType));
    const turned = (meta.orientation ?? 1) >= 5;
    // Decoded once, shrunk while decoding (libvips reads a JPEG at 1/2, 1/4 or 1/8 of its size
    // when the preview needs no more), turned upright; the preview and the thumbnail are encoded
    // from those pixels side by side.
    const { data, info } = await open(bytes)
      .rotate()
      .resize({
        width: ATTACHMENT_LIMITS.previewPx,
        height: ATTACHMENT_LIMITS.previewPx,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixels = () =>
      sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    const [preview, thumb] = await Promise.all([
      pixels().jpeg({ quality: 82 }).toBuffer(),
      pixels()
        .resize({
          width: ATTACHMENT_LIMITS.thumbPx,
          height: ATTACHMENT_LIMITS.thumbPx,
          fit: 'inside',
          withoutEnlargement: true,
        })
        .jpeg({ quality: 78 })
        .toBuffer(),
    ]);
    return {
      width: turned ? meta.height : meta.width,
      height: turned ? meta.width : meta.height,
      ...readExif(meta.exif),
      thumb,
      preview,
    };
  } catch (error) {
    if (error instanceof ImageRefused) throw error;
    throw new ImageRefused(reasonOf(error, mediaType));
  }
}

/**
 * An image at the size it is printed: fitted inside `box` (pixels), as JPEG, with its size. A
 * stored preview is already turned upright; libvips shrinks a JPEG while decoding it.
 */
export async function printedImage(
  bytes: Buffer,
  box: { width: number; height: number },
): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await open(bytes)
    .resize({ ...box, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** An image's size in pixels, read from its header. */
export async function imageSize(bytes: Buffer): Promise<{ width: number; height: number } | null> {
  const meta = await open(bytes).metadata();
  return meta.width && meta.height ? { width: meta.width, height: meta.height } : null;
}
