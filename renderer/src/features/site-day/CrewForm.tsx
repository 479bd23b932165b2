import { useTranslation } from 'react-i18next';
import type { CrewDay } from '../../../../main/domain/crews';
import type { Shift } from '../../../../main/domain/stages';
import { inOneRefresh, type Call } from '../../api';
import { DraftFooter } from '../../shared/DraftStatus';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { draftKey, useDraftSave, useFieldDrafts, type SaveOutcome } from '../../data/drafts';
import { useLocalName } from '../../shared/use-local-name';
import { Grid } from '../../shared/Grid';

interface Row {
  headcount: string;
  hours: string;
  foreman: string;
}

export function CrewForm({
  projectId,
  siteDay,
  shift,
  crews,
}: {
  projectId: string;
  siteDay: string;
  shift: Shift;
  crews: CrewDay;
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const saved = savedFields(crews, shift);
  const drafts = useFieldDrafts(draftKey(projectId, siteDay, shift, 'crews'), saved);
  const rowOf = (teamId: string): Row => ({
    headcount: drafts.value(`${teamId}.headcount`),
    hours: drafts.value(`${teamId}.hours`),
    foreman: drafts.value(`${teamId}.foreman`),
  });
  const label = (field: string) => {
    const [teamId, column] = field.split('.');
    const team = crews.teams.find((x) => x.id === teamId);
    return team ? `${localName(team)} · ${t(`today.${column}`)}` : t('today.staff');
  };

  // What went is saved, even before a refusal; a row left blank stays a draft.
  const { error, blocked, submit } = useDraftSave(drafts, (changed) =>
    inOneRefresh((send) => saveShift({ projectId, siteDay, shift, crews, rowOf, changed, send })),
  );

  return (
    <form onSubmit={submit} data-testid="crew-form">
      <Grid headings={['crewsScreen.teams', 'today.headcount', 'today.hours', 'today.foreman']}>
        {crews.teams.map((team) => (
          <TeamRow
            key={team.id}
            name={localName(team)}
            code={team.code}
            row={rowOf(team.id)}
            invalid={error?.teamId === team.id}
            onChange={(patch) =>
              Object.entries(patch).forEach(([k, v]) => drafts.set(`${team.id}.${k}`, v))
            }
          />
        ))}
        <tr>
          <td>{t('today.staff')}</td>
          <td>
            <input
              inputMode="numeric"
              value={drafts.value('staff')}
              onChange={(e) => drafts.set('staff', e.target.value)}
              data-testid="crew-staff"
            />
          </td>
          <td colSpan={2} />
        </tr>
      </Grid>
      <CrewTotals crews={crews} />
      <DraftFooter
        drafts={drafts}
        label={label}
        testId="crew"
        saveLabel={t('today.save')}
        blocked={blocked}
      >
        {error && <ErrorPanel error={error.error} />}
      </DraftFooter>
    </form>
  );
}

/**
 * Each team's record on this shift as saved, field by field, as the form shows it (a team not yet
 * recorded: blank headcount, 12 hours), and the staff count.
 */
function savedFields(crews: CrewDay, shift: Shift): Record<string, string> {
  const fields: Record<string, string> = {
    staff: crews.staff === null ? '' : String(crews.staff),
  };
  for (const team of crews.teams) {
    const r = crews.records.find((x) => x.teamId === team.id && x.shift === shift);
    fields[`${team.id}.headcount`] = r ? String(r.headcount) : '';
    fields[`${team.id}.hours`] = r ? String(r.hours) : '12';
    fields[`${team.id}.foreman`] = r?.foreman ?? '';
  }
  return fields;
}

type CrewFields = { headcount: number; hours: number; foreman: string | null };
type CrewChange = Partial<CrewFields> & { seen?: Partial<Record<keyof CrewFields, string | null>> };

/**
 * What to send for a team's row, or null when nothing of it was changed or its headcount is blank.
 * An existing record gets only the fields the user changed, with the versions seen, so another
 * engineer's change to another field of it stands.
 */
function crewChange(
  crews: CrewDay,
  shift: Shift,
  teamId: string,
  row: Row,
  sent: Record<string, string>,
): CrewChange | null {
  const keys = (['headcount', 'hours', 'foreman'] as const).filter((k) => `${teamId}.${k}` in sent);
  if (keys.length === 0 || row.headcount.trim() === '') return null;
  const record = crews.records.find((x) => x.teamId === teamId && x.shift === shift);
  const fields: CrewFields = {
    headcount: Number(row.headcount),
    hours: Number(row.hours),
    foreman: row.foreman.trim() || null,
  };
  const changed = record ? keys : (Object.keys(fields) as (keyof CrewFields)[]);
  return {
    ...Object.fromEntries(changed.map((k) => [k, fields[k]])),
    ...(record?.versions
      ? { seen: Object.fromEntries(changed.map((k) => [k, record.versions![k]])) }
      : {}),
  };
}

function TeamRow({
  name,
  code,
  row,
  invalid,
  onChange,
}: {
  name: string;
  code: string;
  row: Row;
  invalid: boolean;
  onChange: (patch: Partial<Row>) => void;
}) {
  return (
    <tr className={invalid ? 'invalid' : ''}>
      <td>{name}</td>
      <td>
        <input
          inputMode="numeric"
          value={row.headcount}
          onChange={(e) => onChange({ headcount: e.target.value })}
          data-testid={`crew-${code}`}
          aria-invalid={invalid}
        />
      </td>
      <td>
        <input
          inputMode="decimal"
          value={row.hours}
          onChange={(e) => onChange({ hours: e.target.value })}
        />
      </td>
      <td>
        <input
          value={row.foreman}
          onChange={(e) => onChange({ foreman: e.target.value })}
          maxLength={64}
        />
      </td>
    </tr>
  );
}

/** The shift's totals against the crew plan. */
function CrewTotals({ crews }: { crews: CrewDay }) {
  const { t } = useTranslation();
  const plan = { min: crews.plan.minWorkers, max: crews.plan.maxWorkers };
  const flag =
    crews.totals.plan === 'below'
      ? 'today.planBelow'
      : crews.totals.plan === 'above'
        ? 'today.planAbove'
        : 'today.planWithin';
  return (
    <p
      className={`totals plan-${crews.totals.plan}`}
      data-testid="crew-totals"
      data-plan={crews.totals.plan}
    >
      {t('today.totals', { ...crews.totals })} · {t(flag, plan)}
    </p>
  );
}

/** Sends each changed team row, then the staff count; the first refusal stops and is returned. */
async function saveShift(form: {
  projectId: string;
  siteDay: string;
  shift: Shift;
  crews: CrewDay;
  rowOf: (teamId: string) => Row;
  /** The fields whose draft differs from what is saved. */
  changed: Record<string, string>;
  send: Call;
}): Promise<SaveOutcome<Refusal>> {
  const { projectId, siteDay, shift, crews, changed, send } = form;
  const done: Record<string, string> = {};
  for (const team of crews.teams) {
    const change = crewChange(crews, shift, team.id, form.rowOf(team.id), changed);
    if (!change) continue;
    try {
      await send('crews:set', { projectId, siteDay, shift, teamId: team.id, ...change });
    } catch (error) {
      return { failed: { teamId: team.id, error }, done };
    }
    for (const k of ['headcount', 'hours', 'foreman'])
      if (`${team.id}.${k}` in changed) done[`${team.id}.${k}`] = changed[`${team.id}.${k}`]!;
  }
  const staff = changed.staff;
  if (staff !== undefined && staff.trim() !== '') {
    try {
      await send('crews:staff', { projectId, siteDay, headcount: Number(staff) });
    } catch (error) {
      return { failed: { teamId: null, error }, done };
    }
    done.staff = staff;
  }
  return { failed: null, done };
}

type Refusal = { teamId: string | null; error: unknown };
