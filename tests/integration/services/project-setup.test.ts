// Setting up a real site through the API, as the wizard and Settings do: a project with the key
// teams, a circular shaft with generated panels, panels by hand, retired panels and teams, and
// milestones with their scopes. Every refusal changes nothing.
import { describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../../main/app/app-context';
import { expectAppError } from '../../helpers/expect-app-error';
import { dbChecksum } from '../../helpers/db-checksum';
import { tempDir } from '../../helpers/temp-dir';

const NOW = new Date('2026-03-02T02:00:00Z');
const WALL = { primaryLengthM: 3.6, secondaryLengthM: 3.2, thicknessM: 1.2, designDepthM: 60 };

async function newSite(): Promise<{ app: AppContext; projectId: string; structureId: string }> {
  const app = await openAppContext({
    dataDir: tempDir(),
    runtime: 'test',
    seedDemo: true,
    now: () => NOW,
  });
  const project = await app.api['project:create']({
    code: 'TC',
    nameZh: '太仓工作井',
    nameEn: 'Taicang working shaft',
    ownerName: '江苏海太过江通道有限公司',
    contractorName: '中交隧道局',
  });
  const withShaft = await app.api['structures:save']({
    projectId: project.id,
    code: 'TC-S',
    nameZh: '太仓工作井',
    nameEn: 'Taicang working shaft',
    kind: 'shaft',
    outline: { shape: 'circle', diameterM: 60 },
  });
  return { app, projectId: project.id, structureId: withShaft.structures[0]!.id };
}

describe('project set-up', () => {
  it('answers the first screen in one read: the welcome, then the project on its opening day', async () => {
    // 20:00 UTC on 1 March is 04:00 on 2 March at a site in China.
    const evening = new Date('2026-03-01T20:00:00Z');
    const app = await openAppContext({
      dataDir: tempDir(),
      runtime: 'test',
      seedDemo: true,
      now: () => evening,
    });
    const demo = await app.api['project:get']({});
    expect(await app.api['today:opening']({})).toEqual({
      firstRun: true,
      project: demo,
      today: null,
    });
    await app.api['project:select']({ projectId: demo.id });
    expect(await app.api['today:opening']({})).toEqual({
      firstRun: false,
      project: await app.api['project:get']({}),
      today: await app.api['today:get']({ projectId: demo.id, siteDay: demo.settings.demoToday! }),
    });
    const site = await app.api['project:create']({
      code: 'TC',
      nameZh: '太仓工作井',
      nameEn: 'Taicang working shaft',
      ownerName: '江苏海太过江通道有限公司',
      contractorName: '中交隧道局',
    });
    expect(site.timezone).toBe('Asia/Shanghai');
    const opening = await app.api['today:opening']({});
    expect(opening.project).toEqual(await app.api['project:get']({}));
    expect(opening.project?.id).toBe(site.id);
    expect(opening.today).toEqual(
      await app.api['today:get']({ projectId: site.id, siteDay: '2026-03-02' }),
    );
  });

  it('creates a project with the 8 key teams and opens on it, the demo kept', async () => {
    const { app, projectId } = await newSite();
    const list = await app.api['project:list']({});
    expect(list.map((p) => [p.code, p.isDemo, p.active])).toEqual([
      ['TC', false, true],
      ['HAITAI-DEMO', true, false],
    ]);
    const project = await app.api['project:get']({});
    expect(project).toMatchObject({
      id: projectId,
      isDemo: false,
      ownerName: '江苏海太过江通道有限公司',
      timezone: 'Asia/Shanghai',
    });
    const teams = await app.api['teams:list']({ projectId });
    expect(teams.map((t) => t.code)).toHaveLength(8);
    // The sheet's header names the owner and the contractor, in every format.
    const day = { projectId, siteDay: '2026-03-02' };
    const html = await app.api['sheet:preview']({ ...day, lang: 'zh-CN' });
    expect(html.html).toContain('建设单位</td><td>江苏海太过江通道有限公司');
    const csv = await app.api['sheet:export']({ ...day, lang: 'en', format: 'csv' });
    expect(Buffer.from(csv.dataBase64, 'base64').toString('utf8')).toContain(
      'Owner,江苏海太过江通道有限公司,Contractor,中交隧道局',
    );
    const demo = list.find((p) => p.isDemo)!;
    await app.api['project:select']({ projectId: demo.id });
    expect((await app.api['project:get']({})).id).toBe(demo.id);
    await app.close();
  });

  it('refuses a taken code, an open shaft outline and a second layout, changing nothing', async () => {
    const { app, projectId, structureId } = await newSite();
    await app.api['layout:apply']({ structureId, ...WALL });
    const before = await dbChecksum(app.db);
    await expectAppError(
      app.api['project:create']({ code: 'tc', nameZh: '重', nameEn: 'Again' }),
      'setup.code_taken',
    );
    const open = {
      shape: 'polyline' as const,
      closed: false,
      points: [
        { x: 0, y: 0 },
        { x: 9, y: 0 },
      ],
    };
    await expectAppError(
      app.api['structures:save']({
        projectId,
        code: 'RS',
        nameZh: '接收井',
        nameEn: 'Receiving shaft',
        kind: 'receiving_shaft',
        outline: open,
      }),
      'input.invalid',
    );
    const again = await expectAppError(
      app.api['layout:apply']({ structureId, ...WALL }),
      'setup.has_panels',
    );
    expect(again.details).toMatchObject({ count: 56 });
    expect(await dbChecksum(app.db)).toBe(before);
    await app.close();
  });

  it('lays the circular shaft from its outline, as previewed, with positions on the wall', async () => {
    const { app, projectId, structureId } = await newSite();
    const preview = await app.api['layout:preview']({
      outline: { shape: 'circle', diameterM: 60 },
      ...WALL,
    });
    expect(await app.api['layout:apply']({ structureId, ...WALL })).toEqual({
      created: preview.panels.length,
    });
    const panels = await app.api['panels:list']({ projectId, structureId });
    expect(panels.map((p) => p.code)).toEqual(preview.panels.map((p) => p.code));
    expect(panels[0]).toMatchObject({
      type: 'primary',
      lengthM: 3.6,
      position: { line: 0, fromM: 0, toM: 3.6, cornerAtM: null },
      status: 'not_started',
    });
    await app.close();
  });

  it('adds, corrects (with history), retires and removes panels by hand', async () => {
    const { app, projectId, structureId } = await newSite();
    const base = { structureId, type: 'primary' as const, lengthM: 3.6, thicknessM: 1.2 };
    const a1 = await app.api['panels:add']({ ...base, code: 'A1', designDepthM: 60, topLevelM: 3 });
    expect(a1).toMatchObject({ sequence: 1, toeLevelM: -57, theoreticalVolumeM3: 259.2 });
    await expectAppError(
      app.api['panels:add']({ ...base, code: 'a1', designDepthM: 60, topLevelM: 3 }),
      'setup.code_taken',
    );
    const pit = await app.api['structures:save']({
      projectId,
      code: 'PIT',
      nameZh: '集水坑',
      nameEn: 'Sump',
      kind: 'other',
      outline: { shape: 'rectangle', lengthM: 12, widthM: 8 },
    });
    const sump = pit.structures.find((s) => s.code === 'PIT')!.id;
    const long = await expectAppError(
      app.api['panels:add']({
        ...base,
        structureId: sump,
        code: 'A2',
        lengthM: 12.5,
        designDepthM: 60,
        topLevelM: 3,
      }),
      'input.invalid',
    );
    expect(JSON.stringify(long.details)).toContain('lengthM');

    const corrected = await app.api['panels:update']({
      panelId: a1.id,
      changes: { designDepthM: 62, toeLevelM: -59 },
      reason: '图纸 B 版',
    });
    expect(corrected).toMatchObject({ designDepthM: 62, theoreticalVolumeM3: 267.84 });
    expect(corrected.designChanges).toEqual([
      expect.objectContaining({
        changes: { design_depth_m: [60, 62], toe_level_m: [-57, -59] },
        reason: '图纸 B 版',
        changedByName: '现场工程师',
      }),
    ]);

    await app.api['stages:record']({
      panelId: a1.id,
      stage: 'guide_wall',
      siteDay: '2026-03-02',
      shift: 'day',
      measurements: {},
    });
    const removal = await expectAppError(
      app.api['panels:remove']({ panelId: a1.id }),
      'setup.has_history',
    );
    expect(removal.details).toMatchObject({ entity: 'panel', name: 'A1' });
    const b1 = await app.api['panels:add']({
      ...base,
      code: 'B1',
      type: 'secondary',
      designDepthM: 60,
      topLevelM: 3,
    });
    expect(await app.api['panels:remove']({ panelId: b1.id })).toEqual({ removed: true });

    // A retired panel stays in the register and leaves every count and forecast.
    await app.api['milestones:create']({
      projectId,
      nameZh: '井壁完成',
      nameEn: 'Shaft walls complete',
      dueDate: '2026-06-30',
      scope: { structureId },
    });
    await app.api['panels:retire']({ panelId: a1.id, retired: true });
    const register = await app.api['panels:list']({ projectId, structureId });
    expect(register.map((p) => [p.code, p.retiredAt !== null])).toEqual([['A1', true]]);
    const [milestone] = await app.api['milestones:list']({ projectId });
    expect(milestone).toMatchObject({ scopeTotal: 0 });
    const schedule = await app.api['schedule:get']({ projectId, asOf: '2026-03-02' });
    expect(schedule.structures[0]).toMatchObject({ total: 0 });
    await app.close();
  });

  it('keeps a retired team out of the entry form except on a day it worked', async () => {
    const { app, projectId } = await newSite();
    const teams = await app.api['teams:list']({ projectId });
    const [first, second] = teams;
    await app.api['crews:set']({
      projectId,
      siteDay: '2026-03-01',
      shift: 'day',
      teamId: first!.id,
      headcount: 12,
      hours: 12,
    });
    await app.api['teams:retire']({ teamId: first!.id, retired: true });
    const day = (siteDay: string) => app.api['crews:day']({ projectId, siteDay });
    expect((await day('2026-03-02')).teams.map((t) => t.id)).not.toContain(first!.id);
    expect((await day('2026-03-01')).teams.map((t) => t.id)).toContain(first!.id);

    const renamed = await app.api['teams:save']({
      projectId,
      teamId: second!.id,
      code: second!.code,
      nameZh: '钢筋一班',
      nameEn: 'Rebar 1',
    });
    expect(renamed.find((t) => t.id === second!.id)!.nameEn).toBe('Rebar 1');
    const added = await app.api['teams:save']({
      projectId,
      code: 'grout',
      nameZh: '注浆班',
      nameEn: 'Grouting',
    });
    const grout = added.find((t) => t.code === 'grout')!;
    const reordered = await app.api['teams:reorder']({ projectId, teamIds: [grout.id] });
    expect(reordered[0]!.id).toBe(grout.id);
    expect(reordered.map((t) => t.sortOrder)).toEqual(reordered.map((_, i) => i + 1));
    await app.close();
  });

  it('lays panels within the project’s own panel lengths, whatever the caller asks', async () => {
    const { app, projectId, structureId } = await newSite();
    // Shortest 3.15 m: a 60 m circle's 3.131 m B panels (the default's layout) no longer fit.
    await app.api['project:update']({
      projectId,
      settings: { panelLengths: { minM: 3.15, maxM: 8 } },
    });
    // The bounds are the project's: a caller cannot widen them at apply.
    await expectAppError(
      app.api['layout:apply']({
        structureId,
        ...WALL,
        panelLengths: { minM: 1, maxM: 12 },
      } as never),
      'input.invalid',
    );
    await app.api['layout:apply']({ structureId, ...WALL });
    const lengths = (await app.api['panels:list']({ projectId, structureId })).map(
      (p) => p.lengthM,
    );
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(3.15);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(8);
    // A shortest panel above the longest is refused, naming the setting, and changes nothing.
    const before = await dbChecksum(app.db);
    const refused = await expectAppError(
      app.api['project:update']({ projectId, settings: { panelLengths: { minM: 6, maxM: 4 } } }),
      'input.invalid',
    );
    expect(JSON.stringify(refused.details)).toContain('issues.minAboveMax');
    expect(await dbChecksum(app.db)).toBe(before);
    await app.close();
  });

  it('scopes milestones to a structure or panels and a stage, refusing a scope that names nothing', async () => {
    const { app, projectId, structureId } = await newSite();
    await app.api['layout:apply']({ structureId, ...WALL });
    const panels = await app.api['panels:list']({ projectId });
    const guide = await app.api['milestones:create']({
      projectId,
      nameZh: '导墙完成',
      nameEn: 'Guide walls done',
      dueDate: '2026-04-01',
      scope: { panelIds: panels.slice(0, 2).map((p) => p.id) },
      stage: 'guide_wall',
    });
    expect(guide).toMatchObject({ scopeTotal: 2, scopeFinished: 0, scopeStage: 'guide_wall' });
    for (const p of panels.slice(0, 2))
      await app.api['stages:record']({
        panelId: p.id,
        stage: 'guide_wall',
        siteDay: '2026-03-02',
        shift: 'day',
        measurements: {},
      });
    const [done] = await app.api['milestones:list']({ projectId });
    expect(done).toMatchObject({ scopeFinished: 2, actualDate: '2026-03-02' });

    const before = await dbChecksum(app.db);
    await expectAppError(
      app.api['milestones:create']({
        projectId,
        nameZh: '空',
        nameEn: 'Nothing',
        dueDate: '2026-04-01',
        scope: { structureId: projectId },
      }),
      'input.invalid',
    );
    expect(await dbChecksum(app.db)).toBe(before);

    await app.api['milestones:set-due']({ milestoneId: guide.id, dueDate: '2026-04-10' });
    await expectAppError(
      app.api['milestones:delete']({ milestoneId: guide.id }),
      'setup.has_history',
    );
    const spare = await app.api['milestones:create']({
      projectId,
      nameZh: '井壁完成',
      nameEn: 'Shaft walls complete',
      dueDate: '2026-06-30',
      scope: { structureId },
    });
    expect(spare.scopeTotal).toBe(panels.length);
    expect(await app.api['milestones:delete']({ milestoneId: spare.id })).toEqual({
      deleted: true,
    });
    await app.close();
  });
});

describe('a project from a definition file, in the app', () => {
  it('exports the set-up and creates the same set-up elsewhere; bad files are refused whole', async () => {
    const from = await openAppContext({
      dataDir: tempDir(),
      runtime: 'test',
      seedDemo: true,
      now: () => NOW,
    });
    const demo = await from.api['project:get']({});
    const file = await from.api['project:export']({ projectId: demo.id });
    expect(file.fileName).toBe('HAITAI-DEMO.haitai-project.json');

    const to = await openAppContext({ dataDir: tempDir(), runtime: 'test', now: () => NOW });
    const before = await dbChecksum(to.db);
    const junk = { fileName: 'junk.json', dataBase64: Buffer.from('{ nope').toString('base64') };
    await expectAppError(to.api['project:create-from-file'](junk), 'import.unreadable');
    const definition = JSON.parse(Buffer.from(file.dataBase64, 'base64').toString('utf8'));
    definition.structures[0].panels[0].lengthM = -1;
    const bad = {
      fileName: 'bad.json',
      dataBase64: Buffer.from(JSON.stringify(definition)).toString('base64'),
    };
    const refused = await expectAppError(to.api['project:create-from-file'](bad), 'input.invalid');
    expect(JSON.stringify(refused.details)).toContain('structures.0.panels.0.lengthM');
    expect(await dbChecksum(to.db)).toBe(before);

    const created = await to.api['project:create-from-file']({
      fileName: 'demo.json',
      dataBase64: file.dataBase64,
    });
    expect(created).toMatchObject({ code: 'HAITAI-DEMO', isDemo: false });
    const again = await to.api['project:export']({ projectId: created.id });
    expect(JSON.parse(Buffer.from(again.dataBase64, 'base64').toString('utf8'))).toEqual(
      JSON.parse(Buffer.from(file.dataBase64, 'base64').toString('utf8')),
    );
    expect(await to.api['panels:list']({ projectId: created.id })).toHaveLength(60);
    await from.close();
    await to.close();
  });
});
