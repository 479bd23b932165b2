// Bench helper, in a process of its own so that its memory is the app's alone: opens a laptop
// with the demo project, then feeds it each hostile file named on stdin's JSON (channel, file
// name, path), one at a time, printing for each the refusal, the time, the RSS before and at the
// peak, and the longest event-loop stall.
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openAppContext } from '../../main/app/app-context';
import type { Channel } from '../../main/api/channels';
import { dispatch } from '../../main/api/dispatch';

const [dataDir, casesJson] = process.argv.slice(2);
const cases = JSON.parse(casesJson!) as { channel: Channel; fileName: string; file: string }[];
const app = await openAppContext({ dataDir: dataDir!, runtime: 'cli', seedDemo: true });
const projectId = (await app.api['project:get']({})).id;
for (const c of cases) {
  // Settle first, so each case starts from the same floor.
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const start = performance.now();
  const bytes = fs.readFileSync(c.file);
  const envelope = await dispatch(app.api, c.channel, {
    projectId,
    fileName: c.fileName,
    dataBase64: bytes.toString('base64'),
  });
  const ms = performance.now() - start;
  loop.disable();
  clearInterval(sampler);
  const reason = envelope.ok ? null : String(envelope.error.details.reason ?? envelope.error.code);
  process.stdout.write(
    `${JSON.stringify({ reason, ms, before, peak, stallMs: loop.max / 1e6, bytes: bytes.length })}\n`,
  );
}
await app.close();
