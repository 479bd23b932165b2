import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../main/api/channels';
import { dispatch } from '../../../main/api/dispatch';
import { newId } from '../../../main/domain/ids';
import { demoApp } from '../../helpers/app';
import { dbChecksum } from '../../helpers/db-checksum';
import { validInputs } from '../../helpers/valid-inputs';
import { expectAppError } from '../../helpers/expect-app-error';

const huge = 'x'.repeat(1_000_000);

/** Inputs every channel must refuse: wrong types, extra fields, huge strings, non-objects. */
function badInputs(valid: Record<string, unknown>): unknown[] {
  const firstKey = Object.keys(valid)[0];
  return [
    null,
    42,
    'panels',
    [],
    [valid],
    { ...valid, extra: true },
    { ...valid, __proto__: { polluted: true }, constructor: 'x' },
    ...(firstKey
      ? [
          { ...valid, [firstKey]: 12345 },
          { ...valid, [firstKey]: huge },
          { ...valid, [firstKey]: "'; DROP TABLE panels; --" },
          { ...valid, [firstKey]: { nested: valid } },
        ]
      : [{ anything: huge }]),
  ];
}

describe('API handlers over a real database', () => {
  it('answer every channel with valid input', async () => {
    const app = await demoApp();
    const info = await app.api['app:info']({});
    expect(info.schemaVersion).toMatch(/^\d{14}_/);
    expect(info.databaseFile).toContain('haitai.sqlite');
    const project = await app.api['project:get']({});
    expect(project.isDemo).toBe(true);
    expect(project.structures.map((s) => s.nameEn)).toEqual(['Haimen working shaft']);
    const panels = await app.api['panels:list']({ projectId: project.id });
    expect(panels).toHaveLength(60);
    expect(panels.map((p) => p.sequence)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const byStructure = await app.api['panels:list']({
      projectId: project.id,
      structureId: project.structures[0]!.id,
    });
    expect(byStructure).toHaveLength(60);
    const one = await app.api['panels:get']({ panelId: panels[2]!.id });
    expect(one).toMatchObject(panels[2]!);
    expect(one.code).toBe('A2');
  });

  it('say which record is missing with not_found', async () => {
    const app = await demoApp();
    const project = await app.api['project:get']({});
    const missing = newId();
    const error = await expectAppError(app.api['panels:get']({ panelId: missing }), 'not_found');
    expect(error.details).toEqual({ entity: 'panel', id: missing });
    await expectAppError(app.api['project:get']({ projectId: missing }), 'not_found');
    await expectAppError(
      app.api['panels:list']({ projectId: project.id, structureId: missing }),
      'not_found',
    );
  });

  it('reject malformed input on every channel with input.invalid and change nothing', async () => {
    const app = await demoApp();
    const valid = await validInputs(app);
    const before = await dbChecksum(app.db);
    for (const channel of CHANNELS) {
      for (const input of badInputs(valid[channel])) {
        const envelope = await dispatch(app.api, channel, input);
        expect(envelope.ok, `${channel} accepted ${JSON.stringify(input)?.slice(0, 80)}`).toBe(
          false,
        );
        if (!envelope.ok) expect(envelope.error.code).toBe('input.invalid');
      }
    }
    // Missing required fields (where a channel has any).
    const noRequired = new Set([
      'app:info',
      'project:get',
      'sync:status',
      'sync:now',
      'sync:disconnect',
      'sync:rejected',
      'sync:kept-aside',
      'backups:list',
      'backups:create',
      'project:list',
      'project:first-run',
      'today:opening',
      'attachments:storage',
      'attachments:collect',
    ]);
    for (const channel of CHANNELS.filter((c) => !noRequired.has(c))) {
      const envelope = await dispatch(app.api, channel, {});
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) expect(envelope.error.details.issues).toBeInstanceOf(Array);
    }
    expect(await dbChecksum(app.db)).toBe(before);
  });

  it('turn an unknown channel into a typed error, not an exception', async () => {
    const app = await demoApp();
    for (const channel of ['panels:delete', '__proto__', 'constructor', 42, null]) {
      const envelope = await dispatch(app.api, channel, {});
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) expect(envelope.error.code).toBe('api.unknown_channel');
    }
  });

  it('report an unexpected failure as internal, once, without a stack trace in the reply', async () => {
    const app = await demoApp();
    await app.db.destroy();
    const seen: unknown[] = [];
    const envelope = await dispatch(app.api, 'project:get', {}, (e) => seen.push(e));
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) {
      expect(envelope.error.code).toBe('internal');
      expect(JSON.stringify(envelope.error)).not.toMatch(/\n\s+at /);
    }
    expect(seen).toHaveLength(1);
  });
});
