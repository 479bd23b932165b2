// A milestone forecast in words, the same sentence in the Schedule screen, the daily sheet and
// `haitai forecast`: "47 of 60 panels done; at 0.64 panels per working day, P50 17 Feb, …".
import { MIN_HISTORY_DAYS, type MilestoneForecast } from '../schedule';
import type { Language } from './messages';
import { translate } from './translate';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "17 Feb" / "2月17日"; the year is added when it differs from `sameYearAs`. */
export function formatDay(lang: Language, day: string, sameYearAs?: string): string {
  const [year, month, date] = day.split('-');
  const params = {
    year,
    month: Number(month),
    monthName: MONTHS[Number(month) - 1],
    day: Number(date),
  };
  const short = sameYearAs !== undefined && sameYearAs.slice(0, 4) === year;
  return translate(lang, short ? 'schedule.dateShort' : 'schedule.dateLong', params);
}

export function explainForecast(
  lang: Language,
  forecast: MilestoneForecast,
  dueDate: string,
  asOf: string,
): string {
  const d = (day: string | null) => (day ? formatDay(lang, day, asOf) : '—');
  const base = {
    finished: forecast.finished,
    total: forecast.total,
    due: d(dueDate),
    days: forecast.workingDaysSampled,
    min: MIN_HISTORY_DAYS,
  };
  if (forecast.status === 'done')
    return translate(lang, 'schedule.explain.done', { ...base, actual: d(forecast.actualDate) });
  if (forecast.status === 'unmapped') return translate(lang, 'schedule.explain.unmapped', base);
  if (forecast.status === 'not_enough_data')
    return translate(lang, 'schedule.explain.noData', base);
  return translate(lang, 'schedule.explain.forecast', {
    ...base,
    rate: forecast.rate,
    p50: d(forecast.p50),
    p90: d(forecast.p90),
    // Mid-sentence: "at risk", not "At risk" (Chinese has no case).
    status: translate(lang, `schedule.status.${forecast.status}`).toLowerCase(),
    float: forecast.floatDays,
  });
}
