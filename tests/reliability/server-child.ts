// Crash drill child: the sync server on SQLite, on a port the parent chose, so laptops keep the
// same address across kills. Prints "ready" once listening.
import fs from 'node:fs';
import { openServer } from '../../server/index';

const [dataDir, port] = process.argv.slice(2) as [string, string];
const server = await openServer({ dataDir, loginPerMinute: 100_000 });
await server.app.listen({ host: '127.0.0.1', port: Number(port) });
fs.writeSync(1, 'ready\n');
