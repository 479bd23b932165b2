// First run: the demo, a new project, or a project that exists on a sync server.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ConnectForm } from '../SyncScreen';
import { ProjectWizard } from './ProjectWizard';

export function WelcomeScreen({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<'new' | 'follow' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const openDemo = async () => {
    try {
      const demo = (await call('project:list', {})).find((p) => p.isDemo);
      if (demo) await call('project:select', { projectId: demo.id });
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  if (choice === 'new') return <ProjectWizard onClose={() => setChoice(null)} onDone={onDone} />;
  return (
    <section className="welcome" data-testid="welcome">
      <h1>{t('setup.welcomeTitle')}</h1>
      <p>{t('setup.welcomeIntro')}</p>
      <div className="welcome-choices">
        <button
          type="button"
          className="card"
          onClick={() => void openDemo()}
          data-testid="welcome-demo"
        >
          <strong>{t('setup.openDemo')}</strong>
          <span className="muted">{t('setup.openDemoHint')}</span>
        </button>
        <button
          type="button"
          className="card primary"
          onClick={() => setChoice('new')}
          data-testid="welcome-new"
        >
          <strong>{t('setup.newProject')}</strong>
          <span className="muted">{t('setup.newProjectHint')}</span>
        </button>
        <button
          type="button"
          className="card"
          onClick={() => setChoice('follow')}
          data-testid="welcome-follow"
        >
          <strong>{t('setup.follow')}</strong>
          <span className="muted">{t('setup.followHint')}</span>
        </button>
      </div>
      {choice === 'follow' && <ConnectForm onConnected={onDone} />}
      {error !== null && <ErrorPanel error={error} />}
    </section>
  );
}
