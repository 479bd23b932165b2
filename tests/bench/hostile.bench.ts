// Issue 16, item 7: every import refuses a hostile file quickly, bounded in memory, and never
// stalls the main thread (whose event loop would be the window's in the app). For each file:
// the time to the typed refusal, the process's peak RSS, and the longest event-loop stall.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openAppContext } from '../../main/app/app-context';
import type { Channel } from '../../main/api/channels';
import { dispatch } from '../../main/api/dispatch';
import { billionLaughsXml, giantRowCsv, xlsxBomb } from '../helpers/hostile-files';
import { machine, ms, timed } from './stats';
import { tempDir } from './temp';

const MB = 1024 * 1024;

export async function benchHostile(): Promise<string> {
  const declared = await xlsxBomb(400 * MB, 'honest');
  const lying = await xlsxBomb(400 * MB, 64 * 1024);
  const rows = await xlsxBomb(140 * MB, 'honest');
  const cases: [string, Channel, string, Buffer][] = [
    ['register: sheet inflating to 400 MB, declared', 'import:preview', 'r.xlsx', declared],
    ['register: the same, declaring 64 kB', 'import:preview', 'r.xlsx', lying],
    ['register: 2.7 million rows in 140 MB', 'import:preview', 'r.xlsx', rows],
    ['register: a CSV row of 9 MB', 'import:preview', 'r.csv', giantRowCsv(9 * MB, '槽段编号')],
    ['attendance: sheet inflating to 400 MB, declared', 'attendance:preview', 'g.xlsx', declared],
    ['attendance: the same, declaring 64 kB', 'attendance:preview', 'g.xlsx', lying],
    ['attendance: 2.7 million rows in 140 MB', 'attendance:preview', 'g.xlsx', rows],
    ['attendance: a CSV row of 20 MB', 'attendance:preview', 'g.csv', giantRowCsv(20 * MB)],
    ['schedule: billion-laughs XML', 'schedule:import-preview', 'p.xml', billionLaughsXml()],
  ];
  const app = await openAppContext({ dataDir: tempDir(), runtime: 'cli', seedDemo: true });
  const lines: string[] = [];
  let allMet = true;
  try {
    const projectId = (await app.api['project:get']({})).id;
    for (const [label, channel, fileName, bytes] of cases) {
      const input = { projectId, fileName, dataBase64: bytes.toString('base64') };
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const [took, envelope] = await timed(() => dispatch(app.api, channel, input));
      loop.disable();
      clearInterval(sampler);
      const reason = envelope.ok ? 'accepted!' : String(envelope.error.details.reason ?? '');
      const met = !envelope.ok && took < 2000 && peak < 300 * MB;
      allMet &&= met;
      lines.push(
        `| ${label} (${(bytes.length / MB).toFixed(1)} MB) | ${reason} | ${ms(took)} | ${Math.round(peak / MB)} MB | ${ms(loop.max / 1e6)} | ${met ? 'met' : '**not met**'} |`,
      );
    }
  } finally {
    await app.close();
  }
  return `## Hostile files (issue 16)

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.

Each file goes through the channel the window calls, on a laptop with the demo project. The peak
is the whole process's RSS while the file is refused; the stall is the longest the main thread's
event loop waited (the window's, in the app).

| file | refused because | time | peak RSS | longest stall | target (< 2 s, < 300 MB) |
| --- | --- | --- | --- | --- | --- |
${lines.join('\n')}

Every target ${allMet ? 'met' : '**not met**'}.
`;
}
