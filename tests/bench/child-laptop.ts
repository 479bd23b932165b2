// Bench helper: a fresh laptop's initial sync in a process of its own; prints when it started and
// ended (epoch ms), how long it took, the rows it holds and its peak RSS.
import { openAppContext } from '../../main/app/app-context';
import { LOCAL_ONLY_TABLES, SYNCED_TABLES } from '../../db/repositories/synced-writer';
import { peakRssMb } from './peak-rss';

const [dataDir, url, username, password, projectId] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const app = await openAppContext({ dataDir, runtime: 'cli' });
const startedAt = Date.now();
const cpuBefore = process.cpuUsage();
const started = process.hrtime.bigint();
await app.api['sync:connect']({ url, username, password, deviceName: 'bench', projectId });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const cpu = process.cpuUsage(cpuBefore);
const endedAt = Date.now();
let rows = 0;
for (const table of SYNCED_TABLES)
  if (!LOCAL_ONLY_TABLES.has(table) && table !== 'conflicts')
    rows += Number((await app.db(table).count({ n: '*' }))[0]!.n);
await app.close();
process.stdout.write(
  `${JSON.stringify({
    startedAt,
    endedAt,
    ms,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    rows,
    maxRssMb: peakRssMb(),
  })}\n`,
);
