// Where a project manager asks "will the shaft walls be done by 20 February?": milestone
// forecasts with their range and the reason in words, the Gantt, the S-curve, production rates,
// cycle times and the next 14 days. All as of the top bar's site day.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../../../main/domain/i18n/messages';
import { explainForecast } from '../../../../main/domain/i18n/schedule-text';
import type {
  MilestoneSchedule,
  ProductionRate,
  ScheduleView,
} from '../../../../main/domain/schedule';
import { call } from '../../api';
import type { ScreenProps } from '../../app/screen-props';
import { Chart } from '../../shared/charts/Chart';
import { ganttOption, sCurveOption } from '../../shared/charts/options';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { Field } from '../../shared/Field';
import { fieldErrors } from '../../shared/field-errors';
import { useRead } from '../../data/use-read';
import { useLocalName } from '../../shared/use-local-name';
import { RigStats } from './RigStats';
import { ScheduleImportDialog } from '../schedule-import/ScheduleImportDialog';
import { DateField } from '../../shared/DateField';
import { when } from '../../shared/when';
import { useTask } from '../../shared/use-task';
import { Grid } from '../../shared/Grid';

function useLanguage() {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

export function ScheduleScreen({ project, structureId, siteDay }: ScreenProps) {
  const { t } = useTranslation();
  const [importing, setImporting] = useState(false);
  const [schedule, retry] = useRead(
    'schedule:get',
    { projectId: project.id, asOf: siteDay },
    { keepWhileReloading: true },
  );
  if (schedule.status === 'loading') return <p>{t('app.loading')}</p>;
  if (schedule.status === 'error') return <ErrorPanel error={schedule.error} onRetry={retry} />;
  const view = schedule.value;
  const structure = view.structures.find((s) => s.id === structureId) ?? view.structures[0];
  return (
    <section className="schedule">
      <header className="screen-header">
        <h1>{t('schedule.title')}</h1>
        <span className="muted">{t('schedule.asOf', { day: view.asOf })}</span>
        <button type="button" onClick={() => setImporting(true)} data-testid="schedule-import-open">
          {t('scheduleImport.button')}
        </button>
      </header>
      {importing && <ScheduleImportDialog project={project} onClose={() => setImporting(false)} />}
      <Milestones view={view} />
      <h2>{t('schedule.gantt')}</h2>
      <Gantt view={view} />
      {structure && (
        <>
          <h2>
            {t('schedule.sCurve')} · {structure.code}
          </h2>
          <SCurve structureId={structure.id} asOf={view.asOf} />
          {!structure.plannedStart && <p className="muted">{t('schedule.noPlan')}</p>}
          <h2>{t('schedule.rates')}</h2>
          <Rates rates={structure.rates} />
          <h3>{t('resources.rigs')}</h3>
          <RigStats projectId={project.id} asOf={view.asOf} />
        </>
      )}
      <h2>{t('schedule.cycleTimes')}</h2>
      <CycleTimes view={view} />
      <h2>{t('schedule.lookAhead')}</h2>
      <LookAhead view={view} />
    </section>
  );
}

function Milestones({ view }: { view: ScheduleView }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const localName = useLocalName();
  return (
    <>
      <h2>{t('schedule.milestones')}</h2>
      <table className="grid milestones" data-testid="milestones">
        <thead>
          <tr>
            <th>{t('milestonesScreen.name')}</th>
            <th>{t('milestonesScreen.due')}</th>
            <th>{t('milestonesScreen.baseline')}</th>
            <th>{t('milestonesScreen.progress')}</th>
            <th>{t('schedule.p50')}</th>
            <th>{t('schedule.p90')}</th>
            <th>{t('schedule.float')}</th>
            <th>{t('schedule.status.title')}</th>
          </tr>
        </thead>
        <tbody>
          {view.milestones.map((m) => {
            const f = m.forecast;
            const pct = f.total ? Math.round((f.finished / f.total) * 100) : 0;
            return (
              <MilestoneRows key={m.id} milestone={m}>
                <tr data-testid="milestone-row" data-status={f.status}>
                  <td>{localName(m)}</td>
                  <td>{m.dueDate}</td>
                  <td>{m.baselineDate}</td>
                  <td>
                    <div className="bar" aria-hidden>
                      <div style={{ width: `${pct}%` }} />
                    </div>
                    <span data-testid="milestone-progress">
                      {f.finished} / {f.total} ({pct}%)
                    </span>
                  </td>
                  <td data-testid="milestone-p50">{f.p50 ?? '—'}</td>
                  <td data-testid="milestone-p90">{f.p90 ?? '—'}</td>
                  <td className="num">{f.floatDays ?? '—'}</td>
                  <td>
                    <span className={`status status-${f.status}`}>
                      {t(`schedule.status.${f.status}`)}
                    </span>
                  </td>
                </tr>
                <tr className="explain">
                  <td colSpan={8} data-testid="milestone-explain">
                    {explainForecast(lang, f, m.dueDate, view.asOf)}
                  </td>
                </tr>
              </MilestoneRows>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** A milestone's rows, then its due-date form and change history, folded away until opened. */
function MilestoneRows({
  milestone,
  children,
}: {
  milestone: MilestoneSchedule;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [dueDate, setDueDate] = useState(milestone.dueDate);
  const [reason, setReason] = useState('');
  const { error, run } = useTask();
  const save = async () => {
    const change = { milestoneId: milestone.id, dueDate, reason };
    if ((await run(() => call('milestones:set-due', change))) !== null) setReason('');
  };
  const invalid = fieldErrors(error);
  return (
    <>
      {children}
      <tr className="explain">
        <td colSpan={8}>
          <button type="button" className="link" onClick={() => setOpen(!open)}>
            {t('schedule.changeDue')} · {t('schedule.history')} ({milestone.changes.length})
          </button>
          {open && (
            <div className="due-editor" data-testid="due-editor">
              <div className="form-row">
                <Field label={t('schedule.newDue')} error={invalid.dueDate}>
                  <DateField value={dueDate} onCommit={setDueDate} testId="due-date" />
                </Field>
                <Field label={t('schedule.reason')} error={invalid.reason} wide>
                  <input
                    value={reason}
                    maxLength={500}
                    onChange={(e) => setReason(e.target.value)}
                    data-testid="due-reason"
                  />
                </Field>
                <div className="form-actions">
                  <button type="button" onClick={() => void save()} data-testid="due-save">
                    {t('schedule.save')}
                  </button>
                </div>
              </div>
              {error !== null && Object.keys(invalid).length === 0 && <ErrorPanel error={error} />}
              <DueHistory changes={milestone.changes} />
            </div>
          )}
        </td>
      </tr>
    </>
  );
}

/** Every move of a milestone's due date: when, by whom, from and to, and why. */
function DueHistory({ changes }: { changes: MilestoneSchedule['changes'] }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('schedule.history')}</h3>
      {changes.length === 0 ? (
        <p className="muted">{t('schedule.noChanges')}</p>
      ) : (
        <ul data-testid="due-history">
          {changes.map((c) => (
            <li key={c.id}>
              {t('schedule.changed', {
                at: when(c.changedAt),
                by: c.changedByName,
                from: c.fromDate,
                to: c.toDate,
              })}
              {c.reason ? ` — ${c.reason}` : ''}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Gantt({ view }: { view: ScheduleView }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const option = useMemo(
    () =>
      ganttOption(
        view.milestones.map((m) => ({
          name: localName(m),
          baseline: m.baselineDate,
          due: m.dueDate,
          p50: m.forecast.p50,
          p90: m.forecast.p90,
          actual: m.forecast.actualDate,
          status: m.forecast.status,
        })),
        view.asOf,
        {
          baseline: t('schedule.baseline'),
          due: t('schedule.due'),
          forecast: t('schedule.forecastRange'),
          actual: t('schedule.actual'),
          today: t('schedule.today'),
        },
      ),
    [view, t, localName],
  );
  const height = Math.max(180, 90 + view.milestones.length * 36);
  return <Chart option={option} height={height} testId="gantt" fileName={`gantt-${view.asOf}`} />;
}

function SCurve({ structureId, asOf }: { structureId: string; asOf: string }) {
  const { t } = useTranslation();
  const [curve, retry] = useRead(
    'schedule:curve',
    { structureId, asOf },
    { keepWhileReloading: true },
  );
  const points = curve.status === 'ok' ? curve.value.points : null;
  const option = useMemo(
    () =>
      points
        ? sCurveOption(points, asOf, {
            planned: t('schedule.planned'),
            actual: t('schedule.actualCumulative'),
            today: t('schedule.today'),
            axis: t('schedule.panelsAxis'),
          })
        : null,
    [points, asOf, t],
  );
  if (curve.status === 'error') return <ErrorPanel error={curve.error} onRetry={retry} />;
  if (!option) return <p>{t('app.loading')}</p>;
  return <Chart option={option} testId="s-curve" fileName={`s-curve-${asOf}`} />;
}

function Rates({ rates }: { rates: ProductionRate[] }) {
  const { t } = useTranslation();
  return (
    <Grid
      headings={[
        'schedule.window',
        'schedule.workingDays',
        'schedule.panelsFinished',
        'schedule.panelsPerDay',
        'schedule.areaPerDay',
      ]}
      testId="rates"
    >
      {rates.map((r) => (
        <tr key={String(r.window)}>
          <td>
            {r.window === 'all'
              ? t('schedule.sinceStart')
              : t('schedule.windowDays', { n: r.window })}
          </td>
          <td className="num">{r.workingDays}</td>
          <td className="num">{r.panels}</td>
          <td className="num">{r.panelsPerDay}</td>
          <td className="num">{r.areaM2PerDay}</td>
        </tr>
      ))}
    </Grid>
  );
}

function CycleTimes({ view }: { view: ScheduleView }) {
  const { t } = useTranslation();
  return (
    <Grid
      headings={['schedule.panelType', 'schedule.sample', 'schedule.median', 'schedule.p90Days']}
      testId="cycle-times"
    >
      {view.cycleTimes.map((c) => (
        <tr key={c.type}>
          <td>{t(`panels.types.${c.type}`)}</td>
          <td className="num">{c.panels}</td>
          <td className="num">{c.medianDays ?? '—'}</td>
          <td className="num">{c.p90Days ?? '—'}</td>
        </tr>
      ))}
    </Grid>
  );
}

function LookAhead({ view }: { view: ScheduleView }) {
  const { t } = useTranslation();
  return (
    <Grid
      headings={['schedule.day', 'schedule.capacity', 'schedule.expected', 'schedule.crews']}
      testId="look-ahead"
    >
      {view.lookAhead.map((d) => (
        <tr key={d.day} data-testid="look-ahead-day" className={d.capacity === 0 ? 'muted' : ''}>
          <td>{d.day}</td>
          <td className="num">
            {d.capacity === 0 ? t('schedule.nonWorking') : `${Math.round(d.capacity * 100)}%`}
          </td>
          <td data-testid="look-ahead-panels">
            {d.panels.length ? d.panels.map((p) => p.code).join(' ') : t('schedule.none')}
          </td>
          <td>{d.crews ? t('schedule.crewsValue', d.crews) : t('schedule.none')}</td>
        </tr>
      ))}
    </Grid>
  );
}
