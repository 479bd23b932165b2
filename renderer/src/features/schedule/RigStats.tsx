// Each rig's utilisation and excavated wall per rig-day over the last 7, 14 and 28 working days,
// next to the production rates on the Schedule screen.
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { useRead } from '../../data/use-read';
import { Grid } from '../../shared/Grid';

export function RigStats({ projectId, asOf }: { projectId: string; asOf: string }) {
  const { t } = useTranslation();
  const [stats, retry] = useRead(
    'machines:stats',
    { projectId, asOf },
    { keepWhileReloading: true },
  );
  if (stats.status === 'loading') return null;
  if (stats.status === 'error') return <ErrorPanel error={stats.error} onRetry={retry} />;
  if (!stats.value.length) return <p className="muted">{t('resources.noRigs')}</p>;
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
  return (
    <Grid
      headings={[
        'resources.machine',
        'schedule.window',
        'resources.utilisation',
        'resources.rigDays',
        'resources.areaM2',
        'resources.areaPerRigDay',
      ]}
      testId="rig-stats"
    >
      {stats.value.map((s) => (
        <tr key={`${s.machineId}-${s.window}`} data-testid="rig-row" data-code={s.code}>
          <td>{s.code}</td>
          <td>{t('resources.rigWindow', { window: s.window })}</td>
          <td className="num">{pct(s.utilisation)}</td>
          <td className="num">{s.rigDays}</td>
          <td className="num">{s.areaM2}</td>
          <td className="num">{s.areaM2PerRigDay ?? '—'}</td>
        </tr>
      ))}
    </Grid>
  );
}
