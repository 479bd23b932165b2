// Photos made in the test, as a camera would write them: a JPEG with EXIF DateTimeOriginal (and
// optionally its offset, an orientation and a GPS position), or one without EXIF at all.
import zlib from 'node:zlib';
import sharp from 'sharp';

export interface PhotoOptions {
  width?: number;
  height?: number;
  /** EXIF DateTimeOriginal as cameras write it, "2023:01:27 10:15:00"; none when absent. */
  taken?: string;
  offset?: string;
  orientation?: number;
  gps?: { lat: [number, number, number]; lon: [number, number, number] };
  /** Colours tell photos apart (so their bytes differ). */
  seed?: number;
  format?: 'jpeg' | 'png' | 'webp';
}

export async function makePhoto(o: PhotoOptions = {}): Promise<Buffer> {
  const seed = o.seed ?? 1;
  const width = o.width ?? 640;
  const height = o.height ?? 480;
  // A block of another colour in one corner, so orientation shows in the pixels too.
  const corner = await sharp({
    create: { width: width >> 2, height: height >> 2, channels: 3, background: '#00ff00' },
  })
    .png()
    .toBuffer();
  let image = sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: (seed * 67) % 256, g: (seed * 131) % 256, b: (seed * 29) % 256 },
    },
  }).composite([{ input: corner, top: 0, left: 0 }]);
  if (o.format === 'png') return image.png().toBuffer();
  if (o.format === 'webp') return image.webp().toBuffer();
  image = image.jpeg({ quality: 90 });
  if (o.orientation) image = image.withMetadata({ orientation: o.orientation });
  const exif: Record<string, Record<string, string>> = {};
  if (o.taken)
    exif.IFD2 = {
      DateTimeOriginal: o.taken,
      ...(o.offset ? { OffsetTimeOriginal: o.offset } : {}),
    };
  if (o.gps) {
    const dms = (v: [number, number, number]) =>
      v.map((n) => `${Math.round(n * 100)}/100`).join(' ');
    exif.IFD3 = {
      GPSLatitudeRef: o.gps.lat[0] < 0 ? 'S' : 'N',
      GPSLatitude: dms(o.gps.lat.map(Math.abs) as [number, number, number]),
      GPSLongitudeRef: o.gps.lon[0] < 0 ? 'W' : 'E',
      GPSLongitude: dms(o.gps.lon.map(Math.abs) as [number, number, number]),
    };
  }
  if (Object.keys(exif).length) image = image.withExifMerge(exif);
  return image.toBuffer();
}

/** A PNG whose header claims far more pixels than any photo (a decompression bomb's header). */
export async function pixelBomb(): Promise<Buffer> {
  const png = await sharp({
    create: { width: 16, height: 16, channels: 3, background: '#000' },
  })
    .png()
    .toBuffer();
  // IHDR's width and height sit at bytes 16–23, its checksum after its 13 bytes of data.
  png.writeUInt32BE(20_000, 16);
  png.writeUInt32BE(20_000, 20);
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)), 29);
  return png;
}
