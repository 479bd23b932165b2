import { describe, expect, it } from 'vitest';
import { PANEL_STAGES, type PanelStage } from '../../../main/domain/stages';
import { demoApp } from '../../helpers/app';
import { demoIds } from '../../helpers/demo-ids';
import { GOOD_MEASUREMENTS } from '../../helpers/measurements';

describe('milestones', () => {
  it('shows scope progress and gets its actual date when the last panel is concreted', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    expect(ids.milestone).toMatchObject({
      nameEn: 'Shaft diaphragm walls complete',
      dueDate: '2023-02-20',
      baselineDate: '2023-02-20',
      scopeTotal: 60,
      scopeFinished: 47,
      actualDate: null,
    });
    const open = ids.panels.filter((p) => p.status !== 'concreting');
    for (const [i, panel] of open.entries()) {
      const day = i < 6 ? '2023-01-28' : '2023-01-29';
      for (const stage of PANEL_STAGES.slice(
        PANEL_STAGES.indexOf(panel.status as PanelStage) + 1,
      )) {
        await app.api['stages:record']({
          panelId: panel.id,
          stage,
          siteDay: day,
          shift: 'day',
          measurements: GOOD_MEASUREMENTS[stage],
        });
      }
      const [m] = await app.api['milestones:list']({ projectId: ids.projectId });
      expect(m!.actualDate).toBe(i === open.length - 1 ? '2023-01-29' : null);
    }
    const [done] = await app.api['milestones:list']({ projectId: ids.projectId });
    expect(done).toMatchObject({ scopeFinished: 60, actualDate: '2023-01-29' });
    // Undoing the last concreting reopens the milestone: the date is derived, never typed in.
    const last = (await app.api['panels:get']({ panelId: open.at(-1)!.id })).events.at(-1)!;
    await app.api['stages:delete']({ eventId: last.id });
    expect(
      (await app.api['milestones:list']({ projectId: ids.projectId }))[0]!.actualDate,
    ).toBeNull();
  });

  it('keeps the baseline when the due date moves, and records who moved it', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const moved = await app.api['milestones:set-due']({
      milestoneId: ids.milestone.id,
      dueDate: '2023-02-28',
    });
    expect(moved).toMatchObject({ dueDate: '2023-02-28', baselineDate: '2023-02-20' });
    const change = await app
      .db('outbox')
      .where({ tbl: 'milestones', row_id: ids.milestone.id, col: 'due_date' })
      .first();
    expect(change.value).toBe('"2023-02-28"');
    const by = await app
      .db('outbox')
      .where({ tbl: 'milestones', row_id: ids.milestone.id, col: 'updated_by' })
      .first();
    expect(JSON.parse(by.value)).toBe(app.store.identity.userId);
  });
});
