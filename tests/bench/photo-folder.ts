// Bench helper: a camera folder through the app's add path, as many at a time as the app's folder
// import takes (renderer/src/shared/pool.ts: the cores, at most 4): hash, store, EXIF, preview and
// thumbnail, the row. `count` photos are made from the given camera files, read one at a time;
// each copy past the first is told apart by bytes after the image's end (as two cameras' files
// differ), so every one is a photo of its own.
import fs from 'node:fs';
import os from 'node:os';
import type { AppContext } from '../../main/app/app-context';
import { poolSize, runPool } from '../../renderer/src/shared/pool';

export const LANES = poolSize(os.availableParallelism());

export async function addFolder(
  app: AppContext,
  projectId: string,
  files: string[],
  count: number,
): Promise<{ refused: number }> {
  let refused = 0;
  await runPool(
    Array.from({ length: count }, (_, i) => i),
    LANES,
    async (i) => {
      const bytes = await fs.promises.readFile(files[i % files.length]!);
      const copy = i < files.length ? bytes : Buffer.concat([bytes, Buffer.from(`copy ${i}`)]);
      await app.api['attachments:add']({
        projectId,
        fileName: `IMG_${i}.jpg`,
        // As the window sends it: the file's bytes, which IPC carries as they are.
        bytes: copy,
      }).catch(() => refused++);
    },
    () => false,
  );
  return { refused };
}
