// Migration 20261208000000_natural_panel_keys as an upgrade (issue 28): a laptop of the version
// before holds two panels of one code in one structure (one added here, one pulled from another
// laptop), each with its own record of the same stage, and a photo of one of those records.
// Opened by this version, the two panels become one with the natural id, their two records of the
// stage become one, the losing depth stands in the conflict ledger, and the photo follows.
import path from 'node:path';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { createSqliteKnex } from '../../../db/connection';
import { MIGRATIONS } from '../../../db/migrations';
import { newId } from '../../../main/domain/ids';
import { naturalId } from '../../../main/domain/natural-keys';
import { openAppContext } from '../../../main/app/app-context';
import { tempDir } from '../../helpers/temp-dir';

const BEFORE = MIGRATIONS.findIndex((m) => m.name === '20261208000000_natural_panel_keys');
const at = (minute: number) => `2023-01-20T08:${String(minute).padStart(2, '0')}:00.000Z`;
const hlc = (minute: number, node: string) => `${at(minute)}-0000-${node}`;

/** A row as the older version applied it, with its version (this laptop's or another's). */
async function row(db: Knex, table: string, values: Record<string, unknown>, minute: number) {
  await db(table).insert({
    ...values,
    created_at: at(minute),
    updated_at: at(minute),
    updated_by: 'u-here',
    deleted_at: null,
  });
  await db('row_versions').insert({
    tbl: table,
    row_id: values.id,
    hlc: hlc(minute, minute % 2 ? 'aaaaaaaaaaaaaaaa' : 'bbbbbbbbbbbbbbbb'),
  });
}

const panel = (id: string, projectId: string, structureId: string) => ({
  id,
  project_id: projectId,
  structure_id: structureId,
  code: 'A24',
  type: 'primary',
  sequence: 24,
  length_m: 6,
  thickness_m: 1.2,
  design_depth_m: 60,
  top_level_m: 3.5,
  toe_level_m: -56.5,
  theoretical_volume_m3: 432,
});

const excavation = (id: string, projectId: string, panelId: string, depth: number) => ({
  id,
  project_id: projectId,
  panel_id: panelId,
  stage: 'excavation',
  stage_rank: 2,
  site_day: '2023-01-20',
  shift: 'day',
  occurred_at: at(0),
  depth_m: depth,
});

async function olderVersion() {
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
  return { dataDir, db };
}

async function projectAndStructure(db: Knex) {
  const ids = { project: newId(), structure: newId() };
  await row(
    db,
    'projects',
    { id: ids.project, code: 'HT', name_zh: '海太', name_en: 'Haitai', timezone: 'Asia/Shanghai' },
    0,
  );
  await row(
    db,
    'structures',
    {
      id: ids.structure,
      project_id: ids.project,
      code: 'S1',
      name_zh: '1号井',
      name_en: 'Shaft 1',
      kind: 'shaft',
    },
    0,
  );
  return ids;
}

async function oldDatabase() {
  const { dataDir, db } = await olderVersion();
  const ids = { ...(await projectAndStructure(db)), here: newId(), there: newId() };
  const events = { here: newId(), there: newId() };
  await row(db, 'panels', panel(ids.here, ids.project, ids.structure), 1);
  await row(db, 'panels', panel(ids.there, ids.project, ids.structure), 2);
  await row(db, 'panel_stage_events', excavation(events.here, ids.project, ids.here, 60.1), 3);
  await row(db, 'panel_stage_events', excavation(events.there, ids.project, ids.there, 61.3), 4);
  await row(
    db,
    'attachments',
    {
      id: newId(),
      project_id: ids.project,
      sha256: 'a'.repeat(64),
      file_name: 'trench.jpg',
      media_type: 'image/jpeg',
      bytes: 1000,
      site_day: '2023-01-20',
      taken_at: '2023-01-20T16:00:00',
      taken_from: 'file',
      owner_type: 'stage_event',
      owner_id: events.there,
      panel_id: ids.there,
      added_by: 'u-here',
      added_at: at(5),
    },
    5,
  );
  await db.destroy();
  return { dataDir, ids, events };
}

