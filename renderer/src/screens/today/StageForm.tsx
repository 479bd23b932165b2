import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelSummary } from '../../../../main/domain/panel';
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
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field } from '../../components/Field';
import { fieldErrors } from '../../field-errors';
import { useLocalName } from '../../use-local-name';

/** Optional measurements worth offering at each stage, after the required ones. */
const OPTIONAL: Record<PanelStage, MeasurementKey[]> = {
  guide_wall: [],
  excavation: ['rig'],
  trench_acceptance: ['slurryDensity', 'slurryViscosityS', 'slurrySandPct'],
  desanding: ['sedimentMm'],
  cage_lowered: [],
  concreting: [],
};

interface Props {
  panels: PanelSummary[];
  teams: Team[];
  siteDay: string;
  shift: Shift;
  onSaved: () => void;
}

export function StageForm({ panels, teams, siteDay, shift, onSaved }: Props) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const open = panels.filter((p) => nextStage(p.status) !== null);
  const [panelId, setPanelId] = useState('');
  const [values, setValues] = useState<Partial<Record<MeasurementKey, string>>>({});
  const [teamId, setTeamId] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const panel = open.find((p) => p.id === panelId) ?? null;
  const stage = panel ? nextStage(panel.status) : null;
  const fields = stage ? [...REQUIRED_MEASUREMENTS[stage], ...OPTIONAL[stage]] : [];
  const usualTeam = stage
    ? (teams.find((tm) => tm.code === USUAL_TEAM_CODE[stage])?.id ?? null)
    : null;
  const errors = fieldErrors(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!panel || !stage || busy) return;
    const measurements: Measurements = {};
    for (const key of fields) {
      const raw = values[key]?.trim();
      if (!raw) continue;
      (measurements as Record<string, unknown>)[key] = key === 'rig' ? raw : Number(raw);
    }
    setBusy(true);
    setError(null);
    try {
      await call('stages:record', {
        panelId: panel.id,
        stage,
        siteDay,
        shift,
        teamId: teamId ?? usualTeam,
        measurements,
        notes: notes.trim() || null,
      });
      setSaved(`${panel.code} · ${t(`stages.${stage}`)}`);
      setPanelId('');
      setValues({});
      setNotes('');
      setTeamId(null);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stage-form" onSubmit={submit} data-testid="stage-form">
      <div className="form-row">
        <Field label={t('today.panel')} error={errors.panelId}>
          <select
            autoFocus
            value={panelId}
            onChange={(e) => {
              setPanelId(e.target.value);
              setError(null);
              setSaved(null);
            }}
            data-testid="stage-panel"
          >
            <option value="">{t('today.choosePanel')}</option>
            {open.map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} → {t(`stages.${nextStage(p.status)}`)}
              </option>
            ))}
          </select>
        </Field>
        {stage && (
          <Field label={t('today.nextStage')}>
            <output data-testid="stage-next">{t(`stages.${stage}`)}</output>
          </Field>
        )}
        {stage && (
          <Field label={t('today.team')}>
            <select
              value={teamId ?? usualTeam ?? ''}
              onChange={(e) => setTeamId(e.target.value || null)}
            >
              <option value="">{t('today.noTeam')}</option>
              {teams.map((tm) => (
                <option key={tm.id} value={tm.id}>
                  {localName(tm)}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      {stage && (
        <div className="form-row">
          {fields.map((key) => (
            <Field key={key} label={t(`measurements.${key}`)} error={errors[`measurements.${key}`]}>
              <input
                inputMode={key === 'rig' ? 'text' : 'decimal'}
                value={values[key] ?? ''}
                onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
                aria-required={REQUIRED_MEASUREMENTS[stage].includes(key)}
                data-testid={`m-${key}`}
              />
            </Field>
          ))}
          <Field label={t('today.notes')} wide>
            <input value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={2000} />
          </Field>
        </div>
      )}
      {error !== null && Object.keys(errors).length === 0 && <ErrorPanel error={error} />}
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={!stage || busy}
          data-testid="stage-save"
        >
          {t('today.save')}
        </button>
        {saved && (
          <span className="saved" role="status" data-testid="stage-saved">
            ✓ {t('today.saved')}: {saved}
          </span>
        )}
      </div>
    </form>
  );
}
