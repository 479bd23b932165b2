// `haitai forecast`: the milestone forecasts of the Schedule screen, as text or JSON, with the same
// numbers and the same sentence the screen shows for the same as-of day.
import { siteDayOf } from '../domain/dates';
import { AppError } from '../domain/errors';
import type { Language } from '../domain/i18n/messages';
import { explainForecast } from '../domain/i18n/schedule-text';
import { translate } from '../domain/i18n/translate';
import type { MilestoneSchedule } from '../domain/schedule';
import type { AppContext } from '../app/app-context';
import { getProject } from '../features/project/project-service';
import { forecastProject } from '../features/schedule/schedule-service';

export interface ForecastReport {
  projectId: string;
  asOf: string;
  milestones: (MilestoneSchedule & { explanation: string })[];
}

export async function forecastReport(
  context: AppContext,
  options: {
    projectId?: string | undefined;
    milestoneId?: string | undefined;
    asOf?: string | undefined;
    lang: Language;
  },
): Promise<ForecastReport> {
  const project = await getProject(context.db, options.projectId);
  // The same default day as the app: the demo's story day, or today on site.
  const asOf =
    options.asOf ?? project.settings.demoToday ?? siteDayOf(context.store.now(), project.timezone);
  const { milestones } = await forecastProject(context.db, project.id, asOf);
  const chosen = options.milestoneId
    ? milestones.filter((m) => m.id === options.milestoneId)
    : milestones;
  if (options.milestoneId && chosen.length === 0)
    throw new AppError('not_found', { entity: 'milestone', id: options.milestoneId });
  return {
    projectId: project.id,
    asOf,
    milestones: chosen.map((m) => ({
      ...m,
      explanation: explainForecast(options.lang, m.forecast, m.dueDate, asOf),
    })),
  };
}

export function forecastLines(report: ForecastReport, lang: Language): string[] {
  const L = (key: string, params: Record<string, unknown> = {}) => translate(lang, key, params);
  const lines = [L('schedule.asOf', { day: report.asOf })];
  for (const m of report.milestones) {
    const f = m.forecast;
    lines.push(
      '',
      `${lang === 'zh-CN' ? m.nameZh : m.nameEn}  [${m.id}]`,
      `  ${L('milestonesScreen.due')}: ${m.dueDate}  ${L('milestonesScreen.baseline')}: ${m.baselineDate}`,
      `  ${L('schedule.status.title')}: ${L(`schedule.status.${f.status}`)}  P50: ${f.p50 ?? '—'}  P90: ${f.p90 ?? '—'}  ${L('schedule.float')}: ${f.floatDays ?? '—'}`,
      `  ${m.explanation}`,
    );
  }
  return lines;
}
