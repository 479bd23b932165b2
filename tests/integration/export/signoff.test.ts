import { describe, expect, it } from 'vitest';
import { demoApp } from '../../helpers/app';
import { demoIds } from '../../helpers/demo-ids';
import { expectAppError } from '../../helpers/expect-app-error';

describe('signing off the daily sheet', () => {
  it('is submitted by an engineer, approved by a manager, and locked against later changes', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const day = { projectId: ids.projectId, siteDay: ids.asOf };
    expect(await app.api['sheet:state'](day)).toMatchObject({
      revisions: [],
      approved: null,
      changed: true,
    });

    let state = await app.api['sheet:submit'](day);
    expect(state.revisions).toMatchObject([{ revision: 1, status: 'submitted' }]);
    // A laptop signed in as an engineer may not approve, offline too; a manager may.
    app.store.identity.role = 'engineer';
    await expectAppError(app.api['sheet:approve'](day), 'auth.forbidden');
    expect(await app.db('sheet_revisions').where({ status: 'approved' })).toHaveLength(0);
    app.store.identity.role = 'manager';
    state = await app.api['sheet:approve'](day);
    expect(state).toMatchObject({ approved: { revision: 1, status: 'approved' }, changed: false });
    await expectAppError(app.api['sheet:approve'](day), 'sheet.nothing_to_approve');
    const approvedCsv = (
      await app.api['sheet:export']({ ...day, lang: 'en', format: 'csv', revision: 1 })
    ).dataBase64;
    const approvedHtml = (await app.api['sheet:preview']({ ...day, lang: 'en', revision: 1 })).html;
    // The approval's time on the site's clock (Beijing, UTC+8), written the English way; never the
    // stored UTC text.
    const approvedAt = state.approved!.approvedAt!;
    const beijing = new Date(new Date(approvedAt).getTime() + 8 * 3600_000);
    const month = beijing.toLocaleString('en', { month: 'short', timeZone: 'UTC' });
    const clock = beijing.toISOString().slice(11, 16);
    expect(approvedHtml).toContain(
      `${beijing.getUTCDate()} ${month} ${beijing.getUTCFullYear()} ${clock} (Revision 1)`,
    );
    expect(approvedHtml).not.toContain(approvedAt);
    const zh = (await app.api['sheet:preview']({ ...day, lang: 'zh-CN', revision: 1 })).html;
    expect(zh).toContain(
      `${beijing.getUTCFullYear()}年${beijing.getUTCMonth() + 1}月${beijing.getUTCDate()}日 ${clock} (第 1 版)`,
    );

    // The day's data changes after approval: revision 1 stays exactly as approved.
    await app.api['crews:staff']({ ...day, headcount: 77 });
    state = await app.api['sheet:state'](day);
    expect(state).toMatchObject({ approved: { revision: 1 }, changed: true });
    expect(
      (await app.api['sheet:export']({ ...day, lang: 'en', format: 'csv', revision: 1 }))
        .dataBase64,
    ).toBe(approvedCsv);
    const live = Buffer.from(
      (await app.api['sheet:export']({ ...day, lang: 'en', format: 'csv' })).dataBase64,
      'base64',
    ).toString('utf8');
    expect(live).toContain('Management staff,77');

    state = await app.api['sheet:submit'](day);
    expect(state.revisions.map((r) => [r.revision, r.status])).toEqual([
      [1, 'approved'],
      [2, 'submitted'],
    ]);
    state = await app.api['sheet:approve'](day);
    expect(state).toMatchObject({ approved: { revision: 2 }, changed: false });
    // Every step is a synced change, so every laptop sees the same sign-off.
    expect(
      Number((await app.db('outbox').where({ tbl: 'sheet_revisions' }).count({ n: '*' }))[0]!.n),
    ).toBeGreaterThan(0);
  });

  it('does not call an approved day changed when the project starts a section later, only when the day gets a record of it', async () => {
    const app = await demoApp();
    const project = await app.api['project:create']({
      code: 'NM',
      nameZh: '新井',
      nameEn: 'New shaft',
    });
    const [team] = await app.api['teams:list']({ projectId: project.id });
    const day = { projectId: project.id, siteDay: '2026-11-20' };
    await app.api['crews:set']({
      ...day,
      shift: 'day',
      teamId: team!.id,
      headcount: 12,
      hours: 10,
    });
    app.store.identity.role = 'manager';
    await app.api['sheet:submit'](day);
    expect(await app.api['sheet:approve'](day)).toMatchObject({ changed: false });

    // The project's first machine, weeks later: the approved day did not change.
    await app.api['machines:save']({
      projectId: project.id,
      code: 'SG-60',
      kind: 'hydraulic_grab',
      makeModel: '金泰 SG60',
      onSite: true,
    });
    expect((await app.api['sheet:preview']({ ...day, lang: 'en' })).html).toContain('Equipment');
    expect(await app.api['sheet:state'](day)).toMatchObject({
      approved: { revision: 1 },
      changed: false,
    });

    // The machine's hours recorded on that day are a change of it.
    const [rig] = await app.api['machines:list']({ projectId: project.id });
    await app.api['machines:set']({
      ...day,
      shift: 'day',
      machineId: rig!.id,
      hours: { hoursWorking: 8, hoursStandby: 2, hoursDown: 0, downReason: null, note: null },
    });
    expect(await app.api['sheet:state'](day)).toMatchObject({ changed: true });
  });
});
