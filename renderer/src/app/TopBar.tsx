import { format, parseISO } from 'date-fns';
import { enUS, zhCN } from 'date-fns/locale';
import { useTranslation } from 'react-i18next';
import { nextDay, siteDayOf } from '../../../main/domain/dates';
import { LANGUAGES, type Language } from '../../../main/domain/i18n/messages';
import type { Project, Structure } from '../../../main/domain/project';
import { rememberLanguage } from '../i18n';
import { DateField } from '../shared/DateField';
import { ProjectSwitcher } from './ProjectSwitcher';
import { SyncBadge } from '../features/sync/SyncBadge';
import { UserBadge } from './UserBadge';

const LANGUAGE_LABELS: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

interface Props {
  project: Project;
  structure: Structure | null;
  onStructureChange: (id: string) => void;
  siteDay: string;
  onSiteDayChange: (day: string) => void;
  onOpenSync: () => void;
  onSwitched: () => void;
  onNewProject: () => void;
}

export function TopBar({
  project,
  structure,
  onStructureChange,
  siteDay,
  onSiteDayChange,
  onOpenSync,
  onSwitched,
  onNewProject,
}: Props) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const dayLabel = format(parseISO(siteDay), zh ? 'yyyy年M月d日 EEEE' : 'EEE d MMM yyyy', {
    locale: zh ? zhCN : enUS,
  });
  const setLanguage = (lang: Language) => {
    rememberLanguage(lang);
    void i18n.changeLanguage(lang);
  };
  return (
    <header className="topbar">
      <div className="topbar-group">
        <span className="label">{t('topbar.project')}</span>
        <strong data-testid="project-name">{zh ? project.nameZh : project.nameEn}</strong>
        {project.isDemo && <span className="badge">{t('app.demoBadge')}</span>}
        <ProjectSwitcher current={project.id} onSwitched={onSwitched} onNewProject={onNewProject} />
      </div>
      <label className="topbar-group">
        <span className="label">{t('topbar.structure')}</span>
        <select
          value={structure?.id ?? ''}
          onChange={(e) => onStructureChange(e.target.value)}
          data-testid="structure-select"
        >
          {project.structures.map((s) => (
            <option key={s.id} value={s.id}>
              {zh ? s.nameZh : s.nameEn}
            </option>
          ))}
        </select>
      </label>
      <div className="topbar-group">
        <span className="label">{t('topbar.siteDay')}</span>
        <DateField
          value={siteDay}
          // The latest day is tomorrow at the site, read when the field is used: not in the first
          // render (a window's first date format is slow to make), and a window left open
          // overnight still stops at the right day. The earliest is a year before the project's
          // first planned start.
          max={() => nextDay(siteDayOf(new Date(), project.timezone))}
          min={() => earliestDay(project)}
          onCommit={onSiteDayChange}
          testId="site-day-input"
          ariaLabel={t('topbar.siteDay')}
        />
        <span data-testid="site-day">{dayLabel}</span>
      </div>
      <SyncBadge onOpen={onOpenSync} />
      <UserBadge />
      <div className="topbar-group lang" role="group" aria-label={t('topbar.language')}>
        {LANGUAGES.map((lang) => (
          <button
            key={lang}
            type="button"
            className={i18n.language === lang ? 'active' : ''}
            aria-pressed={i18n.language === lang}
            onClick={() => setLanguage(lang)}
            data-testid={`lang-${lang}`}
          >
            {LANGUAGE_LABELS[lang]}
          </button>
        ))}
      </div>
    </header>
  );
}

/** The earliest site day a project has: a year before its first planned start (none: no bound). */
function earliestDay(project: Project): string | undefined {
  const starts = project.structures.flatMap((s) => (s.plannedStart ? [s.plannedStart] : []));
  if (!starts.length) return undefined;
  const first = starts.reduce((a, b) => (b < a ? b : a));
  return nextDay(first, -365);
}
