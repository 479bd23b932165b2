// Issue "schedule" targets on the reference dataset: forecasts for all 60 milestones, and the
// S-curve data of one structure, as of a day in the busy middle of the five years (when most
// milestones are open) and as of the last day.
import { nextDay } from '../../main/domain/dates';
import { openAppContext } from '../../main/app/app-context';
import { REFERENCE_LAST_DAY, seedReferenceProject } from '../../main/features/demo/reference-data';
import {
  forecastProject,
  getSchedule,
  getStructureCurve,
} from '../../main/features/schedule/schedule-service';
import { machine, ms, summary, timed } from './stats';
import { tempDir } from './temp';

export async function benchSchedule(): Promise<string> {
  const now = () => new Date(`${REFERENCE_LAST_DAY}T04:00:00Z`);
  const app = await openAppContext({ dataDir: tempDir(), runtime: 'cli', now });
  try {
    const ref = await seedReferenceProject(app.db, now);
    const project = await app.api['project:get']({ projectId: ref.projectId });
    const middle = nextDay(ref.lastDay, -900);
    const rows: string[] = [];
    for (const asOf of [middle, ref.lastDay]) {
      const forecast: number[] = [];
      const curve: number[] = [];
      const full: number[] = [];
      let open = 0;
      let points = 0;
      for (let i = 0; i < 23; i++) {
        const [f, result] = await timed(() => forecastProject(app.db, ref.projectId, asOf));
        const structure = project.structures[i % project.structures.length]!;
        const [c, data] = await timed(() => getStructureCurve(app.db, structure.id, asOf));
        const [s] = await timed(() => getSchedule(app.db, ref.projectId, asOf));
        // The first runs warm the JIT and SQLite's page cache, as in a running app.
        if (i < 3) continue;
        forecast.push(f);
        curve.push(c);
        full.push(s);
        open = result.milestones.filter((m) => m.forecast.status !== 'done').length;
        points = data.points.length;
      }
      const [f, c, s] = [summary(forecast), summary(curve), summary(full)];
      rows.push(
        `| forecasts for all 60 milestones as of ${asOf} (${open} open; the bootstrap computed exactly, reads included) | ${f.n} | ${ms(f.p50)} | ${ms(f.p95)} | ≤ 200 ms |`,
        `| S-curve data of one structure as of ${asOf} (${points} days) | ${c.n} | ${ms(c.p50)} | ${ms(c.p95)} | ≤ 50 ms |`,
        `| the whole Schedule screen's data as of ${asOf} (rates, cycle times, forecasts, look-ahead) | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | |`,
      );
    }
    return `## Schedule (issue 6)

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}; reference dataset (12 structures, 2,000 panels, 11,000 stage events, 60 milestones, a Spring Festival at half capacity each year).

| measure | n | p50 | p95 | target |
| --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
  } finally {
    await app.close();
  }
}
