// The supervisor signs or rejects a panel's hold points on the laptop: the rules, the refusals
// (typed, in the user's language, changing nothing) and the stage that waits for the signature.
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../main/domain/i18n/translate';
import { siteDayOf } from '../../../main/domain/site-day';
import { demoApp } from '../../helpers/app';
import { dbChecksum } from '../../helpers/db-checksum';
import { expectAppError } from '../../helpers/expect-app-error';
import { GOOD_MEASUREMENTS } from '../../helpers/measurements';
import { newShaft } from '../../helpers/new-shaft';

const DAY = '2026-11-20';

describe('supervisor acceptance', () => {
  it('holds the next stage until the supervisor signs; a rejection stays and needs a remark', async () => {
    const app = await demoApp();
    const { projectId, panels } = await newShaft(
      app,
      { code: 'SV', nameZh: '监理井', nameEn: 'Supervised shaft' },
      { signatures: ['trench', 'cage', 'pour'] },
    );
    const [panel, other] = panels;
    const panelId = panel!.id;
    const record = (stage: keyof typeof GOOD_MEASUREMENTS) =>
      app.api['stages:record']({
        panelId,
        stage,
        siteDay: DAY,
        shift: 'day',
        measurements: GOOD_MEASUREMENTS[stage],
      });
    for (const stage of ['guide_wall', 'excavation', 'trench_acceptance'] as const)
      await record(stage);
    const decide = (input: {
      point: 'trench' | 'cage' | 'pour';
      decision: 'signed' | 'rejected';
      remark?: string;
    }) => app.api['acceptances:decide']({ panelId, ...input });

    // Not signed: the desanding is refused, with the reason in Chinese.
    const held = await expectAppError(record('desanding'), 'stage.needs_signature');
    expect(describeError('zh-CN', held)).toBe(
      '停止点：槽段 A1 的“成槽验收”尚未经监理签认，不能记录“刷壁清底”。请监理签认后再继续。',
    );

    // Only a supervisor decides; a rejection needs a remark; the cage cannot be decided yet.
    const before = await dbChecksum(app.db);
    app.store.identity.role = 'engineer';
    const forbidden = await expectAppError(
      decide({ point: 'trench', decision: 'signed' }),
      'auth.forbidden',
    );
    expect(describeError('zh-CN', forbidden)).toBe('您的角色（工程师）无权执行此操作。');
    app.store.identity.role = 'supervisor';
    app.store.identity.userName = '李监理';
    const noRemark = await expectAppError(
      decide({ point: 'trench', decision: 'rejected', remark: '  ' }),
      'input.invalid',
    );
    expect(noRemark.details.issues).toEqual([
      expect.objectContaining({ path: 'remark', key: 'issues.required' }),
    ]);
    const early = await expectAppError(
      decide({ point: 'cage', decision: 'signed' }),
      'acceptance.not_recorded',
    );
    expect(describeError('en', early)).toBe(
      'Panel A1 has no Cage lowered record yet, so its cage (concealed work) acceptance cannot be decided.',
    );
    // A supervisor records no progress either.
    await expectAppError(
      app.api['stages:record']({
        panelId: other!.id,
        stage: 'guide_wall',
        siteDay: DAY,
        shift: 'day',
        measurements: {},
      }),
      'auth.forbidden',
    );
    expect(await dbChecksum(app.db)).toBe(before);

    // Rejected, then signed: both kept, the latest opens the stage.
    await decide({ point: 'trench', decision: 'rejected', remark: '沉渣 120 mm，重新清底' });
    app.store.identity.role = 'owner';
    await expectAppError(record('desanding'), 'stage.needs_signature');
    app.store.identity.role = 'supervisor';
    const decided = await decide({ point: 'trench', decision: 'signed' });
    expect(decided.map((a) => [a.point, a.attempt, a.decision, a.remark, a.signerName])).toEqual([
      ['trench', 1, 'rejected', '沉渣 120 mm，重新清底', '李监理'],
      ['trench', 2, 'signed', null, '李监理'],
    ]);
    await expectAppError(
      decide({ point: 'trench', decision: 'rejected', remark: '再查' }),
      'acceptance.already_signed',
    );
    app.store.identity.role = 'owner';
    await record('desanding');
    await record('cage_lowered');
    // Concreting waits for the cage's acceptance and the order to pour.
    await expectAppError(record('concreting'), 'stage.needs_signature');
    app.store.identity.role = 'supervisor';
    await decide({ point: 'cage', decision: 'signed' });
    await decide({ point: 'pour', decision: 'signed' });
    app.store.identity.role = 'owner';
    await record('concreting');
    const detail = await app.api['panels:get']({ panelId });
    expect(detail.requiredSignatures).toEqual(['trench', 'cage', 'pour']);
    expect(detail.acceptances.map((a) => `${a.point}${a.attempt}:${a.decision}`)).toEqual([
      'trench1:rejected',
      'trench2:signed',
      'cage1:signed',
      'pour1:signed',
    ]);

    // The day's sheet lists both decisions, the rejection in words with its remark.
    const today = siteDayOf(new Date(), 'Asia/Shanghai');
    const csv = Buffer.from(
      (
        await app.api['sheet:export']({
          projectId: projectId,
          siteDay: today,
          format: 'csv',
          lang: 'zh-CN',
        })
      ).dataBase64,
      'base64',
    ).toString('utf8');
    expect(csv).toContain('监理验收');
    expect(csv).toMatch(/A1,成槽验收,1,已驳回,李监理,[^,]+,沉渣 120 mm，重新清底/);
    expect(csv).toMatch(/A1,成槽验收,2,已签认,李监理,/);
    const html = (
      await app.api['sheet:preview']({ projectId: projectId, siteDay: today, lang: 'en' })
    ).html;
    expect(html).toContain('trench acceptance (attempt 1)</td><td class="flag">rejected');
  });
});
