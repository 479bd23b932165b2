// Settings → Working calendar: weekly rest days, non-working and reduced-capacity periods, and each
// structure's planned start and finish. Every forecast and the planned S-curve use these.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../../main/domain/project';
import type { WorkingCalendar } from '../../../../main/domain/schedule';
import { call } from '../../api';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { fieldErrors } from '../../shared/field-errors';
import { useLocalName } from '../../shared/use-local-name';
import { DateField } from '../../shared/DateField';
import { useTask } from '../../shared/use-task';
import { Grid } from '../../shared/Grid';

type Period = WorkingCalendar['reduced'][number];

export function CalendarSettings({ project }: { project: Project }) {
  const { t } = useTranslation();
  const [calendar, setCalendar] = useState<WorkingCalendar>(project.calendar);
  const { error, run } = useTask();
  const [saved, setSaved] = useState(false);
  const invalid = fieldErrors(error);

  const save = async () => {
    setSaved(false);
    const next = await run(() =>
      call('schedule:set-calendar', { projectId: project.id, calendar }),
    );
    if (next === null) return;
    setCalendar(next);
    setSaved(true);
  };
  const toggleRest = (day: number) =>
    setCalendar((c) => ({
      ...c,
      restWeekdays: c.restWeekdays.includes(day)
        ? c.restWeekdays.filter((d) => d !== day)
        : [...c.restWeekdays, day].sort(),
    }));

  return (
    <section className="calendar-settings" data-testid="calendar-settings">
      <h2>{t('calendar.title')}</h2>
      <p className="muted">{t('calendar.intro')}</p>
      <fieldset>
        <legend>{t('calendar.restWeekdays')}</legend>
        {[0, 1, 2, 3, 4, 5, 6].map((d) => (
          <label key={d} className="check">
            <input
              type="checkbox"
              checked={calendar.restWeekdays.includes(d)}
              onChange={() => toggleRest(d)}
              data-testid={`rest-${d}`}
            />
            {t(`calendar.weekdays.w${d}`)}
          </label>
        ))}
      </fieldset>
      <Periods
        title={t('calendar.nonWorking')}
        kind="nonWorking"
        periods={calendar.nonWorking.map((p) => ({ ...p, capacity: 0 }))}
        invalid={invalid}
        onChange={(list) =>
          setCalendar((c) => ({
            ...c,
            nonWorking: list.map(({ from, to, label }) => ({ from, to, label })),
          }))
        }
      />
      <Periods
        title={t('calendar.reduced')}
        kind="reduced"
        periods={calendar.reduced}
        invalid={invalid}
        onChange={(list) => setCalendar((c) => ({ ...c, reduced: list }))}
      />
      <div className="form-actions">
        <button type="button" onClick={() => void save()} data-testid="calendar-save">
          {t('calendar.save')}
        </button>
        {saved && <span className="saved">{t('calendar.saved')}</span>}
      </div>
      {error !== null && <ErrorPanel error={error} />}
      <StructurePlans project={project} />
    </section>
  );
}

function Periods({
  title,
  kind,
  periods,
  invalid,
  onChange,
}: {
  title: string;
  kind: 'nonWorking' | 'reduced';
  periods: Period[];
  invalid: Record<string, string>;
  onChange: (periods: Period[]) => void;
}) {
  const { t } = useTranslation();
  const update = (i: number, change: Partial<Period>) =>
    onChange(periods.map((p, j) => (j === i ? { ...p, ...change } : p)));
  return (
    <fieldset data-testid={`periods-${kind}`}>
      <legend>{title}</legend>
      <Grid
        headings={[
          'calendar.from',
          'calendar.to',
          'calendar.label',
          ...(kind === 'reduced' ? ['calendar.capacity'] : []),
          '',
        ]}
      >
        {periods.map((p, i) => {
          const path = `calendar.${kind}.${i}`;
          return (
            <PeriodRow
              key={i}
              period={p}
              withCapacity={kind === 'reduced'}
              problem={
                invalid[`${path}.from`] ?? invalid[`${path}.to`] ?? invalid[`${path}.capacity`]
              }
              onChange={(change) => update(i, change)}
              onRemove={() => onChange(periods.filter((_, j) => j !== i))}
            />
          );
        })}
      </Grid>
      <button
        type="button"
        data-testid={`add-${kind}`}
        onClick={() => {
          const last = periods[periods.length - 1];
          const day = last?.to ?? new Date().toISOString().slice(0, 10);
          onChange([...periods, { from: day, to: day, label: '', capacity: 0.5 }]);
        }}
      >
        {t('calendar.add')}
      </button>
    </fieldset>
  );
}

function StructurePlans({ project }: { project: Project }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  return (
    <>
      <h2>{t('calendar.plans')}</h2>
      <Grid
        headings={['sheet.structure', 'calendar.plannedStart', 'calendar.plannedFinish', '']}
        testId="structure-plans"
      >
        {project.structures.map((s) => (
          <PlanRow key={s.id} structure={s} name={localName(s)} />
        ))}
      </Grid>
    </>
  );
}

function PlanRow({ structure, name }: { structure: Project['structures'][number]; name: string }) {
  const { t } = useTranslation();
  const [start, setStart] = useState(structure.plannedStart ?? '');
  const [finish, setFinish] = useState(structure.plannedFinish ?? '');
  const { error, run } = useTask();
  const [saved, setSaved] = useState(false);
  const save = async () => {
    setSaved(false);
    const plan = {
      structureId: structure.id,
      plannedStart: start || null,
      plannedFinish: finish || null,
    };
    setSaved((await run(() => call('schedule:set-plan', plan))) !== null);
  };
  return (
    <tr>
      <td>{name}</td>
      <td>
        <DateField value={start} onCommit={setStart} optional />
      </td>
      <td>
        <DateField value={finish} onCommit={setFinish} optional />
      </td>
      <td>
        <button type="button" onClick={() => void save()}>
          {t('calendar.savePlan')}
        </button>
        {saved && <span className="saved">{t('calendar.planSaved')}</span>}
        {error !== null && <ErrorPanel error={error} />}
      </td>
    </tr>
  );
}

function PeriodRow({
  period: p,
  withCapacity,
  problem,
  onChange,
  onRemove,
}: {
  period: Period;
  withCapacity: boolean;
  problem: string | undefined;
  onChange: (change: Partial<Period>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <tr className={problem ? 'invalid' : ''}>
      <td>
        <DateField value={p.from} onCommit={(from) => onChange({ from })} optional />
      </td>
      <td>
        <DateField value={p.to} onCommit={(to) => onChange({ to })} optional />
      </td>
      <td>
        <input
          value={p.label}
          maxLength={80}
          onChange={(e) => onChange({ label: e.target.value })}
        />
        {problem && (
          <span className="field-error" role="alert">
            {problem}
          </span>
        )}
      </td>
      {withCapacity && (
        <td>
          <input
            type="number"
            min={1}
            max={99}
            value={Math.round(p.capacity * 100)}
            onChange={(e) => onChange({ capacity: Number(e.target.value) / 100 })}
          />
        </td>
      )}
      <td>
        <button type="button" onClick={onRemove}>
          {t('calendar.remove')}
        </button>
      </td>
    </tr>
  );
}
