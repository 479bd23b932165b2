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
  const initial = Object.fromEntries(
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
  ) as Record<string, Row>;
  const [rows, setRows] = useState(initial);
  const [staff, setStaff] = useState(crews.staff === null ? '' : String(crews.staff));
  const [error, setError] = useState<{ teamId: string | null; error: unknown } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      for (const team of crews.teams) {
        const row = rows[team.id]!;
        const before = initial[team.id]!;
        if (row.headcount.trim() === '' || JSON.stringify(row) === JSON.stringify(before)) continue;
        const record = crews.records.find((x) => x.teamId === team.id && x.shift === shift);
        const fields = {
          headcount: Number(row.headcount),
          hours: Number(row.hours),
          foreman: row.foreman.trim() || null,
        };
        // An existing record gets only the fields the user changed, with the versions seen, so
        // another engineer's change to another field of it stands.
        const changed = record
          ? (Object.keys(fields) as (keyof typeof fields)[]).filter(
              (k) => row[k].trim() !== before[k].trim(),
            )
          : (Object.keys(fields) as (keyof typeof fields)[]);
        try {
          await call('crews:set', {
            projectId,
            siteDay,
            shift,
            teamId: team.id,
            ...Object.fromEntries(changed.map((k) => [k, fields[k]])),
            ...(record?.versions
              ? { seen: Object.fromEntries(changed.map((k) => [k, record.versions![k]])) }
              : {}),
          });
        } catch (err) {
          setError({ teamId: team.id, error: err });
          return;
        }
      }
      if (staff.trim() !== '' && staff !== String(crews.staff ?? '')) {
        await call('crews:staff', { projectId, siteDay, headcount: Number(staff) });
      }
      onSaved();
    } catch (err) {
      setError({ teamId: null, error: err });
    } finally {
      setBusy(false);
    }
  };

  const plan = { min: crews.plan.minWorkers, max: crews.plan.maxWorkers };
  const flag =
    crews.totals.plan === 'below'
      ? 'today.planBelow'
      : crews.totals.plan === 'above'
        ? 'today.planAbove'
        : 'today.planWithin';
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
          {crews.teams.map((team) => {
            const row = rows[team.id]!;
            const set = (patch: Partial<Row>) =>
              setRows((r) => ({ ...r, [team.id]: { ...row, ...patch } }));
            const invalid = error?.teamId === team.id;
            return (
              <tr key={team.id} className={invalid ? 'invalid' : ''}>
                <td>{localName(team)}</td>
                <td>
                  <input
                    inputMode="numeric"
                    value={row.headcount}
                    onChange={(e) => set({ headcount: e.target.value })}
                    data-testid={`crew-${team.code}`}
                    aria-invalid={invalid}
                  />
                </td>
                <td>
                  <input
                    inputMode="decimal"
                    value={row.hours}
                    onChange={(e) => set({ hours: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    value={row.foreman}
                    onChange={(e) => set({ foreman: e.target.value })}
                    maxLength={64}
                  />
                </td>
              </tr>
            );
          })}
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
      <p
        className={`totals plan-${crews.totals.plan}`}
        data-testid="crew-totals"
        data-plan={crews.totals.plan}
      >
        {t('today.totals', { ...crews.totals })} · {t(flag, plan)}
      </p>
      {error && <ErrorPanel error={error.error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="crew-save">
          {t('today.save')}
        </button>
      </div>
    </form>
  );
}
