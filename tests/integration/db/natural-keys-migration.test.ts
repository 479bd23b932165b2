// Migration 20261129000000_natural_keys as an upgrade: a database of the version before, holding
// the duplicates that version made (two crew records for one team and shift, two staff counts, two
// logs of one day: one written here, one pulled from another laptop), migrated and opened.
import path from 'node:path';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { createSqliteKnex } from '../../../db/connection';
import { MIGRATIONS } from '../../../db/migrations';
import { newId } from '../../../main/domain/ids';
import { naturalId } from '../../../main/domain/natural-keys';
import { openAppContext } from '../../../main/app/app-context';
import { tempDir } from '../../helpers/temp-dir';

const BEFORE = MIGRATIONS.findIndex((m) => m.name === '20261129000000_natural_keys');
const at = (minute: number) => `2023-01-20T08:${String(minute).padStart(2, '0')}:00.000Z`;
const hlc = (minute: number, node: string) => `${at(minute)}-0000-${node}`;
const HERE = 'aaaaaaaaaaaaaaaa';
const THERE = 'bbbbbbbbbbbbbbbb';

/** A row as the old version wrote it on this laptop: the row, and its cells in the outbox. */
async function localRow(db: Knex, table: string, row: Record<string, unknown>, minute: number) {
  const audit = { created_at: at(minute), updated_at: at(minute), updated_by: 'u-here' };
  await db(table).insert({ ...row, ...audit, deleted_at: null });
  const cells = Object.entries({ ...row, ...audit }).filter(([c, v]) => c !== 'id' && v !== null);
  await db('outbox').insert(
    cells.map(([col, value]) => ({
      hlc: hlc(minute, HERE),
      tbl: table,
      row_id: row.id,
      col,
      value: JSON.stringify(value),
      base_hlc: null,
      created_at: at(minute),
    })),
  );
  await db('outbox').delete(); // pushed and acknowledged long ago; cell_versions stay
}

/** A row as the old version applied it from the server: the row and one row version. */
async function pulledRow(db: Knex, table: string, row: Record<string, unknown>, minute: number) {
  await db(table).insert({
    ...row,
    created_at: at(minute),
    updated_at: at(minute),
    updated_by: 'u-there',
    deleted_at: null,
  });
  await db('row_versions').insert({ tbl: table, row_id: row.id, hlc: hlc(minute, THERE) });
}

async function oldDatabase(synced: boolean) {
  const dataDir = tempDir();
  const db = createSqliteKnex({ filename: path.join(dataDir, 'haitai.sqlite') });
  const older = MIGRATIONS.slice(0, BEFORE);
  await db.migrate.latest({
    migrationSource: {
      getMigrations: async () => [...older],
      getMigrationName: (m: (typeof older)[number]) => m.name,
      getMigration: async (m: (typeof older)[number]) => m,
    },
  });
  const projectId = newId();
  const teamId = newId();
  const audit = { created_at: at(0), updated_at: at(0), updated_by: 'old', deleted_at: null };
  await db('projects').insert({
    id: projectId,
    code: 'HT',
    name_zh: '海太',
    name_en: 'Haitai',
    timezone: 'Asia/Shanghai',
    settings: '{}',
    ...audit,
  });
  await db('teams').insert({
    id: teamId,
    project_id: projectId,
    code: 'cut',
    name_zh: '成槽班',
    name_en: 'Trench team',
    sort_order: 1,
    ...audit,
  });
  await db('users').insert({ id: 'u-here', name: '李工', role: 'engineer', ...audit });
  const day = { project_id: projectId, site_day: '2023-01-20' };
  const crew = { ...day, shift: 'day', team_id: teamId };
  await localRow(db, 'crew_shifts', { id: newId(), ...crew, headcount: 60, hours: 8 }, 1);
  await pulledRow(
    db,
    'crew_shifts',
    { id: newId(), ...crew, headcount: 62, hours: 8, foreman: '张' },
    2,
  );
  await localRow(db, 'staff_counts', { id: newId(), ...day, headcount: 150 }, 3);
  await pulledRow(db, 'staff_counts', { id: newId(), ...day, headcount: 151 }, 1);
  await localRow(db, 'daily_logs', { id: newId(), ...day, weather_am: 'rain' }, 1);
  await pulledRow(db, 'daily_logs', { id: newId(), ...day, safety: '泥浆比重复测' }, 2);
  if (synced)
    await db('local_settings').insert([
      { key: 'sync.project_id', value: projectId },
      { key: 'sync.role', value: 'engineer' },
    ]);
  await db.destroy();
  return { dataDir, projectId, teamId };
}

