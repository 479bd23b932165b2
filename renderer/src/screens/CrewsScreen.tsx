import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { crewTotals, type CrewShiftRecord } from '../../../main/domain/crews';
import type { ProjectSettings } from '../../../main/domain/settings';
import { daysBetween, nextDay } from '../../../main/domain/dates';
import { SHIFTS } from '../../../main/domain/stages';
import { call } from '../api';
import type { ScreenProps } from '../App';
import { ErrorPanel } from '../components/ErrorPanel';
import { useAsync } from '../use-async';
import { useLocalName } from '../use-local-name';
import { AttendanceDialog } from './crews/AttendanceDialog';

/** The teams, and a day × shift grid of headcounts over the last 14 days to the site day. */
export function CrewsScreen({ project, siteDay, revision, onChanged }: ScreenProps) {
  const { t } = useTranslation();
  const [importing, setImporting] = useState(false);
  const localName = useLocalName();
  const from = nextDay(siteDay, -13);
  const days = daysBetween(from, siteDay);
  const [data, retry] = useAsync(
    async () => {
      const [day, records] = await Promise.all([
        call('crews:day', { projectId: project.id, siteDay }),
        call('crews:range', { projectId: project.id, from, to: siteDay }),
      ]);
      return { teams: day.teams, records };
    },
    [project.id, siteDay, revision],
    { keepWhileReloading: true },
  );
  if (data.status === 'loading') return <p>{t('app.loading')}</p>;
  if (data.status === 'error') return <ErrorPanel error={data.error} onRetry={retry} />;
  const { teams, records } = data.value;
  const cell = (teamId: string, day: string, shift: string) =>
    records
      .filter((r) => r.teamId === teamId && r.siteDay === day && r.shift === shift)
      .reduce((s, r) => s + r.headcount, 0);
  const plan = project.settings.crewPlan;
  return (
    <section>
      <header className="screen-header">
        <h1>{t('crewsScreen.title')}</h1>
        <button type="button" onClick={() => setImporting(true)} data-testid="attendance-open">
          {t('attendance.button')}
        </button>
      </header>
      {importing && (
        <AttendanceDialog
          projectId={project.id}
          projectTeams={teams}
          onClose={() => setImporting(false)}
          onImported={onChanged}
        />
      )}
      <p className="muted">{t('crewsScreen.days')}</p>
      <div className="scroll-x">
        <table className="grid crew-grid" data-testid="crew-grid">
          <thead>
            <tr>
              <th rowSpan={2}>{t('crewsScreen.teams')}</th>
              {days.map((d) => (
                <th key={d} colSpan={2}>
                  {d.slice(5)}
                </th>
              ))}
            </tr>
            <tr>
              {days.map((d) =>
                SHIFTS.map((s) => <th key={`${d}-${s}`}>{t(`shifts.${s}`).slice(0, 2)}</th>),
              )}
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => (
              <tr key={team.id}>
                <th>{localName(team)}</th>
                {days.map((d) =>
                  SHIFTS.map((s) => (
                    <td key={`${d}-${s}`} className="num">
                      {cell(team.id, d, s) || ''}
                    </td>
                  )),
                )}
              </tr>
            ))}
            <TotalsRow days={days} records={records} plan={plan} />
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Each day's workers, flagged against the crew plan. */
function TotalsRow({
  days,
  records,
  plan,
}: {
  days: string[];
  records: CrewShiftRecord[];
  plan: ProjectSettings['crewPlan'];
}) {
  const { t } = useTranslation();
  return (
    <tr className="total">
      <th>{t('crewsScreen.total')}</th>
      {days.map((d) => {
        const totals = crewTotals(
          records.filter((r) => r.siteDay === d),
          null,
          plan,
        );
        return (
          <td
            key={d}
            colSpan={2}
            className={`num plan-${totals.plan}`}
            data-plan={totals.plan}
            data-day={d}
          >
            {totals.workers || ''}
          </td>
        );
      })}
    </tr>
  );
}
