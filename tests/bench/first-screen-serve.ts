// Serves the built renderer over the demo and over the reference dataset, for
// first-screen-compare.ts, which runs it in this tree and in a baseline commit's (it uses only what
// both have). Writes the two addresses to the file its argument names, then serves until killed.
import fs from 'node:fs';
import { openAppContext, type AppContext } from '../../main/app/app-context';
import { REFERENCE_LAST_DAY, seedReferenceProject } from '../../main/features/demo/reference-data';
import { buildRenderer, serveRenderer } from '../helpers/built-renderer';
import { cleanTemp, tempDir } from './temp';

const outDir = tempDir();
await buildRenderer(outDir);
// An older tree's context may have no change feed: its renderer does not listen for one.
const served = (app: AppContext) =>
  serveRenderer(outDir, app.api, (app as Partial<AppContext>).store?.changes);

const demo = await openAppContext({ dataDir: tempDir(), runtime: 'cli', seedDemo: true });
await demo.api['project:select']({ projectId: (await demo.api['project:get']({})).id });
const now = () => new Date(`${REFERENCE_LAST_DAY}T04:00:00Z`);
const reference = await openAppContext({ dataDir: tempDir(), runtime: 'cli', now });
const { projectId } = await seedReferenceProject(reference.db, now);
await reference.api['project:select']({ projectId });

const urls = [(await served(demo)).url, (await served(reference)).url];
fs.writeFileSync(process.argv[2]!, JSON.stringify(urls));
const keep = setInterval(() => {}, 1 << 30);
process.on('SIGTERM', () => {
  clearInterval(keep);
  void Promise.all([demo.close(), reference.close()]).finally(() => {
    cleanTemp();
    process.exit(0);
  });
});
