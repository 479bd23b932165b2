// Issue 14 (site resources): 60 days of gate punches for 700 workers, as one XLSX export, read,
// counted and previewed through the app (bounded, streamed and counted on a worker thread), then
// committed in one write; peak RSS of the process throughout; and the daily sheet's assembly with
// its equipment and materials sections.
import { openAppContext } from '../../main/app/app-context';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assembleDailySheet } from '../../main/features/sheet/daily-sheet-service';
import { machine, ms, summary, timed, verdict } from './stats';
import { tempDir } from './temp';

export async function benchAttendance(): Promise<string> {
  const now = () => new Date('2023-01-27T10:00:00Z');
  const app = await openAppContext({ dataDir: tempDir(), runtime: 'cli', seedDemo: true, now });
  try {
    const projectId = (await app.api['project:get']({})).id;
    const rebar = (await app.api['teams:list']({ projectId })).find((t) => t.code === 'rebar')!;
    // Made by another process, so building it does not weigh on this one's memory.
    const file = path.join(tempDir(), 'gate.xlsx');
    const made = execFileSync(
      process.execPath,
      [
        ...['--import', 'tsx', 'scripts/make-sample-attendance.ts', '--out', file],
        ...['--from', '2022-11-28', '--days', '60', '--workers', '700'],
      ],
      { encoding: 'utf8' },
    );
    const punches = Number(/(\d+) punches/.exec(made)![1]);
    const xlsx = fs.readFileSync(file);
    const input = { projectId, fileName: 'gate.xlsx', dataBase64: xlsx.toString('base64') };
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    // Each preview under a name of its own: a reading is kept by file and name, and a preview
    // timed here must read the file (the last one, of gate.xlsx, is what its commit reuses).
    const previews: number[] = [];
    const as = (fileName: string) => ({ ...input, fileName });
    let preview = await app.api['attendance:preview'](as('gate-warm.xlsx'));
    for (const fileName of ['gate-1.xlsx', 'gate-2.xlsx', 'gate.xlsx']) {
      const [took, p] = await timed(() => app.api['attendance:preview'](as(fileName)));
      previews.push(took);
      preview = p;
    }
    const [commit, done] = await timed(() =>
      app.api['attendance:commit']({ ...input, teams: [{ name: '钢筋加工班', teamId: rebar.id }] }),
    );
    const [again] = await timed(() => app.api['attendance:commit']({ ...input, teams: [] }));
    clearInterval(sampler);
    // The same commit on a laptop that did not preview the file: it reads the file, as every
    // commit did before issue 30.
    const cold = await openAppContext({ dataDir: tempDir(), runtime: 'cli', seedDemo: true, now });
    let reading: number;
    try {
      const coldId = (await cold.api['project:get']({})).id;
      const coldTeams = await cold.api['teams:list']({ projectId: coldId });
      const teamId = coldTeams.find((t) => t.code === 'rebar')!.id;
      [reading] = await timed(() =>
        cold.api['attendance:commit']({
          ...input,
          projectId: coldId,
          teams: [{ name: '钢筋加工班', teamId }],
        }),
      );
    } finally {
      await cold.close();
    }
    const median = [...previews].sort((a, b) => a - b)[1]!;
    // The sheet with its equipment and materials sections, on the demo's last day.
    const sheetRuns: number[] = [];
    for (let i = 0; i < 32; i++) {
      const [took] = await timed(() => assembleDailySheet(app.db, projectId, '2023-01-27'));
      if (i >= 2) sheetRuns.push(took);
    }
    const sheet = summary(sheetRuns);
    const sections = await assembleDailySheet(app.db, projectId, '2023-01-27');
    const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
    return `## Attendance import (issue 14)

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.

A generated gate export: ${punches.toLocaleString('en')} punches (${preview.workers} workers,
${preview.from} to ${preview.to}) in a ${(xlsx.length / 2 ** 20).toFixed(1)} MB XLSX.

| measure | figure | target |
| --- | --- | --- |
| \`attendance:preview\`: bounded, streamed, counted on a worker thread, set beside the records (median of 3) | ${ms(median)} | |
| commit after its preview: ${done.records.toLocaleString('en')} crew records on ${done.days} days, one write, the preview's reading reused | ${ms(commit)} | ≤ 0.5× the commit that reads the file: ${(commit / reading).toFixed(2)}×, ${verdict(commit <= 0.5 * reading)} |
| the same commit on a laptop that did not preview the file (it reads the file, as every commit did before issue 30) | ${ms(reading)} | |
| the same file again (recognised by its fingerprint, nothing written) | ${ms(again)} | |
| RSS of the process before, and its peak throughout | ${mb(before)}, peak ${mb(peak)} | peak ≤ 300 MB: ${verdict(peak <= 300 * 2 ** 20)} |
| the demo's daily sheet of 27 January with ${sections.machines?.length ?? 0} machines and ${sections.materials?.entries.length ?? 0} material entries: assembly (${sheet.n} runs) | p50 ${ms(sheet.p50)}, p95 ${ms(sheet.p95)} | p95 ≤ 50 ms: ${verdict(sheet.p95 <= 50)} |

Most of the rise is the worker's: a thread with its own heap and the punches of the whole file.
The sheet is read by the app's streamed XLSX reader (saxes over zlib), not exceljs's.
`;
  } finally {
    await app.close();
  }
}
