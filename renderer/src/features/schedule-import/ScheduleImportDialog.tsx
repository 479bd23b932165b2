// The planner's schedule into the app: choose a P6 XER or MSP XML file, see its milestones with
// their WBS and dates, pick (search, filter by WBS, select all under a node) and map each to a
// scope or none, take structure plan dates from activities, and import in one write.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../../main/domain/project';
import { PANEL_STAGES, type PanelStage } from '../../../../main/domain/stages';
import type { Results } from '../../../../main/api/contract';
import { call } from '../../api';
import { ImportFrame } from '../../shared/ImportFrame';
import { readBase64 } from '../../shared/read-file';
import { useLocalName } from '../../shared/use-local-name';
import { PlanPicker, type SchedulePreview } from '../schedule/PlanPicker';
import { useTask } from '../../shared/use-task';
import { Choice } from '../../shared/Choice';
import { Grid } from '../../shared/Grid';

type PreviewActivity = SchedulePreview['activities'][number];
type ScheduleImportResult = Results['schedule:import-commit'];

/** Rows drawn at once; a filter narrows a schedule with more. */
const SHOWN = 300;

interface Pick {
  /** '' leaves the milestone without a scope. */
  structureId: string;
  stage: PanelStage | '';
}

interface Props {
  project: Project;
  onClose: () => void;
}

/** The dialog's state: the file, its preview, the picks and plans, and the step under way. */
function useScheduleImport(project: Project) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<SchedulePreview | null>(null);
  const [picks, setPicks] = useState<Map<string, Pick>>(new Map());
  const [plans, setPlans] = useState<Record<string, string>>({});
  // One step at a time with its progress shown; an error is shown and changes nothing.
  const { busy, label, error, run } = useTask();
  const [done, setDone] = useState<ScheduleImportResult | null>(null);

  const choose = (chosen: File | undefined) =>
    chosen &&
    run(
      async () => {
        setPreview(null);
        setDone(null);
        const data = await readBase64(chosen);
        const next = await call('schedule:import-preview', {
          projectId: project.id,
          fileName: chosen.name,
          dataBase64: data,
        });
        setFile({ name: chosen.name, data });
        setPreview(next);
        setPicks(new Map());
        setPlans(
          Object.fromEntries(
            next.activities.flatMap((a) => a.planFor.map((structureId) => [structureId, a.code])),
          ),
        );
      },
      t('scheduleImport.reading', { file: chosen.name }),
    );
  const commit = () =>
    file &&
    run(
      async () => {
        const result = await call('schedule:import-commit', {
          projectId: project.id,
          fileName: file.name,
          dataBase64: file.data,
          milestones: [...picks].map(([code, p]) => ({
            code,
            scope: p.structureId ? { structureId: p.structureId } : null,
            stage: p.stage || null,
          })),
          plans: Object.entries(plans)
            .filter(([, code]) => code)
            .map(([structureId, code]) => ({ structureId, code })),
        });
        setDone(result);
        setPreview(null);
      },
      t('scheduleImport.commit', { count: picks.size }),
    );

  return { preview, picks, setPicks, plans, setPlans, busy, label, error, done, choose, commit };
}

export function ScheduleImportDialog({ project, onClose }: Props) {
  const { t } = useTranslation();
  const { preview, picks, setPicks, plans, setPlans, busy, label, error, done, choose, commit } =
    useScheduleImport(project);
  return (
    <ImportFrame
      title={t('scheduleImport.title')}
      hint={t('scheduleImport.hint')}
      testId="schedule-import"
      parts="schedule-import"
      wide
      accept=".xer,.xml"
      onFile={(f) => void choose(f)}
      step={label}
      error={error}
      commitLabel={t('scheduleImport.commit', { count: picks.size })}
      canCommit={!!preview && !busy}
      onCommit={() => void commit()}
      closeLabel={t('scheduleImport.close')}
      onClose={onClose}
    >
      {preview && (
        <>
          <p data-testid="schedule-summary">
            {t('scheduleImport.summary', {
              format: preview.format === 'xer' ? 'P6 XER' : 'MS Project XML',
              encoding: preview.encoding,
              projects: preview.projects.map((p) => p.name || p.code).join(', ') || '—',
              activities: preview.activities.length,
              milestones: preview.milestoneCount,
            })}
          </p>
          <p className="muted" data-testid="schedule-kinds">
            {preview.kinds
              .map(({ kind, count }) => `${t(`scheduleImport.kinds.${kind}`)} ${count}`)
              .join(' · ')}
          </p>
          <MilestonePicker project={project} preview={preview} picks={picks} onPicks={setPicks} />
          <PlanPicker project={project} preview={preview} plans={plans} onPlans={setPlans} />
        </>
      )}
      {done && (
        <p className="saved" role="status" data-testid="schedule-import-done">
          ✓ {t('scheduleImport.done', { ...done })}
        </p>
      )}
    </ImportFrame>
  );
}

/** Every WBS node of the file's milestones, from the top: "A", "A › B", … */
function wbsNodes(activities: PreviewActivity[]): string[] {
  const nodes = new Set<string>();
  for (const a of activities)
    for (let i = 1; i <= a.wbsPath.length; i += 1) nodes.add(a.wbsPath.slice(0, i).join(' › '));
  return [...nodes].sort();
}

