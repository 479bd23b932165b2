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
    expect(approvedHtml).toMatch(
      /Approved by<\/th><td>[^<]+ \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Revision 1\)/,
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
});
