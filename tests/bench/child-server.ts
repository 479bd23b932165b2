// Bench helper: the sync server in a process of its own, so its memory is measured alone.
// Argument: a data folder (SQLite) or a PostgreSQL URL. Prints {"url"} when listening, and
// {"maxRssMb","cpuMs"} when told to stop (SIGTERM).
import { openServer } from '../../server/index';

const where = process.argv[2]!;
const server = await openServer(
  where.startsWith('postgres') ? { databaseUrl: where } : { dataDir: where },
);
const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => {
    const cpu = process.cpuUsage();
    process.stdout.write(
      `${JSON.stringify({
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      })}\n`,
    );
    process.exit(0);
  });
});
