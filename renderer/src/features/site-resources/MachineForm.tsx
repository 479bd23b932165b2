// Each machine on site for the shift: hours working, standing by and down (with the reason), and
// a note. A machine not yet recorded starts from the previous shift's hours, so a steady day is
// a few keystrokes; only what differs from what is recorded is saved.
import { useTranslation } from 'react-i18next';
import { DOWN_REASONS, type DownReason, type MachineHours } from '../../../../main/domain/machines';
import type { Shift } from '../../../../main/domain/stages';
import type { Results } from '../../../../main/api/contract';
import { inOneRefresh, type Call } from '../../api';
import { DraftFooter } from '../../shared/DraftStatus';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { draftKey, useDraftSave, useFieldDrafts, type SaveOutcome } from '../../data/drafts';
import { Choice } from '../../shared/Choice';
import { Grid } from '../../shared/Grid';

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

const FIELDS = ['working', 'standby', 'down', 'reason', 'note'] as const;
type FieldName = (typeof FIELDS)[number];

export function MachineForm({
  projectId,
  shift,
  day,
}: {
  projectId: string;
  shift: Shift;
  day: MachineDay;
}) {
  const { t } = useTranslation();
  const entries = day.shifts[shift];
  const start = Object.fromEntries(entries.map((e) => [e.machineId, startRow(e)]));
  const saved = Object.fromEntries(
    entries.flatMap((e) => FIELDS.map((f) => [`${e.machineId}.${f}`, start[e.machineId]![f]])),
  );
  const drafts = useFieldDrafts(draftKey(projectId, day.siteDay, shift, 'machines'), saved);
  const rowOf = (machineId: string): Row => {
    const typed = FIELDS.some(
      (f) => drafts.value(`${machineId}.${f}`) !== saved[`${machineId}.${f}`],
    );
    const row = Object.fromEntries(FIELDS.map((f) => [f, drafts.value(`${machineId}.${f}`)]));
    return { ...(row as Omit<Row, 'carried'>), carried: !typed && start[machineId]!.carried };
  };
  const { error, blocked, submit } = useDraftSave(drafts, (changed) =>
    inOneRefresh((send) => saveMachines({ projectId, day, shift, rowOf, changed, send })),
  );
  if (!day.machines.length) return <p className="muted">{t('resources.noMachines')}</p>;
  const patch = (machineId: string, p: Partial<Row>) =>
    Object.entries(p).forEach(([f, v]) => drafts.set(`${machineId}.${f}`, String(v)));
  const codeOf = new Map(day.machines.map((m) => [m.id, m.code]));
  const label = (field: string) => {
    const [machineId, name] = field.split('.') as [string, FieldName];
    return `${codeOf.get(machineId) ?? '?'} · ${t(`resources.${name}`)}`;
  };

  return (
    <form onSubmit={submit} data-testid="machine-form">
      <Grid
        headings={[
          'resources.machine',
          'resources.working',
          'resources.standby',
          'resources.down',
          'resources.reason',
          'resources.note',
        ]}
      >
        {day.machines.map((m) => (
          <MachineRow
            key={m.id}
            code={m.code}
            title={m.makeModel ?? ''}
            row={rowOf(m.id)}
            invalid={error?.machineId === m.id}
            onChange={(p) => patch(m.id, p)}
          />
        ))}
      </Grid>
      {entries.some((e) => rowOf(e.machineId).carried) && (
        <p className="muted">{t('resources.carried')}</p>
      )}
      <DraftFooter
        drafts={drafts}
        label={label}
        testId="machine"
        saveLabel={t('resources.save')}
        blocked={blocked}
      >
        {error && <ErrorPanel error={error.error} />}
      </DraftFooter>
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
        <Choice
          value={row.reason}
          options={DOWN_REASONS}
          labels="machines.reasons"
          onChange={(v) => onChange({ reason: v })}
          blank={{ value: '', label: t('resources.noReason') }}
          ariaLabel={`${code} ${t('resources.reason')}`}
          testId={`machine-${code}-reason`}
        />
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

/**
 * Sends each filled row that was typed in, or not yet recorded (carried from the last shift); the
 * first refusal stops. Returns the typed fields that went.
 */
async function saveMachines({
  projectId,
  day,
  shift,
  rowOf,
  changed,
  send,
}: {
  projectId: string;
  day: MachineDay;
  shift: Shift;
  rowOf: (machineId: string) => Row;
  changed: Record<string, string>;
  send: Call;
}): Promise<SaveOutcome<{ machineId: string; error: unknown }>> {
  const done: Record<string, string> = {};
  for (const entry of day.shifts[shift]) {
    const row = rowOf(entry.machineId);
    const blank = !row.working && !row.standby && !row.down;
    const typed = FIELDS.map((f) => `${entry.machineId}.${f}`).filter((k) => k in changed);
    if (blank || (entry.recorded && typed.length === 0)) continue;
    try {
      await send('machines:set', {
        projectId,
        siteDay: day.siteDay,
        shift,
        machineId: entry.machineId,
        hours: hoursOf(row),
      });
    } catch (error) {
      return { failed: { machineId: entry.machineId, error }, done };
    }
    for (const k of typed) done[k] = changed[k]!;
  }
  return { failed: null, done };
}