describe('migration 20261129000000_natural_keys', () => {
  it('merges each duplicated key into one row with the natural id, newest cell first', async () => {
    const { dataDir, projectId, teamId } = await oldDatabase(true);
    const app = await openAppContext({
      dataDir,
      runtime: 'test',
      now: () => new Date('2023-01-21T02:00:00Z'),
    });
    try {
      const crewId = naturalId(projectId, 'crew_shifts', ['2023-01-20', 'day', teamId]);
      const crews = await app.api['crews:day']({ projectId, siteDay: '2023-01-20' });
      // One row, not 60 + 62: the newer headcount stands, with the foreman it came with.
      expect(crews.records).toMatchObject([{ id: crewId, headcount: 62, foreman: '张' }]);
      expect(crews.staff).toBe(150);
      expect(crews.totals).toMatchObject({ workers: 62 });
      const log = (await app.api['today:get']({ projectId, siteDay: '2023-01-20' })).log!;
      expect(log).toMatchObject({ weatherAm: 'rain', safety: '泥浆比重复测' });
      expect(log.id).toBe(naturalId(projectId, 'daily_logs', ['2023-01-20']));

      // The losing values are in the ledger, with who wrote them; the others are tombstoned.
      const conflicts = await app.api['sync:conflicts']({ projectId });
      expect(
        conflicts.map((c) => [c.table, c.column, c.kept.value, c.lost.value, c.lost.by]).sort(),
      ).toEqual([
        ['crew_shifts', 'headcount', 62, 60, '李工'],
        ['staff_counts', 'headcount', 150, 151, 'u-there'],
      ]);
      for (const table of ['crew_shifts', 'staff_counts', 'daily_logs'])
        expect(await app.db(table).whereNotNull('deleted_at').count({ n: '*' })).toEqual([
          { n: 2 },
        ]);

      // The project syncs, so the merge is queued carrying the winning writes' stamps; the natural
      // row's cells go as edits that saw nothing of it here (the merge made it), so the server
      // records a value it holds there that this laptop never saw.
      const sent = await app
        .db('outbox')
        .where({ tbl: 'crew_shifts', row_id: crewId, col: 'headcount' });
      expect(sent).toMatchObject([{ value: '62', hlc: hlc(2, THERE), replay: 0, base_hlc: null }]);
    } finally {
      await app.close();
    }
  });

  it('merges a laptop that never synced without queueing anything, and merges once', async () => {
    const { dataDir, projectId } = await oldDatabase(false);
    const app = await openAppContext({ dataDir, runtime: 'test' });
    try {
      expect(await app.db('outbox').count({ n: '*' })).toEqual([{ n: 0 }]);
      const first = await app.db('conflicts').count({ n: '*' });
      const live = await app.db('crew_shifts').whereNull('deleted_at');
      expect(live).toHaveLength(1);
      // Merging again (as a pull would) finds nothing more to do.
      const { mergeAllDuplicates } = await import('../../../db/repositories/natural-key-merge');
      const again = await app.db.transaction((trx) =>
        mergeAllDuplicates(trx, { enqueue: () => true }),
      );
      expect(again.groups).toBe(0);
      expect(await app.db('conflicts').count({ n: '*' })).toEqual(first);
      expect(projectId).toBeTruthy();
    } finally {
      await app.close();
    }
  });
});
