// The panel facts a sheet, the schedule and the milestone list derive from are kept between calls
// and read again after any change: this laptop's writes, another connection's commits (the CLI
// on the same file), never a rolled-back write, never what a transaction has not committed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteKnex } from '../../../db/connection';
import { projectPanelFacts } from '../../../db/repositories/panel-facts';
import { panelStatuses } from '../../../db/repositories/stage-event-repository';
import { DATABASE_FILENAME } from '../../../main/app/app-context';
import { PANEL_STAGES } from '../../../main/domain/stages';
import { demoApp } from '../../helpers/app';
import { demoIds } from '../../helpers/demo-ids';
import { GOOD_MEASUREMENTS } from '../../helpers/measurements';
import { tempDir } from '../../helpers/temp-dir';
import { openAppContext } from '../../../main/app/app-context';

const statusOf = async (
  app: { db: Parameters<typeof panelStatuses>[0] },
  projectId: string,
  id: string,
) => (await panelStatuses(app.db, projectId)).find((p) => p.id === id);

describe('panel facts', () => {
  it('are read once while nothing changes, and again after this laptop writes', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const first = await projectPanelFacts(app.db, ids.projectId);
    expect(await projectPanelFacts(app.db, ids.projectId)).toBe(first);
    const panel = ids.notStarted[0]!;
    expect((await statusOf(app, ids.projectId, panel.id))!.rank).toBe(1);
    await app.api['stages:record']({
      panelId: panel.id,
      stage: 'excavation',
      siteDay: ids.asOf,
      shift: 'day',
      measurements: GOOD_MEASUREMENTS.excavation,
    });
    // Read again once, however many sections ask at the same moment.
    const [a, b] = await Promise.all([
      projectPanelFacts(app.db, ids.projectId),
      projectPanelFacts(app.db, ids.projectId),
    ]);
    expect(a).not.toBe(first);
    expect(b).toBe(a);
    expect((await statusOf(app, ids.projectId, panel.id))!.rank).toBe(
      PANEL_STAGES.indexOf('excavation') + 1,
    );
  });

  it('see another connection commit to the same file', async () => {
    const dataDir = tempDir();
    const app = await openAppContext({ dataDir, runtime: 'test', seedDemo: true });
    const other = createSqliteKnex({ filename: path.join(dataDir, DATABASE_FILENAME) });
    try {
      const ids = await demoIds(app);
      const panel = ids.panels[0]!;
      expect((await statusOf(app, ids.projectId, panel.id))!.code).toBe(panel.code);
      await other('panels').where({ id: panel.id }).update({ code: 'Z-99' });
      expect((await statusOf(app, ids.projectId, panel.id))!.code).toBe('Z-99');
    } finally {
      await other.destroy();
      await app.close();
    }
  });

  it('never keep a rolled-back write or what an open transaction read', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const panel = ids.panels[0]!;
    await projectPanelFacts(app.db, ids.projectId);
    await expect(
      app.db.transaction(async (trx) => {
        await trx('panels').where({ id: panel.id }).update({ code: 'ROLLED-BACK' });
        // Inside the transaction its own change is seen, and not kept.
        expect((await panelStatuses(trx, ids.projectId)).find((p) => p.id === panel.id)!.code).toBe(
          'ROLLED-BACK',
        );
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect((await statusOf(app, ids.projectId, panel.id))!.code).toBe(panel.code);
  });
});
