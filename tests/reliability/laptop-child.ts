// Crash drill child: the app on a data folder, connected to a sync server, recording due-date
// changes as fast as it can and syncing. After each write resolves it prints "ack N" straight to
// the pipe: from then on the caller has been told the write is saved. The parent kills it with
// SIGKILL at a random moment.
import fs from 'node:fs';
import { openAppContext } from '../../main/app/app-context';

const [dataDir, fromArg] = process.argv.slice(2) as [string, string];
const say = (line: string) => fs.writeSync(1, `${line}\n`);

const app = await openAppContext({ dataDir, runtime: 'cli', startSync: true });
const project = await app.api['project:get']({});
const [milestone] = await app.api['milestones:list']({ projectId: project.id });
say('ready');
for (let n = Number(fromArg); ; n++) {
  await app.api['milestones:set-due']({
    milestoneId: milestone!.id,
    dueDate: n % 2 ? '2023-02-21' : '2023-02-22',
    reason: `drill-${n}`,
  });
  say(`ack ${n}`);
  if (n % 5 === 0) await app.api['sync:now']({}).catch(() => {});
}
