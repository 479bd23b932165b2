// Milestones and structure plans from a planner's P6 or Microsoft Project file, through the API as
// the Schedule import screen calls it: preview, pick and map, commit; then the planner's next
// month's file (an activity renamed, dates moved, a milestone added) re-imported by activity code.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../../main/app/app-context';
import { importedMilestoneId } from '../../../main/features/schedule-import/import-service';
import { dbChecksum } from '../../helpers/db-checksum';
import { expectAppError } from '../../helpers/expect-app-error';
import { tempDir } from '../../helpers/temp-dir';

const NOW = new Date('2023-01-27T02:00:00Z');
const file = (name: string) => ({
  fileName: name,
  dataBase64: fs.readFileSync(`tests/fixtures/${name}`).toString('base64'),
});

async function site(): Promise<{ app: AppContext; projectId: string; structureId: string }> {
  const app = await openAppContext({ dataDir: tempDir(), runtime: 'test', now: () => NOW });
  const project = await app.api['project:create']({
    code: 'HM',
    nameZh: '海门工作井',
    nameEn: 'Haimen working shaft',
  });
  const saved = await app.api['structures:save']({
    projectId: project.id,
    code: 'HM-S',
    nameZh: '海门工作井',
    nameEn: 'Haimen working shaft',
    kind: 'shaft',
    outline: { shape: 'circle', diameterM: 30 },
  });
  const structureId = saved.structures[0]!.id;
  await app.api['layout:apply']({
    structureId,
    primaryLengthM: 3.6,
    secondaryLengthM: 3.2,
    thicknessM: 1.2,
    designDepthM: 50,
  });
  return { app, projectId: project.id, structureId };
}

