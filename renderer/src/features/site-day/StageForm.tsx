import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelSummary } from '../../../../main/domain/panel';
import { RIG_KINDS } from '../../../../main/domain/machines';
import { useRead } from '../../data/use-read';
import type { Team } from '../../../../main/domain/project';
import {
  nextStage,
  REQUIRED_MEASUREMENTS,
  USUAL_TEAM_CODE,
  type MeasurementKey,
  type Measurements,
  type PanelStage,
  type Shift,
} from '../../../../main/domain/stages';
import { call } from '../../api';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { Field } from '../../shared/Field';
import { fieldErrors } from '../../shared/field-errors';
import { useLocalName } from '../../shared/use-local-name';
import { draftKey, useFieldDrafts } from '../../data/drafts';
import type { ProjectSettings } from '../../../../main/domain/settings';
import { StageWarnings, useStageWarnings } from './StageWarnings';
import { useTask } from '../../shared/use-task';
import { ChoiceField } from '../../shared/Choice';

/** Optional measurements worth offering at each stage, after the required ones. */
const OPTIONAL: Record<PanelStage, MeasurementKey[]> = {
  guide_wall: [],
  excavation: ['rig'],
  trench_acceptance: ['rig', 'slurryDensity', 'slurryViscosityS', 'slurrySandPct'],
  desanding: ['sedimentMm'],
  cage_lowered: [],
  concreting: [],
};

/** What the engineer has typed so far. */
interface Entry {
  panelId: string;
  values: Partial<Record<MeasurementKey, string>>;
  teamId: string | null;
  notes: string;
}
const NOTHING_SAVED: Record<string, string> = {};

/**
 * What the engineer has typed, kept as drafts (per project, day, shift), so a reload or a crash
 * of the window loses none of it; cleared once it is saved.
 */
function useStageEntry(key: string): [Entry, (patch: Partial<Entry>) => void, () => void] {
  const drafts = useFieldDrafts(key, NOTHING_SAVED);
  const typed = drafts.changed();
  const entry: Entry = {
    panelId: drafts.value('panelId'),
    teamId: drafts.value('teamId') || null,
    notes: drafts.value('notes'),
    values: Object.fromEntries(
      Object.keys(typed)
        .filter((k) => k.startsWith('m.'))
        .map((k) => [k.slice(2), typed[k]!]),
    ),
  };
  const set = (patch: Partial<Entry>) => {
    if (patch.panelId !== undefined) drafts.set('panelId', patch.panelId);
    if (patch.teamId !== undefined) drafts.set('teamId', patch.teamId ?? '');
    if (patch.notes !== undefined) drafts.set('notes', patch.notes);
    for (const [k, v] of Object.entries(patch.values ?? {})) drafts.set(`m.${k}`, v ?? '');
  };
  return [entry, set, () => drafts.saved(drafts.changed())];
}

interface Props {
  panels: PanelSummary[];
  teams: Team[];
  siteDay: string;
  shift: Shift;
  settings: ProjectSettings;
}

export function StageForm({ panels, teams, siteDay, shift, settings }: Props) {
  const { t } = useTranslation();
  const open = panels.filter((p) => !p.retiredAt && nextStage(p.status) !== null);
  const projectId = panels[0]?.projectId ?? '';
  const [entry, set, clear] = useStageEntry(draftKey(projectId, siteDay, shift, 'stage'));
  const { panelId, values, teamId, notes } = entry;
  const { busy, error, setError, run } = useTask();
  const [saved, setSaved] = useState<string | null>(null);
  const panel = open.find((p) => p.id === panelId) ?? null;
  const { stage, fields, usualTeam } = stagePlan(panel, teams);
  const errors = fieldErrors(error);
  const check = useStageWarnings(panel, measurementsFrom(fields, values), settings);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!panel || !stage || busy || check.blocked) return;
    const recorded = await run(() =>
      call('stages:record', {
        panelId: panel.id,
        stage,
        siteDay,
        shift,
        teamId: teamId ?? usualTeam,
        measurements: measurementsFrom(fields, values),
        notes: [notes.trim(), check.note()].filter(Boolean).join('\n') || null,
      }),
    );
    if (recorded === null) return;
    setSaved(`${panel.code} · ${t(`stages.${stage}`)}`);
    clear();
    check.reset();
  };

  return (
    <form className="stage-form" onSubmit={submit} data-testid="stage-form">
      <StageRow
        open={open}
        teams={teams}
        entry={entry}
        stage={stage}
        teamId={teamId ?? usualTeam}
        error={errors.panelId}
        onChange={(patch) => {
          set(patch);
          if (patch.panelId !== undefined) {
            setError(null);
            setSaved(null);
          }
        }}
      />
      {stage && (
        <MeasurementFields
          stage={stage}
          fields={fields}
          values={values}
          onValue={(key, value) => set({ values: { ...values, [key]: value } })}
          notes={notes}
          onNotes={(text) => set({ notes: text })}
          errors={errors}
          projectId={panels[0]?.projectId ?? null}
        />
      )}
      <StageWarnings check={check} />
      {error !== null && Object.keys(errors).length === 0 && <ErrorPanel error={error} />}
      <SaveRow
        disabled={!stage || busy || check.blocked}
        label={check.warnings.length ? t('warnings.saveAnyway') : t('today.save')}
        saved={saved}
      />
    </form>
  );
}

