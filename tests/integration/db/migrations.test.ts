// Each migration is tested as an upgrade: a database at N-1 with data in it, migrated to N.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteKnex } from '../../../db/connection';
import { MIGRATIONS } from '../../../db/migrations';
import { openAppContext } from '../../../main/app/app-context';
import { newId } from '../../../main/domain/ids';
import { tempDir } from '../../helpers/temp-dir';

describe('migration 20261127010000_site_data', () => {
  it('upgrades a foundation database, keeping its projects and panels', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'haitai.sqlite');
    const old = createSqliteKnex({ filename: file });
    const [foundation] = MIGRATIONS;
    await old.migrate.latest({
      migrationSource: {
        getMigrations: async () => [foundation!],
        getMigrationName: (m: typeof foundation) => m!.name,
        getMigration: async (m: typeof foundation) => m!,
      },
    });
    const [p1, s1, k1] = [newId(), newId(), newId()];
    const at = '2023-01-01T00:00:00.000Z';
    const audit = { created_at: at, updated_at: at, updated_by: 'old', deleted_at: null };
    await old('projects').insert({
      id: p1,
      code: 'OLD',
      name_zh: '旧项目',
      name_en: 'Old',
      ...audit,
    });
    await old('structures').insert({
      id: s1,
      project_id: p1,
      code: 'S',
      name_zh: '井',
      name_en: 'Shaft',
      kind: 'shaft',
      ...audit,
    });
    await old('panels').insert({
      id: k1,
      project_id: p1,
      structure_id: s1,
      code: 'A1',
      type: 'primary',
      sequence: 1,
      length_m: 6,
      thickness_m: 1.2,
      design_depth_m: 60,
      top_level_m: 3.5,
      toe_level_m: -56.5,
      theoretical_volume_m3: 432,
      ...audit,
    });
    expect(await old.schema.hasTable('outbox')).toBe(false);
    await old.destroy();

    const app = await openAppContext({
      dataDir,
      runtime: 'test',
      seedDemo: true,
      now: () => new Date('2023-01-05T02:00:00Z'),
    });
    try {
      expect(app.seededDemo).toBe(false);
      const panels = await app.api['panels:list']({ projectId: p1 });
      expect(panels).toMatchObject([
        { id: k1, code: 'A1', status: 'not_started', finishedOn: null },
      ]);
      const event = await app.api['stages:record']({
        panelId: k1,
        stage: 'guide_wall',
        siteDay: '2023-01-05',
        shift: 'day',
        measurements: {},
      });
      expect(event.stage).toBe('guide_wall');
      expect(await app.db('outbox').where({ row_id: event.id }).count({ n: '*' })).toEqual([
        { n: 10 },
      ]);
    } finally {
      await app.close();
    }
  });
});
