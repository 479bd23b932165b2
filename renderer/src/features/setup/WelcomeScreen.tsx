// First run: the demo, a new project, or a project that exists on a sync server.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { ConnectForm } from '../sync/SyncScreen';
import { ProjectWizard } from './ProjectWizard';
import { useTask } from '../../shared/use-task';

export function WelcomeScreen({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<'new' | 'follow' | null>(null);
  const { error, run } = useTask();
  const openDemo = async () => {
    const opened = await run(async () => {
      const demo = (await call('project:list', {})).find((p) => p.isDemo);
      if (demo) await call('project:select', { projectId: demo.id });
    });
    if (opened !== null) onDone();
  };
  if (choice === 'new') return <ProjectWizard onClose={() => setChoice(null)} onDone={onDone} />;
  return (
    <section className="welcome" data-testid="welcome">
      <h1>{t('setup.welcomeTitle')}</h1>
      <p>{t('setup.welcomeIntro')}</p>
      <div className="welcome-choices">
        {(
          [
            ['demo', 'setup.openDemo', () => void openDemo()],
            ['new', 'setup.newProject', () => setChoice('new')],
            ['follow', 'setup.follow', () => setChoice('follow')],
          ] as const
        ).map(([id, label, choose]) => (
          <button
            key={id}
            type="button"
            className={id === 'new' ? 'card primary' : 'card'}
            onClick={choose}
            data-testid={`welcome-${id}`}
          >
            <strong>{t(label)}</strong>
            <span className="muted">{t(`${label}Hint`)}</span>
          </button>
        ))}
      </div>
      {choice === 'follow' && <ConnectForm onConnected={onDone} />}
      {error !== null && <ErrorPanel error={error} />}
    </section>
  );
}
