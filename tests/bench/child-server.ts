// Bench helper: the sync server in a process of its own, so its memory is measured alone.
// Prints {"url"} when listening, and {"maxRssMb"} when told to stop (SIGTERM).
import { openServer } from '../../server/index';

const server = await openServer({ dataDir: process.argv[2]! });
const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => {
    process.stdout.write(
      `${JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
    );
    process.exit(0);
  });
});
