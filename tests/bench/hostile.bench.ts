// Issue 16, item 7: every import refuses a hostile file quickly, bounded in memory, and never
// stalls the main thread (whose event loop would be the window's in the app). For each file:
// the time to the typed refusal, the process's peak RSS, and the longest event-loop stall.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Channel } from '../../main/api/channels';
import { billionLaughsXml, giantRowCsv, xlsxBomb } from '../helpers/hostile-files';
import { machine, ms } from './stats';
import { tempDir } from './temp';

const MB = 1024 * 1024;

export async function benchHostile(): Promise<string> {
  const dir = tempDir();
  const write = async (name: string, bytes: Buffer | Promise<Buffer>) => {
    fs.writeFileSync(path.join(dir, name), await bytes);
    return path.join(dir, name);
  };
  const declared = await write('declared.xlsx', xlsxBomb(400 * MB, 'honest'));
  const lying = await write('lying.xlsx', xlsxBomb(400 * MB, 64 * 1024));
  const rows = await write('rows.xlsx', xlsxBomb(140 * MB, 'honest'));
  const cases: [string, Channel, string, string][] = [
    ['register: sheet inflating to 400 MB, declared', 'import:preview', 'r.xlsx', declared],
    ['register: the same, declaring 64 kB', 'import:preview', 'r.xlsx', lying],
    ['register: 2.7 million rows in 140 MB', 'import:preview', 'r.xlsx', rows],
    [
      'register: a CSV row of 9 MB',
      'import:preview',
      'r.csv',
      await write('r.csv', giantRowCsv(9 * MB, '槽段编号')),
    ],
    ['attendance: sheet inflating to 400 MB, declared', 'attendance:preview', 'g.xlsx', declared],
    ['attendance: the same, declaring 64 kB', 'attendance:preview', 'g.xlsx', lying],
    ['attendance: 2.7 million rows in 140 MB', 'attendance:preview', 'g.xlsx', rows],
    [
      'attendance: a CSV row of 20 MB',
      'attendance:preview',
      'g.csv',
      await write('g.csv', giantRowCsv(20 * MB)),
    ],
    [
      'schedule: billion-laughs XML',
      'schedule:import-preview',
      'p.xml',
      await write('p.xml', billionLaughsXml()),
    ],
  ];
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      ...['--import', 'tsx', 'tests/bench/child-hostile.ts', tempDir()],
      JSON.stringify(cases.map(([, channel, fileName, file]) => ({ channel, fileName, file }))),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const results = out
    .trim()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as {
          reason: string | null;
          ms: number;
          before: number;
          peak: number;
          stallMs: number;
          bytes: number;
        },
    );
  let allMet = true;
  const lines = cases.map(([label], i) => {
    const r = results[i]!;
    const met = r.reason !== null && r.ms < 2000 && r.peak < 300 * MB;
    allMet &&= met;
    return `| ${label} (${(r.bytes / MB).toFixed(1)} MB) | ${r.reason ?? 'accepted!'} | ${ms(r.ms)} | ${Math.round(r.before / MB)} → ${Math.round(r.peak / MB)} MB | ${ms(r.stallMs)} | ${met ? 'met' : '**not met**'} |`;
  });
  return `## Hostile files (issue 16)

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.

Each file goes through the channel the window calls (base64 in, as over IPC), in a process of its
own holding a laptop with the demo project: the time from reading the file to the typed refusal,
the process's RSS before and at its peak, and the longest the main thread's event loop stalled
(the window's, in the app).

| file | refused because | time | RSS | longest stall | target (< 2 s, peak < 300 MB) |
| --- | --- | --- | --- | --- | --- |
${lines.join('\n')}

Every target ${allMet ? 'met' : '**not met**'}.
`;
}
