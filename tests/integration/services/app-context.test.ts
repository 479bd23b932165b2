import { wallLength } from '../../../main/domain/outline';
import { describe, expect, it } from 'vitest';
import { openAppContext } from '../../../main/app/app-context';
import { demoScenario } from '../../../main/features/demo/demo-seed';
import { tempDir } from '../../helpers/temp-dir';

describe('the demo project', () => {
  it('is seeded once into an empty database and survives a restart unchanged', async () => {
    const dataDir = tempDir();
    const first = await openAppContext({ dataDir, runtime: 'test', seedDemo: true });
    expect(first.seededDemo).toBe(true);
    const project = await first.api['project:get']({});
    const panels = await first.api['panels:list']({ projectId: project.id });
    await first.close();

    const second = await openAppContext({ dataDir, runtime: 'test', seedDemo: true });
    try {
      expect(second.seededDemo).toBe(false);
      expect(await second.api['project:get']({})).toEqual(project);
      expect(await second.api['panels:list']({ projectId: project.id })).toEqual(panels);
    } finally {
      await second.close();
    }
  });

  it('is the Haimen shaft: 60 panels closing the ring, 8 teams, walls due 2023-02-20', async () => {
    const app = await openAppContext({ dataDir: tempDir(), runtime: 'test', seedDemo: true });
    try {
      const project = await app.api['project:get']({});
      const shaft = project.structures[0]!;
      expect(shaft.nameZh).toBe('海门工作井');
      const panels = await app.api['panels:list']({ projectId: project.id });
      const count = (type: string) => panels.filter((p) => p.type === type).length;
      expect([count('primary'), count('secondary'), count('closing')]).toEqual([28, 28, 4]);
      expect(new Set(panels.map((p) => p.code)).size).toBe(60);
      // The panels go exactly once around the shaft outline.
      const perimeter = wallLength(shaft.outline!);
      expect(panels.reduce((sum, p) => sum + p.lengthM, 0)).toBeCloseTo(perimeter, 6);
      for (const p of panels) {
        expect(p.theoreticalVolumeM3).toBeCloseTo(p.lengthM * p.thicknessM * p.designDepthM, 2);
        expect(p.toeLevelM).toBeCloseTo(p.topLevelM - p.designDepthM, 6);
        expect(p.lengthM).toBeGreaterThanOrEqual(3);
        expect(p.lengthM).toBeLessThanOrEqual(8);
      }
      const teams = await app.db('teams').where({ project_id: project.id }).orderBy('sort_order');
      expect(teams.map((t: { name_zh: string }) => t.name_zh)).toEqual(
        demoScenario.teams.map((t) => t.nameZh),
      );
      expect(teams).toHaveLength(8);
      const milestones = await app.db('milestones').where({ project_id: project.id });
      expect(milestones).toMatchObject([
        {
          name_en: 'Shaft diaphragm walls complete',
          due_date: '2023-02-20',
          baseline_date: '2023-02-20',
          scope_structure_id: shaft.id,
        },
      ]);
    } finally {
      await app.close();
    }
  });

  it('is not seeded when the caller does not ask for it', async () => {
    const app = await openAppContext({ dataDir: tempDir(), runtime: 'test' });
    try {
      expect(app.seededDemo).toBe(false);
      const error = await app.api['project:get']({}).catch((e: unknown) => e);
      expect((error as { code: string }).code).toBe('not_found');
    } finally {
      await app.close();
    }
  });
});