describe('migration 20261208000000_natural_panel_keys', () => {
  it('merges two panels of one code, and their records of one stage, into the natural rows', async () => {
    const { dataDir, ids } = await oldDatabase();
    const app = await openAppContext({ dataDir, runtime: 'test' });
    try {
      const panelId = naturalId(ids.project, 'panels', [ids.structure, 'A24']);
      const eventId = naturalId(ids.project, 'panel_stage_events', [panelId, 'excavation']);
      const panels = await app.db('panels').whereNull('deleted_at').select('id', 'code');
      expect(panels).toEqual([{ id: panelId, code: 'A24' }]);
      const events = await app.db('panel_stage_events').whereNull('deleted_at');
      expect(events.map((e) => [e.id, e.panel_id, e.depth_m])).toEqual([[eventId, panelId, 61.3]]);
      // The depth that lost is in the ledger, with the value that was kept.
      const ledger = await app.db('conflicts').where({ target_tbl: 'panel_stage_events' });
      expect(ledger.map((c) => [c.target_row, c.target_col, c.kept_value, c.lost_value])).toEqual([
        [eventId, 'depth_m', '61.3', '60.1'],
      ]);
      // The photo follows its panel and its record.
      const photo = await app.db('attachments').first('panel_id', 'owner_id');
      expect(photo).toEqual({ panel_id: panelId, owner_id: eventId });
      // The panel reads as one, with its stage.
      expect((await app.api['panels:get']({ panelId })).status).toBe('excavation');
    } finally {
      await app.close();
    }
  });

  it('brings an undone record back when an older laptop recorded the stage again after the undo', async () => {
    const { dataDir, db } = await olderVersion();
    const ids = await projectAndStructure(db);
    const panelId = newId();
    await row(db, 'panels', panel(panelId, ids.project, ids.structure), 1);
    // This version recorded the stage under its natural id and undid it at minute 3; an older
    // laptop recorded it again, under a random id, at minute 5.
    const natural = naturalId(ids.project, 'panel_stage_events', [panelId, 'excavation']);
    await row(db, 'panel_stage_events', excavation(natural, ids.project, panelId, 60.1), 2);
    await db('panel_stage_events')
      .where({ id: natural })
      .update({ deleted_at: at(3) });
    await db('cell_versions').insert({
      tbl: 'panel_stage_events',
      row_id: natural,
      col: 'deleted_at',
      hlc: hlc(3, 'aaaaaaaaaaaaaaaa'),
    });
    await row(db, 'panel_stage_events', excavation(newId(), ids.project, panelId, 62.4), 5);
    await db.destroy();

    const app = await openAppContext({ dataDir, runtime: 'test' });
    try {
      const live = await app.db('panel_stage_events').whereNull('deleted_at');
      expect(live.map((e) => [e.id, e.depth_m])).toEqual([[natural, 62.4]]);
      expect((await app.api['panels:get']({ panelId })).status).toBe('excavation');
    } finally {
      await app.close();
    }
  });

  it('merges into an id of its own a code whose natural id a renamed panel holds', async () => {
    const { dataDir, db } = await olderVersion();
    const ids = await projectAndStructure(db);
    // The panel made as A24 under its natural id was renamed A25; two older laptops added A24.
    const renamed = naturalId(ids.project, 'panels', [ids.structure, 'A24']);
    await row(db, 'panels', { ...panel(renamed, ids.project, ids.structure), code: 'A25' }, 1);
    await row(db, 'panels', panel(newId(), ids.project, ids.structure), 2);
    await row(db, 'panels', panel(newId(), ids.project, ids.structure), 3);
    await db.destroy();

    const app = await openAppContext({ dataDir, runtime: 'test' });
    try {
      const live = await app.db('panels').whereNull('deleted_at').orderBy('code');
      expect(live.map((p) => [p.code, p.id])).toEqual([
        ['A24', naturalId(ids.project, 'panels', [ids.structure, 'A24', renamed])],
        ['A25', renamed],
      ]);
    } finally {
      await app.close();
    }
  });
});