describe('schedule import', () => {
  it('previews a P6 file: activities, milestones, WBS path and dates, nothing written', async () => {
    const { app, projectId } = await site();
    const before = await dbChecksum(app.db);
    const preview = await app.api['schedule:import-preview']({
      projectId,
      ...file('schedule-cp1252.xer'),
    });
    expect(await dbChecksum(app.db)).toBe(before);
    expect(preview).toMatchObject({ format: 'xer', encoding: 'windows-1252', milestoneCount: 2 });
    // Every activity of the file is listed and counted by kind, the level-of-effort one too.
    expect(preview.activities.map((a) => a.code).sort()).toEqual([
      'A1000',
      'L0001',
      'M0010',
      'M1000',
    ]);
    expect(preview.kinds).toEqual([
      { kind: 'task', count: 1 },
      { kind: 'start_milestone', count: 1 },
      { kind: 'finish_milestone', count: 1 },
      { kind: 'level_of_effort', count: 1 },
    ]);
    const m1000 = preview.activities.find((a) => a.code === 'M1000')!;
    expect(m1000).toMatchObject({
      name: 'Shaft walls complete',
      wbsPath: ['Haimen shaft', 'Diaphragm walls – zone A'],
      milestone: true,
      // No target dates in the file: the baseline is the day it is first due.
      baselineFinish: null,
      due: '2023-02-20',
      baseline: '2023-02-20',
      milestoneId: null,
      change: null,
    });
  });

  it('imports picked milestones with their scopes and a structure plan, then re-imports by code', async () => {
    const { app, projectId, structureId } = await site();
    const first = await app.api['schedule:import-commit']({
      projectId,
      ...file('schedule-cp1252.xer'),
      milestones: [
        { code: 'M1000', scope: { structureId } },
        { code: 'M0010', scope: null },
      ],
      plans: [{ structureId, code: 'A1000' }],
    });
    expect(first).toEqual({ added: 2, updated: 0, unchanged: 0, plansSet: 1 });
    const asOf = '2023-01-27';
    let schedule = await app.api['schedule:get']({ projectId, asOf });
    const walls = () => schedule.milestones.find((m) => m.sourceCode === 'M1000')!;
    expect(walls()).toMatchObject({
      nameEn: 'Shaft walls complete',
      dueDate: '2023-02-20',
      baselineDate: '2023-02-20',
      scopeStructureId: structureId,
      sourceWbs: 'Haimen shaft › Diaphragm walls – zone A',
    });
    expect(walls().scopeTotal).toBeGreaterThan(20);
    // Its id comes from the project and the activity code: two laptops importing the same
    // schedule offline make one milestone, not two.
    expect(walls().id).toBe(importedMilestoneId(projectId, 'M1000'));
    // Left without a scope: on the Gantt with its date, never forecast.
    const start = schedule.milestones.find((m) => m.sourceCode === 'M0010')!;
    expect(start.forecast.status).toBe('unmapped');
    expect(start.dueDate).toBe('2022-11-01');
    let plan = (await app.api['project:get']({ projectId })).structures[0]!;
    expect([plan.plannedStart, plan.plannedFinish]).toEqual(['2022-11-10', '2023-02-14']);

    // A hand edit of the English name survives the re-import; the untouched Chinese name follows.
    await app.api['milestones:update']({ milestoneId: walls().id, nameEn: 'Walls closed (ours)' });
    const preview = await app.api['schedule:import-preview']({
      projectId,
      ...file('schedule-renamed.xer'),
    });
    const renamed = preview.activities.find((a) => a.code === 'M1000')!;
    expect(renamed).toMatchObject({
      change: 'update',
      milestoneDue: '2023-02-20',
      due: '2023-02-24',
    });
    expect(preview.activities.find((a) => a.code === 'A1000')!.planFor).toEqual([structureId]);

    const again = await app.api['schedule:import-commit']({
      projectId,
      ...file('schedule-renamed.xer'),
      milestones: [],
      plans: [],
    });
    expect(again).toEqual({ added: 0, updated: 1, unchanged: 1, plansSet: 1 });
    schedule = await app.api['schedule:get']({ projectId, asOf });
    expect(walls()).toMatchObject({
      nameZh: 'Shaft walls closed – all panels',
      nameEn: 'Walls closed (ours)',
      dueDate: '2023-02-24',
      baselineDate: '2023-02-20',
      scopeStructureId: structureId,
    });
    // The move is in the milestone's history, with the file it came from.
    expect(walls().changes.map((c) => [c.fromDate, c.toDate, c.reason])).toEqual([
      ['2023-02-20', '2023-02-24', 'P6: schedule-renamed.xer'],
    ]);
    // The new milestone in the file was not picked, so it was not added.
    expect(schedule.milestones.some((m) => m.sourceCode === 'M0900')).toBe(false);
    plan = (await app.api['project:get']({ projectId })).structures[0]!;
    expect(plan.plannedFinish).toBe('2023-02-22');
    // The same file again changes nothing.
    const before = await dbChecksum(app.db);
    const third = await app.api['schedule:import-commit']({
      projectId,
      ...file('schedule-renamed.xer'),
      milestones: [],
      plans: [],
    });
    expect(third).toEqual({ added: 0, updated: 0, unchanged: 2, plansSet: 0 });
    expect(await dbChecksum(app.db)).toBe(before);
  });

  it('refuses what it cannot import, by path, and writes nothing', async () => {
    const { app, projectId, structureId } = await site();
    const before = await dbChecksum(app.db);
    const refused = await expectAppError(
      app.api['schedule:import-commit']({
        projectId,
        ...file('schedule-cp1252.xer'),
        milestones: [
          { code: 'M1000', scope: { structureId } },
          { code: 'NOPE', scope: null },
          { code: 'M0010', scope: { panelIds: ['0190b3c4-0000-7000-8000-000000000000'] } },
        ],
        plans: [{ structureId: '0190b3c4-0000-7000-8000-000000000001', code: 'A1000' }],
      }),
      'input.invalid',
    );
    expect(refused.details.issues).toEqual([
      { path: 'milestones.1.code', message: 'not in the file' },
      { path: 'milestones.2.scope', message: 'names nothing in the project' },
      { path: 'plans.0.structureId', message: 'no such structure' },
    ]);
    // Not a schedule; a schedule whose XML declares a DOCTYPE; a wrong extension.
    await expectAppError(
      app.api['schedule:import-preview']({
        projectId,
        fileName: 'notes.xer',
        dataBase64: Buffer.from('hello').toString('base64'),
      }),
      'import.unreadable',
    );
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Project><Tasks><Task><Name>&lol2;</Name></Task></Tasks></Project>';
    await expectAppError(
      app.api['schedule:import-preview']({
        projectId,
        fileName: 'bomb.xml',
        dataBase64: Buffer.from(bomb).toString('base64'),
      }),
      'import.unreadable',
    );
    await expectAppError(
      app.api['schedule:import-preview']({ projectId, fileName: 'plan.xlsx', dataBase64: '' }),
      'input.invalid',
    );
    expect(await dbChecksum(app.db)).toBe(before);
  });
});
