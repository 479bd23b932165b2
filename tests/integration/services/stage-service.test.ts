import { describe, expect, it } from 'vitest';
import { openAppContext } from '../../../main/app/app-context';
import { demoApp } from '../../helpers/app';
import { dbChecksum } from '../../helpers/db-checksum';
import { demoIds } from '../../helpers/demo-ids';
import { GOOD_MEASUREMENTS } from '../../helpers/measurements';
import { expectAppError } from '../../helpers/expect-app-error';
import { tempDir } from '../../helpers/temp-dir';

const trench = GOOD_MEASUREMENTS.trench_acceptance;

describe('recording a panel’s stages', () => {
  it('takes a panel from guide wall to complete, with outbox rows for every cell', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const panel = ids.notStarted[0]!;
    const base = {
      panelId: panel.id,
      siteDay: ids.asOf,
      shift: 'day' as const,
      teamId: ids.teams[0]!.id,
    };
    const outboxBefore = Number((await app.db('outbox').count({ n: '*' }))[0]!.n);
    const steps = [
      { stage: 'excavation' as const, measurements: { depthM: 60.4, rig: 'SG60' } },
      { stage: 'trench_acceptance' as const, measurements: trench },
      {
        stage: 'desanding' as const,
        measurements: { slurryDensity: 1.18, slurryViscosityS: 27, slurrySandPct: 3 },
      },
      { stage: 'cage_lowered' as const, measurements: {} },
      {
        stage: 'concreting' as const,
        measurements: { concreteVolumeM3: panel.theoreticalVolumeM3 * 1.1 },
      },
    ];
    for (const step of steps) await app.api['stages:record']({ ...base, ...step });
    const detail = await app.api['panels:get']({ panelId: panel.id });
    expect(detail.events.map((e) => e.stage)).toEqual(['guide_wall', ...steps.map((s) => s.stage)]);
    expect(detail.status).toBe('concreting');
    expect(detail.finishedOn).toBe(ids.asOf);
    expect(detail.overbreakPct).toBe(10);
    expect(detail.nextStage).toBeNull();
    const listed = (await app.api['panels:list']({ projectId: ids.projectId })).find(
      (p) => p.id === panel.id,
    )!;
    expect(listed).toMatchObject({ status: 'concreting', finishedOn: ids.asOf });

    // One outbox row per non-null cell of each new event, all stamped, in the same order.
    const outbox = await app.db('outbox').where('seq', '>', outboxBefore).orderBy('seq');
    const events = await app.db('panel_stage_events').whereIn(
      'id',
      detail.events.slice(1).map((e) => e.id),
    );
    const expectedCells = events.reduce(
      (n: number, row: Record<string, unknown>) =>
        n + Object.entries(row).filter(([k, v]) => k !== 'id' && v !== null).length,
      0,
    );
    expect(outbox).toHaveLength(expectedCells);
    expect(new Set(outbox.map((o: { tbl: string }) => o.tbl))).toEqual(
      new Set(['panel_stage_events']),
    );
    expect(outbox.every((o: { base_hlc: string | null }) => o.base_hlc === null)).toBe(true);
    const stamps = outbox.map((o: { hlc: string }) => o.hlc);
    expect([...stamps].sort()).toEqual(stamps);
    const versions = await app
      .db('cell_versions')
      .where({ tbl: 'panel_stage_events' })
      .whereIn(
        'row_id',
        events.map((e: { id: string }) => e.id),
      );
    expect(versions).toHaveLength(expectedCells);
  });

  it('refuses a stage out of order, naming the rule, and writes nothing', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const panel = ids.notStarted[0]!;
    const before = await dbChecksum(app.db);
    const error = await expectAppError(
      app.api['stages:record']({
        panelId: panel.id,
        stage: 'concreting',
        siteDay: ids.asOf,
        shift: 'night',
        measurements: { concreteVolumeM3: 280 },
      }),
      'stage.out_of_order',
    );
    expect(error.details).toMatchObject({ panel: panel.code, expected: 'excavation' });
    expect(await dbChecksum(app.db)).toBe(before);
  });

  it('holds the cage when the slurry is out of limits, and writes nothing', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const panel = ids.notStarted[0]!;
    const base = { panelId: panel.id, siteDay: ids.asOf, shift: 'day' as const };
    await app.api['stages:record']({
      ...base,
      stage: 'excavation',
      measurements: { depthM: 60.2 },
    });
    await app.api['stages:record']({ ...base, stage: 'trench_acceptance', measurements: trench });
    await app.api['stages:record']({
      ...base,
      stage: 'desanding',
      measurements: { slurryDensity: 1.3, slurryViscosityS: 40, slurrySandPct: 3 },
    });
    const before = await dbChecksum(app.db);
    const error = await expectAppError(
      app.api['stages:record']({ ...base, stage: 'cage_lowered', measurements: {} }),
      'stage.hold_point_slurry',
    );
    expect((error.details.violations as { property: string }[]).map((v) => v.property)).toEqual([
      'density',
      'viscosity',
    ]);
    expect(await dbChecksum(app.db)).toBe(before);
    // After re-cleaning, a passing re-test lets the cage in; the failed test stays.
    await app.api['inspections:record']({
      ...base,
      kind: 'slurry',
      values: { slurryDensity: 1.2, slurryViscosityS: 30, slurrySandPct: 3 },
    });
    await app.api['stages:record']({ ...base, stage: 'cage_lowered', measurements: {} });
    const slurry = (await app.api['panels:get']({ panelId: panel.id })).inspections.filter(
      (a) => a.kind === 'slurry',
    );
    expect(slurry.map((a) => [a.attempt, a.pass])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect((await app.api['panels:get']({ panelId: panel.id })).status).toBe('cage_lowered');
  });

  it('refuses a day after tomorrow, and an unknown panel or team', async () => {
    const dataDir = tempDir();
    const at = new Date('2023-01-27T04:00:00Z');
    const app = await openAppContext({ dataDir, runtime: 'test', seedDemo: true, now: () => at });
    try {
      const ids = await demoIds(app);
      const panel = ids.notStarted[0]!;
      const input = {
        panelId: panel.id,
        stage: 'excavation' as const,
        shift: 'night' as const,
        measurements: { depthM: 60 },
      };
      const error = await expectAppError(
        app.api['stages:record']({ ...input, siteDay: '2023-01-29' }),
        'date.too_far_ahead',
      );
      expect(error.details).toEqual({ siteDay: '2023-01-29', limit: '2023-01-28' });
      await expectAppError(
        app.api['stages:record']({
          ...input,
          siteDay: '2023-01-27',
          teamId: '01890a5d-ac96-774b-bcce-b302099a8057',
        }),
        'not_found',
      );
      await expectAppError(
        app.api['stages:record']({
          ...input,
          siteDay: '2023-01-27',
          panelId: '01890a5d-ac96-774b-bcce-b302099a8057',
        }),
        'not_found',
      );
      await app.api['stages:record']({ ...input, siteDay: '2023-01-28' });
    } finally {
      await app.close();
    }
  });

  it('records a correction with the version it replaced; then only a withdrawal with a reason takes it back', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const panel = ids.notStarted[0]!;
    const event = await app.api['stages:record']({
      panelId: panel.id,
      stage: 'excavation',
      siteDay: ids.asOf,
      shift: 'day',
      measurements: { depthM: 60.2 },
    });
    const [version] = await app
      .db('cell_versions')
      .where({ tbl: 'panel_stage_events', row_id: event.id, col: 'depth_m' });
    await app.api['records:correct']({
      recordTable: 'panel_stage_events',
      recordId: event.id,
      action: 'corrected',
      values: { depthM: 60.5 },
      reason: '复测槽深',
    });
    const change = await app
      .db('outbox')
      .where({ row_id: event.id, col: 'depth_m' })
      .orderBy('seq', 'desc')
      .first();
    expect(change).toMatchObject({ value: '60.5', base_hlc: version.hlc });
    expect(change.hlc > version.hlc).toBe(true);

    const guideWall = (await app.api['panels:get']({ panelId: panel.id })).events[0]!;
    await expectAppError(app.api['stages:delete']({ eventId: guideWall.id }), 'stage.not_latest');
    // A corrected record is no longer its author's to undo: it is withdrawn, with a reason.
    const closed = await expectAppError(
      app.api['stages:delete']({ eventId: event.id }),
      'stage.undo_closed',
    );
    expect(closed.details.why).toBe('corrected');
    await app.api['records:correct']({
      recordTable: 'panel_stage_events',
      recordId: event.id,
      action: 'withdrawn',
      reason: '记错槽段',
    });
    const detail = await app.api['panels:get']({ panelId: panel.id });
    expect(detail.status).toBe('guide_wall');
    const row = await app.db('panel_stage_events').where({ id: event.id }).first();
    expect(row.deleted_at).not.toBeNull();
    expect(await app.db('outbox').where({ row_id: event.id, col: 'deleted_at' })).toHaveLength(1);
    const [corrected, withdrawn] = detail.corrections;
    expect(corrected).toMatchObject({
      recordId: event.id,
      action: 'corrected',
      version: 2,
      changes: { depthM: [60.2, 60.5] },
      reason: '复测槽深',
    });
    expect(withdrawn).toMatchObject({
      action: 'withdrawn',
      version: 3,
      changes: { depthM: [60.5, null] },
    });
  });

  it('writes the data and its outbox rows together or not at all', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const panel = ids.notStarted[0]!;
    const count = async (table: string) => Number((await app.db(table).count({ n: '*' }))[0]!.n);
    const before = { events: await count('panel_stage_events'), outbox: await count('outbox') };
    // The outbox insert fails after the event row is written: both must roll back.
    await app.db.raw(
      `CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    await expect(
      app.api['stages:record']({
        panelId: panel.id,
        stage: 'excavation',
        siteDay: ids.asOf,
        shift: 'day',
        measurements: { depthM: 60 },
      }),
    ).rejects.toThrow();
    expect({ events: await count('panel_stage_events'), outbox: await count('outbox') }).toEqual(
      before,
    );
    await app.db.raw('DROP TRIGGER fail_outbox');
    // And a failing data write leaves no orphan outbox rows.
    await app.db.raw(
      `CREATE TRIGGER fail_event BEFORE INSERT ON panel_stage_events BEGIN SELECT RAISE(ABORT, 'no'); END`,
    );
    await expect(
      app.api['stages:record']({
        panelId: panel.id,
        stage: 'excavation',
        siteDay: ids.asOf,
        shift: 'day',
        measurements: { depthM: 60 },
      }),
    ).rejects.toThrow();
    expect({ events: await count('panel_stage_events'), outbox: await count('outbox') }).toEqual(
      before,
    );
  });
});