function SaveRow(props: { disabled: boolean; label: string; saved: string | null }) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={props.disabled} data-testid="stage-save">
        {props.label}
      </button>
      {props.saved && <Saved what={props.saved} />}
    </div>
  );
}

/** A panel's next stage, the measurements it asks for, and the team that usually does it. */
function stagePlan(panel: PanelSummary | null, teams: Team[]) {
  const stage = panel ? nextStage(panel.status) : null;
  if (!stage) return { stage: null, fields: [], usualTeam: null };
  return {
    stage,
    fields: [...REQUIRED_MEASUREMENTS[stage], ...OPTIONAL[stage]],
    usualTeam: teams.find((tm) => tm.code === USUAL_TEAM_CODE[stage])?.id ?? null,
  };
}

/** The measurements typed in, as numbers (the rig as text); blank fields are left out. */
function measurementsFrom(
  fields: MeasurementKey[],
  values: Partial<Record<MeasurementKey, string>>,
): Measurements {
  const measurements: Record<string, unknown> = {};
  for (const key of fields) {
    const raw = values[key]?.trim();
    if (!raw) continue;
    measurements[key] = key === 'rig' ? raw : Number(raw);
  }
  return measurements as Measurements;
}

function TeamSelect({
  teams,
  value,
  onChange,
}: {
  teams: Team[];
  value: string | null;
  onChange: (teamId: string | null) => void;
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  return (
    <ChoiceField
      label={t('today.team')}
      value={value ?? ''}
      items={teams.map((tm) => ({ value: tm.id, label: localName(tm) }))}
      onChange={(teamId) => onChange(teamId || null)}
      blank={{ value: '', label: t('today.noTeam') }}
    />
  );
}

function MeasurementFields(props: {
  stage: PanelStage;
  fields: MeasurementKey[];
  values: Partial<Record<MeasurementKey, string>>;
  onValue: (key: MeasurementKey, value: string) => void;
  notes: string;
  onNotes: (notes: string) => void;
  errors: Record<string, string>;
  projectId: string | null;
}) {
  const { t } = useTranslation();
  const rigCodes = useRigCodes(props.projectId);
  const { stage, values, errors } = props;
  return (
    <div className="form-row">
      {props.fields.map((key) => (
        <Field key={key} label={t(`measurements.${key}`)} error={errors[`measurements.${key}`]}>
          <input
            inputMode={key === 'rig' ? 'text' : 'decimal'}
            list={key === 'rig' ? 'rig-codes' : undefined}
            value={values[key] ?? ''}
            onChange={(e) => props.onValue(key, e.target.value)}
            aria-required={REQUIRED_MEASUREMENTS[stage].includes(key)}
            data-testid={`m-${key}`}
          />
        </Field>
      ))}
      <datalist id="rig-codes">
        {rigCodes.map((code) => (
          <option key={code} value={code} />
        ))}
      </datalist>
      <Field label={t('today.notes')} wide>
        <input
          value={props.notes}
          onChange={(e) => props.onNotes(e.target.value)}
          maxLength={2000}
        />
      </Field>
    </div>
  );
}

/** The panels that have a next stage, each with the stage it goes to. */
function PanelPicker(props: {
  open: PanelSummary[];
  value: string;
  error: string | undefined;
  onChange: (panelId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Field label={t('today.panel')} error={props.error}>
      {/* No autoFocus: the form is drawn again for every day and after saves, and a field that
          takes the keyboard then steals it from whatever the person is typing in (issue 27). */}
      <select
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid="stage-panel"
      >
        <option value="">{t('today.choosePanel')}</option>
        {props.open.map((p) => (
          <option key={p.id} value={p.id}>
            {p.code} → {t(`stages.${nextStage(p.status)}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}

function Saved({ what }: { what: string }) {
  const { t } = useTranslation();
  return (
    <span className="saved" role="status" data-testid="stage-saved">
      ✓ {t('today.saved')}: {what}
    </span>
  );
}

/** Which panel, the stage it goes to, and the team doing it. */
function StageRow(props: {
  open: PanelSummary[];
  teams: Team[];
  entry: Entry;
  stage: PanelStage | null;
  teamId: string | null;
  error: string | undefined;
  onChange: (patch: Partial<Entry>) => void;
}) {
  const { t } = useTranslation();
  const { stage, onChange } = props;
  return (
    <div className="form-row">
      <PanelPicker
        open={props.open}
        value={props.entry.panelId}
        error={props.error}
        onChange={(panelId) => onChange({ panelId })}
      />
      {stage && (
        <Field label={t('today.nextStage')}>
          <output data-testid="stage-next">{t(`stages.${stage}`)}</output>
        </Field>
      )}
      {stage && (
        <TeamSelect
          teams={props.teams}
          value={props.teamId}
          onChange={(teamId) => onChange({ teamId })}
        />
      )}
    </div>
  );
}

/** The codes of the project's rigs on site: an excavation names its rig from them. */
function useRigCodes(projectId: string | null): string[] {
  const [machines] = useRead('machines:list', projectId ? { projectId } : null);
  if (machines.status !== 'ok') return [];
  return machines.value
    .filter((m) => m.onSite && !m.retiredAt && RIG_KINDS.includes(m.kind))
    .map((m) => m.code);
}
