import type { Language } from '../domain/i18n/messages';
import { translate } from '../domain/i18n/translate';
import { wallClockIn } from '../domain/attachments';

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

/**
 * A recorded instant (a save, an approval) as the site's clock shows it, written the language's
 * way: "2026年12月7日 03:46", "7 Dec 2026 03:46"; a bilingual sheet uses "2026-12-07 03:46".
 * Sheets stored before they carried the project's time zone were all on Beijing time.
 */
export function sheetTime(
  lang: SheetLanguage,
  iso: string | null,
  timeZone = 'Asia/Shanghai',
): string | null {
  if (!iso) return null;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const clock = wallClockIn(instant, timeZone);
  const [y, m, d] = clock.slice(0, 10).split('-').map(Number) as [number, number, number];
  const hm = clock.slice(11, 16);
  if (lang === 'zh-CN') return `${y}年${m}月${d}日 ${hm}`;
  if (lang === 'en') return `${d} ${MONTHS[m - 1]} ${y} ${hm}`;
  return `${clock.slice(0, 10)} ${hm}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
