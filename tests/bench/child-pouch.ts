// Bench helper: PouchDB, the best-known open offline-first store, on the same rows as the app's
// initial sync, each side in a process of its own like the app's server and laptop.
//   server <dir> <docs.ndjson>  loads the documents into PouchDB (LevelDB), serves them with
//                               express-pouchdb on 127.0.0.1; prints {"url"}, and {"maxRssMb"}
//                               on SIGTERM
//   laptop <dir> <url> <batch>  replicates into a fresh PouchDB (LevelDB), default settings or
//                               the given batch_size; prints {"ms","docs","maxRssMb"}
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import PouchDB from 'pouchdb';
import expressPouchDB from 'express-pouchdb';
import { peakRssMb } from './peak-rss';

const [mode, dir, arg, batch] = process.argv.slice(2) as [string, string, string, string];
const maxRssMb = peakRssMb;

if (mode === 'server') {
  const Pouch = PouchDB.defaults({ prefix: `${dir}/` });
  const db = new Pouch('reference');
  let docs: object[] = [];
  for await (const line of createInterface({ input: fs.createReadStream(arg) })) {
    docs.push(JSON.parse(line) as object);
    if (docs.length === 5000) {
      await db.bulkDocs(docs);
      docs = [];
    }
  }
  if (docs.length) await db.bulkDocs(docs);
  const app = expressPouchDB(Pouch, {
    mode: 'minimumForPouchDB',
    inMemoryConfig: true,
    logPath: `${dir}/log.txt`,
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/reference` })}\n`);
  });
  process.once('SIGTERM', () => {
    server.close();
    process.stdout.write(`${JSON.stringify({ maxRssMb: maxRssMb() })}\n`);
    process.exit(0);
  });
} else {
  const local = new PouchDB(`${dir}/reference`);
  const started = process.hrtime.bigint();
  await local.replicate.from(arg, batch === 'default' ? {} : { batch_size: Number(batch) });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const { doc_count: docs } = await local.info();
  await local.close();
  process.stdout.write(`${JSON.stringify({ ms, docs, maxRssMb: maxRssMb() })}\n`);
}