function MilestonePicker({
  project,
  preview,
  picks,
  onPicks,
}: {
  project: Project;
  preview: SchedulePreview;
  picks: Map<string, Pick>;
  onPicks: (next: Map<string, Pick>) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [wbs, setWbs] = useState('');
  const milestones = useMemo(() => preview.activities.filter((a) => a.milestone), [preview]);
  const nodes = useMemo(() => wbsNodes(milestones), [milestones]);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return milestones.filter(
      (a) =>
        (!wbs || `${a.wbsPath.join(' › ')} ›`.startsWith(`${wbs} ›`)) &&
        (!q || a.code.toLowerCase().includes(q) || a.name.toLowerCase().includes(q)),
    );
  }, [milestones, search, wbs]);
  const set = (code: string, pick: Pick | null) => {
    const next = new Map(picks);
    if (pick) next.set(code, pick);
    else next.delete(code);
    onPicks(next);
  };
  const selectShown = () => {
    const next = new Map(picks);
    for (const a of shown)
      if (!a.milestoneId && a.due && !next.has(a.code))
        next.set(a.code, { structureId: '', stage: '' });
    onPicks(next);
  };
  return (
    <>
      <PickerFilters
        search={search}
        onSearch={setSearch}
        wbs={wbs}
        onWbs={setWbs}
        nodes={nodes}
        onSelectShown={selectShown}
        onClear={() => onPicks(new Map())}
      />
      <Grid
        headings={[
          '',
          'scheduleImport.code',
          'scheduleImport.name',
          'scheduleImport.wbs',
          'scheduleImport.baseline',
          'scheduleImport.current',
          'scheduleImport.status',
          'scheduleImport.scope',
        ]}
        testId="schedule-milestones"
      >
        {shown.slice(0, SHOWN).map((a) => (
          <MilestoneRow
            key={a.code}
            project={project}
            activity={a}
            pick={picks.get(a.code) ?? null}
            onPick={(p) => set(a.code, p)}
          />
        ))}
      </Grid>
      {shown.length > SHOWN && (
        <p className="muted">{t('scheduleImport.more', { count: shown.length - SHOWN })}</p>
      )}
    </>
  );
}

/** Search by code or name, a WBS node, and selecting every milestone the filter shows. */
function PickerFilters(props: {
  search: string;
  onSearch: (value: string) => void;
  wbs: string;
  onWbs: (value: string) => void;
  nodes: string[];
  onSelectShown: () => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-row">
      <input
        type="search"
        placeholder={t('scheduleImport.search')}
        value={props.search}
        onChange={(e) => props.onSearch(e.target.value)}
        data-testid="schedule-search"
      />
      <select
        aria-label={t('scheduleImport.wbs')}
        value={props.wbs}
        onChange={(e) => props.onWbs(e.target.value)}
        data-testid="schedule-wbs"
      >
        <option value="">{t('scheduleImport.allWbs')}</option>
        {props.nodes.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <button type="button" onClick={props.onSelectShown} data-testid="schedule-select-shown">
        {t('scheduleImport.selectShown')}
      </button>
      <button type="button" onClick={props.onClear}>
        {t('scheduleImport.clear')}
      </button>
    </div>
  );
}

function MilestoneRow({
  project,
  activity: a,
  pick,
  onPick,
}: {
  project: Project;
  activity: PreviewActivity;
  pick: Pick | null;
  onPick: (pick: Pick | null) => void;
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const imported = a.milestoneId !== null;
  return (
    <tr data-testid="schedule-milestone" data-code={a.code}>
      <td>
        <input
          type="checkbox"
          aria-label={a.code}
          checked={imported || pick !== null}
          disabled={imported || !a.due}
          onChange={(e) => onPick(e.target.checked ? { structureId: '', stage: '' } : null)}
        />
      </td>
      <td>{a.code}</td>
      <td>{a.name}</td>
      <td className="muted">{a.wbsPath.join(' › ')}</td>
      <td>{a.baselineFinish ?? a.baselineStart ?? '—'}</td>
      <td>{a.due ?? '—'}</td>
      <td>{t(`scheduleImport.activityStatus.${a.status}`)}</td>
      <td>
        {imported ? (
          <span data-testid="schedule-change">
            {t('scheduleImport.imported')}:{' '}
            {a.change === 'update'
              ? t('scheduleImport.willUpdate', { from: a.milestoneDue, to: a.due })
              : t('scheduleImport.same')}
          </span>
        ) : (
          pick && (
            <>
              <select
                aria-label={t('scheduleImport.scope')}
                value={pick.structureId}
                onChange={(e) => onPick({ ...pick, structureId: e.target.value })}
                data-testid="schedule-scope"
              >
                <option value="">{t('scheduleImport.unmapped')}</option>
                {project.structures.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.code} {localName(s)}
                  </option>
                ))}
              </select>
              {pick.structureId && (
                <Choice
                  value={pick.stage}
                  options={PANEL_STAGES}
                  labels="stages"
                  onChange={(v) => onPick({ ...pick, stage: v })}
                  blank={{ value: '', label: t('scheduleImport.concreting') }}
                  ariaLabel={t('scheduleImport.stage')}
                />
              )}
            </>
          )
        )}
      </td>
    </tr>
  );
}
