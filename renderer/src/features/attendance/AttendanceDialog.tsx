// A day's crews from the gate: choose the attendance export, map its columns if they were not
// recognised and its teams if they are named otherwise, see each day's count beside what is
// recorded and every odd row, then import it in one write.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Results } from '../../../../main/api/contract';
import { ATTENDANCE_FIELDS, type ColumnMapping } from '../../../../main/domain/attendance';
import type { Team } from '../../../../main/domain/project';
import { call } from '../../api';
import { ImportFrame } from '../../shared/ImportFrame';
import { readBase64 } from '../../shared/read-file';
import { useLocalName } from '../../shared/use-local-name';
import { useTask } from '../../shared/use-task';
import { Grid } from '../../shared/Grid';

type Preview = Results['attendance:preview'];
type Done = Results['attendance:commit'];

/** Rows of the per-day table drawn at once. */
const SHOWN = 400;

function useAttendanceImport(projectId: string) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [teams, setTeams] = useState<Record<string, string>>({});
  // One step at a time with its progress shown; an error is shown and changes nothing.
  const { busy, label, error, run } = useTask();
  const [done, setDone] = useState<Done | null>(null);
  const read = (f: { name: string; data: string }, mapping?: ColumnMapping) =>
    run(
      async () => {
        const next = await call('attendance:preview', {
          projectId,
          fileName: f.name,
          dataBase64: f.data,
          ...(mapping ? { mapping } : {}),
        });
        setFile(f);
        setPreview(next);
        setDone(null);
        setTeams(Object.fromEntries(next.teams.map((x) => [x.name, x.teamId ?? ''])));
      },
      t('attendance.reading', { file: f.name }),
    );
  const choose = async (chosen: File | undefined) => {
    if (chosen) await read({ name: chosen.name, data: await readBase64(chosen) });
  };
  const commit = () =>
    file &&
    preview &&
    run(async () => {
      setDone(
        await call('attendance:commit', {
          projectId,
          fileName: file.name,
          dataBase64: file.data,
          mapping: preview.mapping,
          teams: Object.entries(teams)
            .filter(([, teamId]) => teamId)
            .map(([name, teamId]) => ({ name, teamId })),
        }),
      );
    }, t('attendance.commit'));
  const remap = (mapping: ColumnMapping) => file && read(file, mapping);
  return { preview, teams, setTeams, busy, label, error, done, choose, commit, remap };
}

