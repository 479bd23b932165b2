import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrewDay } from '../../../../main/domain/crews';
import type { Shift } from '../../../../main/domain/stages';
import { call } from '../../api';
import { ErrorPanel } from '../../components/ErrorPanel';
import { useLocalName } from '../../use-local-name';

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
  onSaved,
}: {
  projectId: string;
  siteDay: string;
  shift: Shift;
  crews: CrewDay;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const initial = initialRows(crews, shift);
  const [rows, setRows] = useState(initial);
  const [staff, setStaff] = useState(crews.staff === null ? '' : String(crews.staff));
  const [error, setError] = useState<{ teamId: string | null; error: unknown } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const failed = await saveShift({ projectId, siteDay, shift, crews, rows, initial, staff });
    setError(failed);
    setBusy(false);
    if (!failed) onSaved();
  };

  return (
    <form onSubmit={submit} data-testid="crew-form">
      <table className="grid">
        <thead>
          <tr>
            <th>{t('crewsScreen.teams')}</th>
            <th>{t('today.headcount')}</th>
            <th>{t('today.hours')}</th>
            <th>{t('today.foreman')}</th>
          </tr>
        </thead>
        <tbody>
          {crews.teams.map((team) => (
            <TeamRow
              key={team.id}
              name={localName(team)}
              code={team.code}
              row={rows[team.id]!}
              invalid={error?.teamId === team.id}
              onChange={(patch) =>
                setRows((r) => ({ ...r, [team.id]: { ...r[team.id]!, ...patch } }))
              }
            />
          ))}
          <tr>
            <td>{t('today.staff')}</td>
            <td>
              <input
                inputMode="numeric"
                value={staff}
                onChange={(e) => setStaff(e.target.value)}
                data-testid="crew-staff"
              />
            </td>
            <td colSpan={2} />
          </tr>
        </tbody>
      </table>
      <CrewTotals crews={crews} />
      {error && <ErrorPanel error={error.error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="crew-save">
          {t('today.save')}
        </button>
      </div>
    </form>
  );
}

/** Each team's record on this shift as the form starts it: blank headcount, 12 hours. */
function initialRows(crews: CrewDay, shift: Shift): Record<string, Row> {
  return Object.fromEntries(
    crews.teams.map((team) => {
      const r = crews.records.find((x) => x.teamId === team.id && x.shift === shift);
      return [
        team.id,
        {
          headcount: r ? String(r.headcount) : '',
          hours: r ? String(r.hours) : '12',
          foreman: r?.foreman ?? '',
        },
      ];
    }),
  );
}

type CrewFields = { headcount: number; hours: number; foreman: string | null };
type CrewChange = Partial<CrewFields> & { seen?: Partial<Record<keyof CrewFields, string | null>> };

/**
 * What to send for a team's row, or null when it is blank or unchanged. An existing record gets
 * only the fields the user changed, with the versions seen, so another engineer's change to
 * another field of it stands.
 */
function crewChange(
  crews: CrewDay,
  shift: Shift,
  teamId: string,
  row: Row,
  before: Row,
): CrewChange | null {
  if (row.headcount.trim() === '' || JSON.stringify(row) === JSON.stringify(before)) return null;
  const record = crews.records.find((x) => x.teamId === teamId && x.shift === shift);
  const fields: CrewFields = {
    headcount: Number(row.headcount),
    hours: Number(row.hours),
    foreman: row.foreman.trim() || null,
  };
  const keys = Object.keys(fields) as (keyof CrewFields)[];
  const changed = record ? keys.filter((k) => row[k].trim() !== before[k].trim()) : keys;
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
  rows: Record<string, Row>;
  initial: Record<string, Row>;
  staff: string;
}): Promise<{ teamId: string | null; error: unknown } | null> {
  const { projectId, siteDay, shift, crews, staff } = form;
  for (const team of crews.teams) {
    const change = crewChange(crews, shift, team.id, form.rows[team.id]!, form.initial[team.id]!);
    if (!change) continue;
    try {
      await call('crews:set', { projectId, siteDay, shift, teamId: team.id, ...change });
    } catch (error) {
      return { teamId: team.id, error };
    }
  }
  try {
    if (staff.trim() !== '' && staff !== String(crews.staff ?? ''))
      await call('crews:staff', { projectId, siteDay, headcount: Number(staff) });
  } catch (error) {
    return { teamId: null, error };
  }
  return null;
}
