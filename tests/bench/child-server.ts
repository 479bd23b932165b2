// Bench helper: the sync server in a process of its own, so its memory is measured alone.
// Argument: a data folder (SQLite) or a PostgreSQL URL. Prints {"url","cpuMs"} when listening,
// and {"maxRssMb","cpuMs"} when told to stop (SIGTERM); CPU time is the process's, threads included.
import { openServer } from '../../server/index';
import { peakRssMb } from './peak-rss';

const where = process.argv[2]!;
const server = await openServer(
  where.startsWith('postgres') ? { databaseUrl: where } : { dataDir: where },
);
const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
const cpuMs = () => {
  const cpu = process.cpuUsage();
  return Math.round((cpu.user + cpu.system) / 1000);
};
process.stdout.write(`${JSON.stringify({ url, cpuMs: cpuMs() })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => {
    process.stdout.write(`${JSON.stringify({ maxRssMb: peakRssMb(), cpuMs: cpuMs() })}\n`);
    process.exit(0);
  });
});
