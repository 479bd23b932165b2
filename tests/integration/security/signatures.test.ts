// Issue 28, "the signature is a synced record whose signer the server sets from the authenticated
// user": an engineer speaking the HTTP protocol cannot sign a hold point, in his own name or the
// supervisor's; a supervisor's laptop that writes another signer is stamped with his own account.
// Judged from the victim's side: the manager's laptop after it pulls.
import { describe, expect, it } from 'vitest';
import { naturalId } from '../../../main/domain/natural-keys';
import { ATTACKER_CLIENT, scene } from '../../helpers/hostile-scene';
import { expectAppError } from '../../helpers/expect-app-error';
import { connect, laptop } from '../../helpers/laptops';
import { GOOD_MEASUREMENTS } from '../../helpers/measurements';
import { changesOf, pushAs } from '../../helpers/protocol';
import { SERVER_KINDS } from '../../helpers/sync-server';

type PushAnswer = { acked: number[]; rejected: { op_id: number; code: string }[] };
const DAY = '2023-01-05';

describe.each(SERVER_KINDS)('supervisor signatures on a %s server', (_kind, options) => {
  it('refuses an engineer’s forged signature and stamps a supervisor’s with his own account', async () => {
    const sc = await scene(await options());
    const { projectId, panelIds } = sc.p1;
    const panelId = panelIds[0]!;
    // The manager requires the trench acceptance signed, and records the panel up to it.
    await sc.a.api['project:update']({ projectId, settings: { signatures: ['trench'] } });
    for (const stage of ['guide_wall', 'excavation', 'trench_acceptance'] as const)
      await sc.a.api['stages:record']({
        panelId,
        stage,
        siteDay: DAY,
        shift: 'day',
        measurements: GOOD_MEASUREMENTS[stage],
      });
    await sc.a.sync.syncNow();
    const supervisorId = await sc.s.addUser('sup', 'supervisor', projectId);

    // The attacker, an engineer of the project, signs the hold point as the supervisor.
    const row = naturalId(projectId, 'acceptances', [panelId, 'trench', 1]);
    const forged: [string, string, string, string | number][] = [
      ['project_id', projectId],
      ['panel_id', panelId],
      ['point', 'trench'],
      ['attempt', 1],
      ['decision', 'signed'],
      ['signed_by', supervisorId],
      ['signer_name', 'sup'],
      ['signed_at', '2023-01-05T10:00:00.000Z'],
      ['created_at', '2023-01-05T10:00:00.000Z'],
      ['updated_at', '2023-01-05T10:00:00.000Z'],
    ].map(([col, value]) => ['acceptances', row, col as string, value as string | number]);
    const res = await pushAs(
      sc.s.url,
      sc.attacker,
      projectId,
      changesOf(ATTACKER_CLIENT, forged, { firstOp: 1 }),
    );
    const answer = (await res.json()) as PushAnswer;
    expect(answer.acked).toEqual([]);
    expect(new Set(answer.rejected.map((r) => r.code))).toEqual(new Set(['auth.forbidden']));
    expect(answer.rejected).toHaveLength(forged.length);

    // The victim: no signature, and the next stage still waits for one.
    await sc.a.sync.syncNow();
    expect((await sc.a.api['panels:get']({ panelId })).acceptances).toEqual([]);
    await expectAppError(
      sc.a.api['stages:record']({
        panelId,
        stage: 'desanding',
        siteDay: DAY,
        shift: 'day',
        measurements: GOOD_MEASUREMENTS.desanding,
      }),
      'stage.needs_signature',
    );

    // The supervisor's laptop writes the manager as the signer: the server stamps its own account.
    const d = await laptop();
    await connect(d, sc.s.url, 'sup', false, projectId);
    await d.sync.syncNow();
    await d.sync.stop();
    await d.store.write((w) =>
      w.upsert(
        'acceptances',
        { project_id: projectId, panel_id: panelId, point: 'trench', attempt: 1 },
        {
          decision: 'signed',
          remark: null,
          signed_by: sc.a.store.identity.userId,
          signer_name: '王经理',
          signed_at: w.at,
        },
      ),
    );
    await d.sync.syncNow();
    await sc.a.sync.syncNow();
    const [signed] = (await sc.a.api['panels:get']({ panelId })).acceptances;
    expect(signed).toMatchObject({
      point: 'trench',
      decision: 'signed',
      signedBy: supervisorId,
      signerName: 'sup',
    });
    // And with the signature the stage goes on.
    await sc.a.api['stages:record']({
      panelId,
      stage: 'desanding',
      siteDay: DAY,
      shift: 'day',
      measurements: GOOD_MEASUREMENTS.desanding,
    });
    // A supervisor records no progress, on his laptop or through the server.
    await expectAppError(
      d.api['stages:record']({
        panelId: panelIds[1]!,
        stage: 'guide_wall',
        siteDay: DAY,
        shift: 'day',
        measurements: {},
      }),
      'auth.forbidden',
    );
  });
});
