// Issue 11 ("several engineers, one truth"): the merge migration on the reference dataset with 5 %
// of its crew records duplicated as an older version made them (time, peak RSS), and the write
// path of a crew record (now a natural-id upsert) against a bare single-row INSERT, same run.
import path from 'node:path';
import { createSqliteKnex } from '../../db/connection';
import { MIGRATIONS, migrationSource } from '../../db/migrations';
import { newId } from '../../main/domain/ids';
import { openAppContext } from '../../main/app/app-context';
import { recordCrewShift } from '../../main/features/site-day/crew-service';
import { REFERENCE_LAST_DAY, seedReferenceProject } from '../../main/features/demo/reference-data';
import { machine, ms, summary, timed } from './stats';
import { tempDir } from './temp';

const SHARE = 0.05;

async function mergeMigration(now: () => Date) {
  const dir = tempDir();
  const db = createSqliteKnex({ filename: path.join(dir, 'haitai.sqlite') });
  try {
    const before = MIGRATIONS.slice(
      0,
      MIGRATIONS.findIndex((m) => m.name === '20261129000000_natural_keys'),
    );
    await db.migrate.latest({
      migrationSource: {
        getMigrations: async () => [...before],
        getMigrationName: (m: (typeof before)[number]) => m.name,
        getMigration: async (m: (typeof before)[number]) => m,
      },
    });
    await seedReferenceProject(db, now);
    // Every 20th crew record gets a twin from "another laptop": a random id, another headcount,
    // a newer version. Both carry versions, as rows that went through sync do.
    const crews: Record<string, unknown>[] = await db('crew_shifts').select('*');
    const twins = crews.filter((_, i) => i % Math.round(1 / SHARE) === 0);
    const stamp = (minute: number, node: string) =>
      `2027-09-06T08:${String(minute % 60).padStart(2, '0')}:00.000Z-0000-${node}`;
    await db.transaction(async (trx) => {
      for (let i = 0; i < twins.length; i += 200) {
        const part = twins.slice(i, i + 200);
        const copies = part.map((r) => ({
          ...r,
          id: newId(),
          headcount: Number(r.headcount) + 1,
        }));
        await trx('crew_shifts').insert(copies);
        await trx('row_versions').insert([
          ...part.map((r, j) => ({
            tbl: 'crew_shifts',
            row_id: r.id,
            hlc: stamp(j, 'aaaaaaaaaaaaaaaa'),
          })),
          ...copies.map((r, j) => ({
            tbl: 'crew_shifts',
            row_id: r.id,
            hlc: stamp(j + 1, 'bbbbbbbbbbbbbbbb'),
          })),
        ]);
      }
    });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const startRss = process.memoryUsage().rss;
    const [took] = await timed(() => db.migrate.latest({ migrationSource }));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const doubled = await db('crew_shifts')
      .whereNull('deleted_at')
      .groupBy(['project_id', 'site_day', 'shift', 'team_id'])
      .havingRaw('COUNT(*) > 1')
      .select('site_day');
    if (doubled.length) throw new Error(`${doubled.length} keys still doubled after the merge`);
    const ledger = Number((await db('conflicts').count({ n: '*' }))[0]!.n);
    return { took, rows: crews.length, twins: twins.length, ledger, startRss, peak };
  } finally {
    await db.destroy();
  }
}

export async function benchNaturalKeys(): Promise<string> {
  const now = () => new Date(`${REFERENCE_LAST_DAY}T04:00:00Z`);
  const merge = await mergeMigration(now);

  const app = await openAppContext({ dataDir: tempDir(), runtime: 'cli', now });
  try {
    const ref = await seedReferenceProject(app.db, now);
    const teams = await app.db('teams').where({ project_id: ref.projectId }).pluck('id');
    await app.db.raw('CREATE TABLE bench_bare AS SELECT * FROM crew_shifts WHERE 0');
    await app.db.raw('CREATE INDEX bench_bare_day ON bench_bare (project_id, site_day)');
    const template = await app.db('crew_shifts').first();
    const panels = (await app.api['panels:list']({ projectId: ref.projectId })).filter(
      (p) => p.status === 'guide_wall',
    );
    const write: number[] = [];
    const stage: number[] = [];
    const bare: number[] = [];
    // New records on the last day (the insert path), then the same again (the update path),
    // alternating with a stage event and the bare INSERT, so machine noise falls on all alike.
    const plan = [...teams, ...teams].map((teamId, i) => ({ teamId, i }));
    for (const { teamId, i } of plan) {
      const [w] = await timed(() =>
        recordCrewShift(app.store, {
          projectId: ref.projectId,
          siteDay: ref.lastDay,
          shift: 'day',
          teamId: teamId as string,
          headcount: 20 + (i % 7) + (i >= teams.length ? 1 : 0),
          hours: 8,
        }),
      );
      const panel = panels[i % panels.length]!;
      const [e] = await timed(() =>
        i < panels.length
          ? app.api['stages:record']({
              panelId: panel.id,
              stage: 'excavation',
              siteDay: ref.lastDay,
              shift: 'day',
              measurements: { depthM: 60.3 },
            })
          : Promise.resolve(null),
      );
      const [b] = await timed(() =>
        app.db.transaction((trx) => trx('bench_bare').insert({ ...template, id: `bare-${i}` })),
      );
      if (i >= 4) {
        write.push(w);
        if (i < panels.length) stage.push(e);
        bare.push(b);
      }
    }
    const w = summary(write);
    const st = summary(stage);
    const b = summary(bare);
    const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
    return `## Several engineers, one truth (issue 11)

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.

| measure | figure | target |
| --- | --- | --- |
| merge migration: ${merge.rows.toLocaleString('en')} crew records, ${merge.twins.toLocaleString('en')} of them (${SHARE * 100} %) duplicated | ${(merge.took / 1000).toFixed(2)} s | — |
| values written to the conflict ledger by it | ${merge.ledger.toLocaleString('en')} | one per duplicated key |
| process RSS before → peak during the migration | ${mb(merge.startRss)} → ${mb(merge.peak)} | — |

| write | n | p50 | p95 | target |
| --- | --- | --- | --- | --- |
| a crew record (\`recordCrewShift\`: team and time-zone check, natural-id upsert, outbox, one transaction) | ${w.n} | ${ms(w.p50)} | ${ms(w.p95)} | — |
| a stage event through \`stages:record\`, same run (the site-data bench's measure) | ${st.n} | ${ms(st.p50)} | ${ms(st.p95)} | — |
| bare single-row INSERT transaction, same driver, same run | ${b.n} | ${ms(b.p50)} | ${ms(b.p95)} | — |
| **ratio** crew record ÷ bare | | ${(w.p50 / b.p50).toFixed(2)}× | ${(w.p95 / b.p95).toFixed(2)}× | ≤ 3× (medians), and ≤ the stage event's |
| ratio stage event ÷ bare | | ${(st.p50 / b.p50).toFixed(2)}× | ${(st.p95 / b.p95).toFixed(2)}× | — |

Half the crew writes insert a new record, half update one (${teams.length} teams). The \`crews:set\`
channel then reads the whole day's crews back for the form; that read is not part of the write.
The merge migration runs once, on upgrade, in one transaction, after the backup taken before
every migration.
`;
  } finally {
    await app.close();
  }
}
