import type { ScreenProps } from './app/screen-props';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../main/domain/project';
import { isRecoverable, RecoveryScreen } from './features/backups/Backups';
import { ErrorPanel } from './shared/ErrorPanel';
import { TopBar } from './app/TopBar';
import { CrewsScreen } from './features/site-day/CrewsScreen';
import { PanelsScreen } from './features/panels/PanelsScreen';
import { ReportsScreen } from './features/sheet/ReportsScreen';
import { SettingsScreen } from './features/project/SettingsScreen';
import { SyncScreen } from './features/sync/SyncScreen';
import { TodayScreen } from './features/site-day/TodayScreen';
import { ProjectWizard } from './features/setup/ProjectWizard';
import { WelcomeScreen } from './features/setup/WelcomeScreen';
import { openingDay } from './opening-day';
import { useRead } from './data/use-read';

// The Schedule screen draws charts: it and the chart library load only when it is opened.
const ScheduleScreen = lazy(() =>
  import('./features/schedule/ScheduleScreen').then((m) => ({ default: m.ScheduleScreen })),
);

function ScreenContent({ screen, props }: { screen: Screen; props: ScreenProps }) {
  const { t } = useTranslation();
  return (
    <main className="content">
      {screen === 'today' && <TodayScreen {...props} />}
      {screen === 'panels' && <PanelsScreen {...props} />}
      {screen === 'crews' && <CrewsScreen {...props} />}
      {screen === 'schedule' && (
        <Suspense fallback={<p>{t('app.loading')}</p>}>
          <ScheduleScreen {...props} />
        </Suspense>
      )}
      {screen === 'reports' && <ReportsScreen {...props} />}
      {screen === 'sync' && <SyncScreen {...props} />}
      {screen === 'settings' && <SettingsScreen {...props} />}
    </main>
  );
}

const SCREENS = ['today', 'panels', 'crews', 'schedule', 'reports', 'sync', 'settings'] as const;
type Screen = (typeof SCREENS)[number];

export function App() {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);
  const [screen, setScreen] = useState<Screen>('today');
  const [structureId, setStructureId] = useState<string | null>(null);
  const [siteDay, setSiteDay] = useState<string | null>(null);
  // Read again when what they show changes: the calendar and structure plans are the project's.
  const [project, retry] = useRead('project:get', {});
  const [welcome] = useRead('project:first-run', {});
  const [wizard, setWizard] = useState(false);
  const restart = useCallback(() => {
    setStructureId(null);
    setSiteDay(null);
  }, []);

  // A laptop that has not chosen a project starts on the welcome screen, even one with none yet,
  // and stays on it until the person is done there (the wizard's first step makes the project).
  const [welcoming, setWelcoming] = useState(false);
  if (welcome.status === 'ok' && welcome.value.firstRun && !welcoming) setWelcoming(true);
  if (welcoming)
    return (
      <WelcomeScreen
        onDone={() => {
          setWelcoming(false);
          restart();
        }}
      />
    );
  if (project.status === 'loading') return <div className="splash">{t('app.loading')}</div>;
  if (project.status === 'error')
    return isRecoverable(project.error) ? (
      <RecoveryScreen error={project.error} onRestored={retry} />
    ) : (
      <ErrorPanel error={project.error} onRetry={retry} />
    );

  const current: Project = project.value;
  const structure =
    current.structures.find((s) => s.id === structureId) ?? current.structures[0] ?? null;
  const day = siteDay ?? openingDay(current);
  const props: ScreenProps = {
    project: current,
    structureId: structure?.id ?? null,
    siteDay: day,
  };

  return (
    <div className="frame">
      <SideNav screen={screen} onScreen={setScreen} />
      <div className="main-column">
        <TopBar
          project={current}
          structure={structure}
          onStructureChange={setStructureId}
          siteDay={day}
          onSiteDayChange={setSiteDay}
          onOpenSync={() => setScreen('sync')}
          onSwitched={restart}
          onNewProject={() => setWizard(true)}
        />
        <ScreenContent screen={screen} props={props} />
      </div>
      {wizard && (
        <ProjectWizard
          onClose={() => setWizard(false)}
          onDone={() => {
            setWizard(false);
            restart();
          }}
        />
      )}
    </div>
  );
}

function SideNav({ screen, onScreen }: { screen: Screen; onScreen: (screen: Screen) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="sidebar" aria-label="main">
      <div className="brand">{t('app.name')}</div>
      {SCREENS.map((name) => (
        <button
          key={name}
          type="button"
          className={name === screen ? 'nav-item active' : 'nav-item'}
          aria-current={name === screen ? 'page' : undefined}
          onClick={() => onScreen(name)}
          data-testid={`nav-${name}`}
        >
          {t(`nav.${name}`)}
        </button>
      ))}
    </nav>
  );
}
