import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { ScreenProps } from '../App';
import { ErrorPanel } from '../components/ErrorPanel';
import { useAsync } from '../use-async';
import { useLocalName } from '../use-local-name';

export function MilestonesScreen({ project, revision }: ScreenProps) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [milestones, retry] = useAsync(
    () => call('milestones:list', { projectId: project.id }),
    [project.id, revision],
    { keepWhileReloading: true },
  );
  if (milestones.status === 'loading') return <p>{t('app.loading')}</p>;
  if (milestones.status === 'error') return <ErrorPanel error={milestones.error} onRetry={retry} />;
  return (
    <section>
      <h1>{t('milestonesScreen.title')}</h1>
      <table className="grid milestones" data-testid="milestones">
        <thead>
          <tr>
            <th>{t('milestonesScreen.name')}</th>
            <th>{t('milestonesScreen.due')}</th>
            <th>{t('milestonesScreen.baseline')}</th>
            <th>{t('milestonesScreen.actual')}</th>
            <th>{t('milestonesScreen.progress')}</th>
          </tr>
        </thead>
        <tbody>
          {milestones.value.map((m) => {
            const pct = m.scopeTotal ? Math.round((m.scopeFinished / m.scopeTotal) * 100) : 0;
            return (
              <tr key={m.id} data-testid="milestone-row">
                <td>{localName(m)}</td>
                <td>{m.dueDate}</td>
                <td>{m.baselineDate}</td>
                <td>{m.actualDate ?? t('milestonesScreen.open')}</td>
                <td>
                  <div className="bar" aria-hidden>
                    <div style={{ width: `${pct}%` }} />
                  </div>
                  <span data-testid="milestone-progress">
                    {m.scopeFinished} / {m.scopeTotal} ({pct}%)
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
