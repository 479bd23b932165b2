// Issue 28, "a correction is a new version with who, when, old, new and a reason": the history of
// corrections is append-only on the server. An engineer speaking the HTTP protocol cannot rewrite
// a correction's reason or values, delete it, or write one in the manager's name. Judged from the
// victim's side: the manager's laptop after it pulls.
import { describe, expect, it } from 'vitest';
import { newId } from '../../../main/domain/ids';
import { ATTACKER_CLIENT, DAY, scene } from '../../helpers/hostile-scene';
import { GOOD_MEASUREMENTS } from '../../helpers/measurements';
import { changesOf, pushAs } from '../../helpers/protocol';
import { SERVER_KINDS } from '../../helpers/sync-server';

type PushAnswer = { acked: number[]; rejected: { op_id: number; code: string }[] };

describe.each(SERVER_KINDS)('the corrections on a %s server', (_kind, options) => {
  it('cannot be rewritten, deleted or forged in another name', async () => {
    const sc = await scene(await options());
    const { projectId, panelIds } = sc.p1;
    const panelId = panelIds[0]!;
    const at = { panelId, siteDay: DAY, shift: 'day' as const };
    for (const stage of ['guide_wall', 'excavation', 'trench_acceptance'] as const)
      await sc.a.api['stages:record']({ ...at, stage, measurements: GOOD_MEASUREMENTS[stage] });
    const failed = { slurryDensity: 1.31, slurryViscosityS: 30, slurrySandPct: 4 };
    const desanding = await sc.a.api['stages:record']({
      ...at,
      stage: 'desanding',
      measurements: failed,
    });
    const written = await sc.a.api['records:correct']({
      recordTable: 'panel_stage_events',
      recordId: desanding.id,
      action: 'corrected',
      values: { ...failed, slurryViscosityS: 31 },
      reason: '黏度复读',
    });
    await sc.a.sync.syncNow();
    const before = (await sc.a.api['panels:get']({ panelId })).corrections;
    expect(before).toHaveLength(1);

    // The attacker rewrites the reason and the old value, and deletes the correction.
    const rewrite = changesOf(
      ATTACKER_CLIENT,
      [
        ['corrections', written.id, 'reason', '经理要求改的'],
        ['corrections', written.id, 'changes', JSON.stringify({ slurryViscosityS: [31, 31] })],
        ['corrections', written.id, 'corrected_at', '2023-01-01T00:00:00.000Z'],
        ['corrections', written.id, 'deleted_at', '2023-01-06T00:00:00.000Z'],
      ],
      { firstOp: 1 },
    );
    const refused = (await (
      await pushAs(sc.s.url, sc.attacker, projectId, rewrite)
    ).json()) as PushAnswer;
    expect(refused.acked).toEqual([]);
    expect(refused.rejected.map((r) => r.code)).toEqual(Array(4).fill('auth.forbidden'));

    // A correction of his own written in the manager's name: kept, as his.
    const forgedId = newId();
    const forged = changesOf(
      ATTACKER_CLIENT,
      (
        [
          ['project_id', projectId],
          ['panel_id', panelId],
          ['record_table', 'panel_stage_events'],
          ['record_id', desanding.id],
          ['action', 'corrected'],
          ['changes', JSON.stringify({ slurryDensity: [1.31, 1.2] })],
          ['reason', '经理更正'],
          ['corrected_by', sc.a.store.identity.userId],
          ['corrector_name', '王经理'],
          ['corrected_at', '2023-01-05T12:00:00.000Z'],
          ['created_at', '2023-01-05T12:00:00.000Z'],
          ['updated_at', '2023-01-05T12:00:00.000Z'],
        ] as const
      ).map(([col, value]) => ['corrections', forgedId, col, value]),
      { firstOp: 5 },
    );
    const kept = (await (
      await pushAs(sc.s.url, sc.attacker, projectId, forged)
    ).json()) as PushAnswer;
    expect(kept.rejected).toEqual([]);

    // The victim: his correction as he made it; the other one in the attacker's name.
    await sc.a.sync.syncNow();
    const after = (await sc.a.api['panels:get']({ panelId })).corrections;
    const { version: _v, ...mine } = before[0]!;
    expect(after.find((c) => c.id === written.id)).toMatchObject(mine);
    expect(after.find((c) => c.id === forgedId)).toMatchObject({
      id: forgedId,
      correctedBy: sc.attacker.userId,
      correctorName: 'eng',
    });
  });
});
