import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES } from '../../../main/domain/errors';
import { LANGUAGES, MESSAGES } from '../../../main/domain/i18n/messages';
import { describeError, interpolate, translate } from '../../../main/domain/i18n/translate';

function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree === 'string') return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) =>
    keys(v, prefix ? `${prefix}.${k}` : k),
  );
}

describe('messages', () => {
  it('has the same keys, all non-empty, in both languages', () => {
    const zh = keys(MESSAGES['zh-CN']).sort();
    expect(keys(MESSAGES.en).sort()).toEqual(zh);
    for (const lang of LANGUAGES) {
      // Every placeholder filled with 'x': a template of placeholders only is still non-empty.
      const filled = new Proxy({}, { get: () => 'x' });
      for (const key of zh)
        expect(translate(lang, key, filled).trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('gives every error code a sentence in both languages, with its details filled in', () => {
    for (const code of ERROR_CODES) {
      const error = new AppError(code, {
        file: 'D:/haitai.sqlite',
        channel: 'x:y',
        reason: 'R',
        id: 'P1',
        entity: 'panel',
        unknown: 'M',
        option: '--port',
      });
      const zh = describeError('zh-CN', error);
      const en = describeError('en', error);
      expect(zh, code).not.toContain('errors.');
      expect(en, code).not.toContain('errors.');
      expect(zh).not.toEqual(en);
      expect(zh).not.toMatch(/\{\{/);
    }
    const locked = new AppError('db.locked', { file: 'D:/haitai.sqlite' });
    expect(describeError('zh-CN', locked)).toContain('D:/haitai.sqlite');
    expect(describeError('en', locked)).toMatch(/in use by another program/);
  });

  it('names the invalid fields and translates the entity of a not-found error', () => {
    // By the issue's message key, next to the field's name; never zod's text nor a field path.
    const invalid = new AppError('input.invalid', {
      issues: [
        { path: 'panelId', message: 'Invalid UUID', key: 'issues.format' },
        { path: 'hours.downReason', message: 'down time needs a reason' },
        {
          path: 'measurements.verticalityXPct',
          message: 'Too big',
          key: 'issues.max',
          params: { max: 1 },
        },
      ],
    });
    expect(describeError('en', invalid)).toBe(
      'The data entered is not valid: Panel: Not in the right format; Down reason: The value breaks a rule; ' +
        `${translate('en', 'measurements.verticalityXPct')}: Not more than 1.`,
    );
    expect(describeError('zh-CN', invalid)).toBe(
      '输入的数据无效：槽段：格式不对；停机原因：数值不符合规则；' +
        `${translate('zh-CN', 'measurements.verticalityXPct')}：不能大于 1。`,
    );
    expect(describeError('zh-CN', invalid)).not.toMatch(/[a-z]{2,}/i);
    expect(describeError('zh-CN', new AppError('not_found', { entity: 'panel', id: 'A9' }))).toBe(
      '找不到槽段（A9）。',
    );
    expect(describeError('en', new AppError('not_found', { entity: 'panel', id: 'A9' }))).toBe(
      'No panel found (A9).',
    );
  });

  it('interpolates and leaves unknown keys visible rather than blank', () => {
    expect(interpolate('{{count}} panels', { count: 60 })).toBe('60 panels');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
    expect(translate('zh-CN', 'panels.count', { count: 60 })).toBe('共 60 幅');
  });

  it('round-trips an AppError through its serialized form', () => {
    const error = new AppError('db.corrupt', { file: 'a' });
    const copy = AppError.fromJSON(JSON.parse(JSON.stringify(error)));
    expect(copy).toBeInstanceOf(AppError);
    expect(copy.toJSON()).toEqual(error.toJSON());
  });
});
