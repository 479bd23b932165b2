// Each machine on site for the shift: hours working, standing by and down (with the reason), and
// a note. A machine not yet recorded starts from the previous shift's hours, so a steady day is
// a few keystrokes; only what differs from what is recorded is saved.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DOWN_REASONS, type DownReason, type MachineHours } from '../../../../main/domain/machines';
import type { Shift } from '../../../../main/domain/stages';
import type { Results } from '../../../../main/api/contract';
import { call } from '../../api';
import { ErrorPanel } from '../../components/ErrorPanel';

type MachineDay = Results['machines:day'];
type Entry = MachineDay['shifts']['day'][number];

interface Row {
  working: string;
  standby: string;
  down: string;
  reason: DownReason | '';
  note: string;
  carried: boolean;
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

function startRow(entry: Entry): Row {
  const from: MachineHours | null = entry.recorded ?? entry.carried;
  return {
    working: text(from?.hoursWorking),
    standby: text(from?.hoursStandby),
    down: text(from?.hoursDown),
    reason: from?.downReason ?? '',
    note: entry.recorded?.note ?? '',
    carried: !entry.recorded && entry.carried !== null,
  };
}

const hoursOf = (row: Row): MachineHours => ({
  hoursWorking: Number(row.working || 0),
  hoursStandby: Number(row.standby || 0),
  hoursDown: Number(row.down || 0),
  downReason: row.reason || null,
  note: row.note.trim() || null,
});

export function MachineForm({
  projectId,
  shift,
  day,
  onSaved,
}: {
  projectId: string;
  shift: Shift;
  day: MachineDay;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const entries = day.shifts[shift];
  const initial = Object.fromEntries(entries.map((e) => [e.machineId, startRow(e)]));
  const [rows, setRows] = useState<Record<string, Row>>(initial);
  const [error, setError] = useState<{ machineId: string; error: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!day.machines.length) return <p className="muted">{t('resources.noMachines')}</p>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const failed = await saveMachines(projectId, day, shift, rows, initial);
    setError(failed);
    setBusy(false);
    if (!failed) onSaved();
  };
  const patch = (machineId: string, p: Partial<Row>) =>
    setRows((r) => ({ ...r, [machineId]: { ...r[machineId]!, ...p, carried: false } }));

  return (
    <form onSubmit={submit} data-testid="machine-form">
      <table className="grid">
        <thead>
          <tr>
            <th>{t('resources.machine')}</th>
            <th>{t('resources.working')}</th>
            <th>{t('resources.standby')}</th>
            <th>{t('resources.down')}</th>
            <th>{t('resources.reason')}</th>
            <th>{t('resources.note')}</th>
          </tr>
        </thead>
        <tbody>
          {day.machines.map((m) => (
            <MachineRow
              key={m.id}
              code={m.code}
              title={m.makeModel ?? ''}
              row={rows[m.id]!}
              invalid={error?.machineId === m.id}
              onChange={(p) => patch(m.id, p)}
            />
          ))}
        </tbody>
      </table>
      {Object.values(rows).some((r) => r.carried) && (
        <p className="muted">{t('resources.carried')}</p>
      )}
      {error && <ErrorPanel error={error.error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="machine-save">
          {t('resources.save')}
        </button>
      </div>
    </form>
  );
}

function MachineRow({
  code,
  title,
  row,
  invalid,
  onChange,
}: {
  code: string;
  title: string;
  row: Row;
  invalid: boolean;
  onChange: (patch: Partial<Row>) => void;
}) {
  const { t } = useTranslation();
  const hours = (key: 'working' | 'standby' | 'down') => (
    <td>
      <input
        inputMode="decimal"
        value={row[key]}
        className={row.carried ? 'carried' : ''}
        onChange={(e) => onChange({ [key]: e.target.value })}
        aria-label={`${code} ${t(`resources.${key}`)}`}
        aria-invalid={invalid}
        data-testid={`machine-${code}-${key}`}
      />
    </td>
  );
  return (
    <tr className={invalid ? 'invalid' : ''}>
      <td title={title}>{code}</td>
      {hours('working')}
      {hours('standby')}
      {hours('down')}
      <td>
        <select
          value={row.reason}
          onChange={(e) => onChange({ reason: e.target.value as DownReason | '' })}
          aria-label={`${code} ${t('resources.reason')}`}
          data-testid={`machine-${code}-reason`}
        >
          <option value="">{t('resources.noReason')}</option>
          {DOWN_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`machines.reasons.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          value={row.note}
          maxLength={500}
          onChange={(e) => onChange({ note: e.target.value })}
          aria-label={`${code} ${t('resources.note')}`}
        />
      </td>
    </tr>
  );
}

/** Sends each filled row that differs from what is recorded; the first refusal stops. */
async function saveMachines(
  projectId: string,
  day: MachineDay,
  shift: Shift,
  rows: Record<string, Row>,
  initial: Record<string, Row>,
): Promise<{ machineId: string; error: unknown } | null> {
  for (const entry of day.shifts[shift]) {
    const row = rows[entry.machineId]!;
    const blank = !row.working && !row.standby && !row.down;
    const unchanged =
      entry.recorded && JSON.stringify(row) === JSON.stringify(initial[entry.machineId]);
    if (blank || unchanged) continue;
    try {
      await call('machines:set', {
        projectId,
        siteDay: day.siteDay,
        shift,
        machineId: entry.machineId,
        hours: hoursOf(row),
      });
    } catch (error) {
      return { machineId: entry.machineId, error };
    }
  }
  return null;
}
