import type { Language } from '../domain/i18n/messages';
import { translate } from '../domain/i18n/translate';

export type { SheetLanguage } from '../domain/daily-sheet';
import type { SheetLanguage } from '../domain/daily-sheet';

/** A label in one language, or both side by side ("出勤人数 Headcount"). */
export function sheetLabel(
  lang: SheetLanguage,
  key: string,
  params: Record<string, unknown> = {},
): string {
  if (lang === 'bilingual')
    return `${translate('zh-CN', key, params)} ${translate('en', key, params)}`;
  return translate(lang, key, params);
}

export function localName(lang: SheetLanguage, item: { nameZh: string; nameEn: string }): string {
  if (lang === 'bilingual')
    return item.nameZh === item.nameEn ? item.nameZh : `${item.nameZh} ${item.nameEn}`;
  return lang === 'zh-CN' ? item.nameZh : item.nameEn;
}

/** A sentence in the sheet's language, or in both (Chinese first) for a bilingual sheet. */
export function sheetSentences(
  lang: SheetLanguage,
  sentence: (lang: Language) => string,
): string[] {
  return lang === 'bilingual' ? [sentence('zh-CN'), sentence('en')] : [sentence(lang)];
}
