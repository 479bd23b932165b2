// Bench helper: a laptop (the demo project) adding a camera folder, in a process of its own so
// that its peak memory is the app's alone; prints how long it took, the photos refused, and its
// RSS before and at its peak.
// tsx tests/bench/child-photo-folder.ts DATA_DIR COUNT FILE…
import { openAppContext } from '../../main/app/app-context';
import { peakRssMb } from './peak-rss';
import { addFolder } from './photo-folder';

const [dataDir, count, ...files] = process.argv.slice(2) as [string, string, ...string[]];
const app = await openAppContext({
  dataDir,
  runtime: 'cli',
  seedDemo: true,
  now: () => new Date('2023-01-28T02:00:00Z'),
});
const projectId = (await app.api['project:get']({})).id;
const beforeMb = peakRssMb();
const started = process.hrtime.bigint();
const { refused } = await addFolder(app, projectId, files, Number(count));
const ms = Number(process.hrtime.bigint() - started) / 1e6;
await app.close();
process.stdout.write(`${JSON.stringify({ ms, refused, beforeMb, maxRssMb: peakRssMb() })}\n`);