export function AttendanceDialog({
  projectId,
  projectTeams,
  onClose,
}: {
  projectId: string;
  projectTeams: Team[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const a = useAttendanceImport(projectId);
  const p = a.preview;
  const ready = p && !p.mappingProblem && p.teams.every((x) => a.teams[x.name]);
  return (
    <ImportFrame
      title={t('attendance.title')}
      hint={t('attendance.hint')}
      testId="attendance-dialog"
      parts="attendance"
      wide
      accept=".xlsx,.csv"
      onFile={(f) => void a.choose(f)}
      step={a.label}
      error={a.error}
      commitLabel={t('attendance.commit')}
      canCommit={!!ready && !a.busy && a.done === null}
      onCommit={() => void a.commit()}
      closeLabel={t('attendance.close')}
      onClose={onClose}
    >
      {p && p.mappingProblem && <ColumnPicker preview={p} onMap={(m) => void a.remap(m)} />}
      {p && !p.mappingProblem && (
        <>
          <p data-testid="attendance-summary">
            {t('attendance.summary', { ...p, from: p.from ?? '—', to: p.to ?? '—' })}
          </p>
          {p.alreadyImported && (
            <p className="warning">{t('attendance.already', { ...p.alreadyImported })}</p>
          )}
          <TeamPicker
            preview={p}
            projectTeams={projectTeams}
            value={a.teams}
            onChange={a.setTeams}
          />
          <DayTable preview={p} teams={a.teams} projectTeams={projectTeams} />
          <Problems preview={p} />
        </>
      )}
      {a.done && (
        <p className="saved" role="status" data-testid="attendance-done">
          ✓ {a.done.alreadyImported ? t('attendance.same') : t('attendance.done', { ...a.done })}
        </p>
      )}
    </ImportFrame>
  );
}

/** When the headers were not recognised: which column holds each field. */
function ColumnPicker({ preview, onMap }: { preview: Preview; onMap: (m: ColumnMapping) => void }) {
  const { t } = useTranslation();
  const [mapping, setMapping] = useState<ColumnMapping>(preview.mapping);
  return (
    <div data-testid="attendance-columns">
      <p className="warning">{t('attendance.mapColumns', { problem: preview.mappingProblem })}</p>
      <div className="form-row">
        {ATTENDANCE_FIELDS.map((field) => (
          <label key={field} className="field">
            <span className="field-label">{t(`attendance.fields.${field}`)}</span>
            <select
              value={mapping[field] ?? ''}
              onChange={(e) =>
                setMapping({
                  ...mapping,
                  [field]: e.target.value === '' ? undefined : Number(e.target.value),
                })
              }
              data-testid={`attendance-column-${field}`}
            >
              <option value="">{t('attendance.column')}</option>
              {preview.headers.map((h, i) => (
                <option key={i} value={i}>
                  {h || `#${i + 1}`}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <button type="button" onClick={() => onMap(mapping)} data-testid="attendance-remap">
        {t('attendance.remap')}
      </button>
    </div>
  );
}

function TeamPicker(props: {
  preview: Preview;
  projectTeams: Team[];
  value: Record<string, string>;
  onChange: (next: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  return (
    <>
      <h3>{t('attendance.teams')}</h3>
      <div className="form-row">
        {props.preview.teams.map((team) => (
          <label key={team.name} className="field">
            <span className="field-label">{team.name}</span>
            <select
              value={props.value[team.name] ?? ''}
              onChange={(e) => props.onChange({ ...props.value, [team.name]: e.target.value })}
              data-testid={`attendance-team-${team.name}`}
            >
              <option value="">{t('attendance.unmapped')}</option>
              {props.projectTeams
                .filter((x) => !x.retiredAt)
                .map((x) => (
                  <option key={x.id} value={x.id}>
                    {localName(x)}
                  </option>
                ))}
            </select>
          </label>
        ))}
      </div>
    </>
  );
}

function DayTable(props: {
  preview: Preview;
  teams: Record<string, string>;
  projectTeams: Team[];
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const nameOf = (file: string) => {
    const team = props.projectTeams.find((x) => x.id === props.teams[file]);
    return team ? `${file} → ${localName(team)}` : file;
  };
  return (
    <Grid
      headings={[
        'attendance.day',
        'attendance.shift',
        'attendance.team',
        'attendance.fromFile',
        'attendance.recorded',
      ]}
      testId="attendance-days"
    >
      {props.preview.days.slice(0, SHOWN).map((d) => (
        <tr key={`${d.siteDay}-${d.shift}-${d.team}`} data-testid="attendance-day">
          <td>{d.siteDay}</td>
          <td>{t(`shifts.${d.shift}`)}</td>
          <td>{nameOf(d.team)}</td>
          <td className="num">{d.headcount}</td>
          <td className={`num${d.recorded !== null && d.recorded !== d.headcount ? ' flag' : ''}`}>
            {d.recorded ?? '—'}
          </td>
        </tr>
      ))}
    </Grid>
  );
}

function Problems({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  if (!preview.problemCount) return null;
  return (
    <details data-testid="attendance-problems">
      <summary>{t('attendance.problems', { count: preview.problemCount })}</summary>
      <Grid headings={['attendance.row', 'attendance.reason']}>
        {preview.problems.map((p, i) => (
          <tr key={i}>
            <td>{p.row}</td>
            <td>{p.reason}</td>
          </tr>
        ))}
      </Grid>
      {preview.problemCount > preview.problems.length && (
        <p className="muted">
          {t('attendance.more', { count: preview.problemCount - preview.problems.length })}
        </p>
      )}
    </details>
  );
}
