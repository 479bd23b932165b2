import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../main/domain/project';
import { call } from './api';
import { ErrorPanel } from './components/ErrorPanel';
import { TopBar } from './components/TopBar';
import { PanelsScreen } from './screens/PanelsScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { useAsync } from './use-async';

const SCREENS = ['panels', 'settings'] as const;
type Screen = (typeof SCREENS)[number];

export function App() {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);
  const [screen, setScreen] = useState<Screen>('panels');
  const [structureId, setStructureId] = useState<string | null>(null);
  const [project, retry] = useAsync(() => call('project:get', {}), []);

  if (project.status === 'loading') return <div className="splash">{t('app.loading')}</div>;
  if (project.status === 'error') return <ErrorPanel error={project.error} onRetry={retry} />;

  const current: Project = project.value;
  const structure =
    current.structures.find((s) => s.id === structureId) ?? current.structures[0] ?? null;

  return (
    <div className="frame">
      <nav className="sidebar" aria-label="main">
        <div className="brand">{t('app.name')}</div>
        {SCREENS.map((name) => (
          <button
            key={name}
            type="button"
            className={name === screen ? 'nav-item active' : 'nav-item'}
            aria-current={name === screen ? 'page' : undefined}
            onClick={() => setScreen(name)}
            data-testid={`nav-${name}`}
          >
            {t(`nav.${name}`)}
          </button>
        ))}
      </nav>
      <div className="main-column">
        <TopBar project={current} structure={structure} onStructureChange={setStructureId} />
        <main className="content">
          {screen === 'panels' && <PanelsScreen project={current} structure={structure} />}
          {screen === 'settings' && <SettingsScreen />}
        </main>
      </div>
    </div>
  );
}
