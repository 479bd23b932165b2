// Bench helper: a fresh laptop's initial sync in a process of its own; prints time and peak RSS.
import { openAppContext } from '../../main/app/app-context';

const [dataDir, url, username, password, projectId] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const app = await openAppContext({ dataDir, runtime: 'cli' });
const started = process.hrtime.bigint();
await app.api['sync:connect']({ url, username, password, deviceName: 'bench', projectId });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const rows = Number((await app.db('crew_shifts').count({ n: '*' }))[0]!.n);
await app.close();
process.stdout.write(
  `${JSON.stringify({ ms, rows, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);
