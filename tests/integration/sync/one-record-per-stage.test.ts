// One record per panel stage and one panel per code, whichever laptop writes them (issue 28): two
// laptops that record the same stage offline, or add the same panel offline, make one row, and the
// values that lost stand in the conflict ledger.
import { describe, expect, it } from 'vitest';
import { naturalId } from '../../../main/domain/natural-keys';
import { demoIds } from '../../helpers/demo-ids';
import { GOOD_MEASUREMENTS } from '../../helpers/measurements';
import { connect, laptop, replicaState } from '../../helpers/laptops';
import { startSyncServer } from '../../helpers/sync-server';

async function twoLaptops() {
  const { url, addUser } = await startSyncServer();
  await addUser('li', 'manager');
  await addUser('zhao', 'manager');
  const a = await laptop({ demo: true });
  const ids = await demoIds(a);
  await connect(a, url, 'li', true);
  const b = await laptop();
  await connect(b, url, 'zhao');
  const round = async () => {
    await a.api['sync:now']({});
    await b.api['sync:now']({});
    await a.api['sync:now']({});
  };
  return { a, b, ids, round };
}

describe('one record per panel stage', () => {
  it('two laptops that record the same stage offline make one record, the other depth in the ledger', async () => {
    const { a, b, ids, round } = await twoLaptops();
    const panel = ids.notStarted[0]!;
    const excavation = (depthM: number) => ({
      panelId: panel.id,
      stage: 'excavation' as const,
      siteDay: ids.asOf,
      shift: 'day' as const,
      measurements: { depthM },
    });
    // Neither has heard of the other's record.
    const fromA = await a.api['stages:record'](excavation(60.1));
    const fromB = await b.api['stages:record'](excavation(61.3));
    const id = naturalId(ids.projectId, 'panel_stage_events', [panel.id, 'excavation']);
    expect([fromA.id, fromB.id]).toEqual([id, id]);
    await round();

    for (const app of [a, b]) {
      const live = await app
        .db('panel_stage_events')
        .where({ panel_id: panel.id, stage: 'excavation' })
        .whereNull('deleted_at');
      expect(live.map((e) => [e.id, e.depth_m])).toEqual([[id, 61.3]]);
      const detail = await app.api['panels:get']({ panelId: panel.id });
      expect(detail.events.filter((e) => e.stage === 'excavation')).toHaveLength(1);
    }
    const ledger = await a.db('conflicts').where({ target_row: id, target_col: 'depth_m' });
    expect(ledger.map((c) => [c.kept_value, c.lost_value])).toEqual([['61.3', '60.1']]);
    expect(await replicaState(b.db)).toEqual(await replicaState(a.db));
  });

  it('two laptops that record the same re-test offline make one attempt, the other value in the ledger', async () => {
    const { a, b, ids, round } = await twoLaptops();
    const panel = ids.notStarted[2]!;
    const at = { panelId: panel.id, siteDay: ids.asOf, shift: 'day' as const };
    for (const stage of ['excavation', 'trench_acceptance'] as const)
      await a.api['stages:record']({ ...at, stage, measurements: GOOD_MEASUREMENTS[stage] });
    const failed = { slurryDensity: 1.31, slurryViscosityS: 30, slurrySandPct: 4 };
    await a.api['stages:record']({ ...at, stage: 'desanding', measurements: failed });
    await round();
    // Both engineers re-test the slurry, neither having heard of the other's.
    const retest = (app: typeof a, slurryDensity: number) =>
      app.api['inspections:record']({
        ...at,
        kind: 'slurry',
        values: { slurryDensity, slurryViscosityS: 29, slurrySandPct: 3 },
      });
    const [, onA] = await retest(a, 1.21);
    const [, onB] = await retest(b, 1.22);
    const id = naturalId(ids.projectId, 'inspections', [panel.id, 'slurry', 2]);
    expect([onA!.id, onB!.id]).toEqual([id, id]);
    await round();
    for (const app of [a, b]) {
      const slurry = (await app.api['panels:get']({ panelId: panel.id })).inspections.filter(
        (i) => i.kind === 'slurry',
      );
      expect(slurry.map((i) => [i.attempt, i.values.slurryDensity, i.pass])).toEqual([
        [1, 1.31, false],
        [2, 1.22, true],
      ]);
    }
    const ledger = await a.db('conflicts').where({ target_row: id, target_col: 'slurry_density' });
    expect(ledger.map((c) => [c.kept_value, c.lost_value])).toEqual([['1.22', '1.21']]);
    expect(await replicaState(b.db)).toEqual(await replicaState(a.db));
  });

  it('an undone stage recorded again is the same record brought back, on every laptop', async () => {
    const { a, b, ids, round } = await twoLaptops();
    const panel = ids.notStarted[1]!;
    const record = (depthM: number) =>
      a.api['stages:record']({
        panelId: panel.id,
        stage: 'excavation',
        siteDay: ids.asOf,
        shift: 'night',
        measurements: { depthM },
      });
    const first = await record(58);
    await round();
    await a.api['stages:delete']({ eventId: first.id });
    const again = await record(59.5);
    expect(again.id).toBe(first.id);
    await round();
    await b.api['sync:now']({});
    const detail = await b.api['panels:get']({ panelId: panel.id });
    expect(detail.status).toBe('excavation');
    expect(detail.events.at(-1)).toMatchObject({ id: first.id, measurements: { depthM: 59.5 } });
  });

  it('two laptops that add the same panel offline make one panel', async () => {
    const { a, b, ids, round } = await twoLaptops();
    const design = {
      structureId: ids.structureId,
      code: 'Z99',
      type: 'primary' as const,
      lengthM: 6,
      thicknessM: 1.2,
      designDepthM: 60,
      topLevelM: 3.5,
    };
    const onA = await a.api['panels:add'](design);
    const onB = await b.api['panels:add']({ ...design, thicknessM: 1.0 });
    expect(onB.id).toBe(onA.id);
    await round();
    for (const app of [a, b]) {
      const z = await app.db('panels').where({ code: 'Z99' }).whereNull('deleted_at');
      expect(z.map((p) => [p.id, p.thickness_m])).toEqual([[onA.id, 1.0]]);
    }
    const ledger = await a.db('conflicts').where({ target_row: onA.id, target_col: 'thickness_m' });
    expect(ledger.map((c) => [c.kept_value, c.lost_value])).toEqual([['1', '1.2']]);

    // A renamed panel keeps its id; the code it gave up makes a new panel, not the renamed one.
    await a.api['panels:update']({
      panelId: onA.id,
      changes: { code: 'Z99A' },
      reason: '编号更正',
    });
    const again = await a.api['panels:add'](design);
    expect(again.id).not.toBe(onA.id);
    expect((await a.api['panels:get']({ panelId: onA.id })).code).toBe('Z99A');
    await round();
    await b.api['sync:now']({});
    const codes = await b.db('panels').whereIn('code', ['Z99', 'Z99A']).whereNull('deleted_at');
    expect(codes.map((p) => [p.code, p.id]).sort()).toEqual(
      [
        ['Z99', again.id],
        ['Z99A', onA.id],
      ].sort(),
    );
  });
});
