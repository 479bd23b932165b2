// A project set up on one laptop is published from it, and a second laptop following it gets the
// whole set-up; another project's changes on the first laptop stay there, neither pushed nor
// refused.
import { describe, expect, it } from 'vitest';
import { connect, laptop } from '../../helpers/laptops';
import { startSyncServer } from '../../helpers/sync-server';

const WALL = { primaryLengthM: 3.6, secondaryLengthM: 3.2, thicknessM: 1.2, designDepthM: 60 };

describe('a new project on two laptops', () => {
  it('is published whole, followed whole, and keeps the other project out of the server', async () => {
    const server = await startSyncServer();
    await server.addUser('wang', 'manager');
    await server.addUser('li', 'engineer');
    const a = await laptop({ demo: true });
    const demo = await a.api['project:get']({});
    // An edit of the demo before the new project exists: it belongs to the demo alone.
    await a.api['crews:staff']({
      projectId: demo.id,
      siteDay: demo.settings.demoToday!,
      headcount: 160,
    });

    const project = await a.api['project:create']({
      code: 'TC',
      nameZh: '太仓工作井',
      nameEn: 'Taicang',
    });
    const saved = await a.api['structures:save']({
      projectId: project.id,
      code: 'TC-S',
      nameZh: '太仓工作井',
      nameEn: 'Taicang shaft',
      kind: 'shaft',
      outline: { shape: 'circle', diameterM: 60 },
    });
    const structureId = saved.structures[0]!.id;
    await a.api['layout:apply']({ structureId, ...WALL });
    await a.api['milestones:create']({
      projectId: project.id,
      nameZh: '井壁完成',
      nameEn: 'Shaft walls complete',
      dueDate: '2027-02-20',
      scope: { structureId },
    });

    const status = await connect(a, server.url, 'wang', true);
    expect(status).toMatchObject({ projectId: project.id, pendingChanges: 0, rejected: 0 });
    expect(await a.api['sync:rejected']({})).toEqual([]);
    // The demo's change waits on this laptop; the server never saw it.
    expect(await a.db('outbox').count({ n: '*' })).not.toEqual([{ n: 0 }]);
    const held = await server.server.store.knex('cells').where({ project_id: demo.id }).first();
    expect(held).toBeUndefined();

    const b = await laptop();
    await connect(b, server.url, 'li', false);
    const followed = await b.api['project:get']({});
    expect(followed).toMatchObject({ id: project.id, code: 'TC', isDemo: false });
    expect(followed.structures.map((s) => [s.code, s.outline])).toEqual([
      ['TC-S', { shape: 'circle', diameterM: 60 }],
    ]);
    const panels = await b.api['panels:list']({ projectId: project.id });
    expect(panels).toHaveLength(56);
    expect(panels[0]!.position).toEqual({ line: 0, fromM: 0, toM: 3.6, cornerAtM: null });
    expect(await b.api['teams:list']({ projectId: project.id })).toHaveLength(8);
    expect(await b.api['milestones:list']({ projectId: project.id })).toMatchObject([
      { nameZh: '井壁完成', scopeTotal: 56 },
    ]);
    expect((await b.api['project:list']({})).map((p) => p.code)).toEqual(['TC']);
  });
});
