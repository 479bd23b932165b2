// Bench helper, run in a process of its own so that making photos does not weigh on the measured
// process: writes `count` camera-like JPEGs (a grainy frame, each a shade brighter, with EXIF) of
// `width` × `height` at `quality` into `dir` as 0.jpg, 1.jpg, … and prints their total size.
// tsx tests/bench/make-photos.ts DIR COUNT WIDTH HEIGHT QUALITY [YYYY:MM:DD]
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const [dir, count, width, height, quality, day = '2023:01:27'] = process.argv.slice(2);
const w = Number(width);
const h = Number(height);
const grain = await sharp({
  create: {
    width: w,
    height: h,
    channels: 3,
    background: '#808080',
    noise: { type: 'gaussian', mean: 128, sigma: 40 },
  },
})
  .raw()
  .toBuffer();
let total = 0;
for (let n = 0; n < Number(count); n++) {
  const taken = `${day} ${String(8 + (n % 12)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00`;
  const photo = await sharp(grain, { raw: { width: w, height: h, channels: 3 } })
    .modulate({ brightness: 1 + n / 500 })
    .jpeg({ quality: Number(quality) })
    .withExifMerge({ IFD2: { DateTimeOriginal: taken } })
    .toBuffer();
  fs.writeFileSync(path.join(dir!, `${n}.jpg`), photo);
  total += photo.length;
}
console.log(JSON.stringify({ count: Number(count), bytes: total }));
