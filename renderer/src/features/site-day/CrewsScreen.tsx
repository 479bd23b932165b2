import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { crewTotals, type CrewShiftRecord } from '../../../../main/domain/crews';
import type { ProjectSettings } from '../../../../main/domain/settings';
import { daysBetween, nextDay } from '../../../../main/domain/dates';
import { SHIFTS } from '../../../../main/domain/stages';
import type { ScreenProps } from '../../app/screen-props';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { useRead } from '../../data/use-read';
import { useLocalName } from '../../shared/use-local-name';
import { AttendanceDialog } from '../attendance/AttendanceDialog';

/** The teams, and a day × shift grid of headcounts over the last 14 days to the site day. */
export function CrewsScreen({ project, siteDay }: ScreenProps) {
  const { t } = useTranslation();
  const [importing, setImporting] = useState(false);
  const localName = useLocalName();
  const from = nextDay(siteDay, -13);
  const days = daysBetween(from, siteDay);
  const keep = { keepWhileReloading: true };
  const [day, retryDay] = useRead('crews:day', { projectId: project.id, siteDay }, keep);
  const range = { projectId: project.id, from, to: siteDay };
  const [grid, retryGrid] = useRead('crews:range', range, keep);
  for (const [read, retry] of [
    [day, retryDay],
    [grid, retryGrid],
  ] as const)
    if (read.status === 'error') return <ErrorPanel error={read.error} onRetry={retry} />;
  if (day.status !== 'ok' || grid.status !== 'ok') return <p>{t('app.loading')}</p>;
  const teams = day.value.teams;
  const records = grid.value;
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
