// Slurry limits by ground, the crew plan, the shift times, the entry warnings and the panel
// lengths a layout may propose, of a project.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../../main/domain/project';
import { SLURRY_PRESETS, SOIL_TYPES, type SoilType } from '../../../../main/domain/stages';
import { textFields } from '../../shared/Field';
import { HOLD_POINTS, type HoldPoint } from '../../../../main/domain/acceptances';
import { call } from '../../api';
import { num } from '../../shared/typed-number';
import { useTask } from '../../shared/use-task';
import { SaveActions } from './SaveActions';
import { ChoiceField } from '../../shared/Choice';

/** The settings typed, a row of the form a line, each labelled `setup.<key>`. */
const ROWS = [
  ['dayStart', 'nightStart', 'hoursPerShift'],
  ['concreteBandPct', 'verticalityMaxPct', 'sedimentMaxMm', 'slumpMinMm', 'slumpMaxMm'],
  ['minPanelM', 'maxPanelM'],
] as const;

const soilOf = (project: Project): SoilType =>
  SOIL_TYPES.find(
    (s) => JSON.stringify(SLURRY_PRESETS[s]) === JSON.stringify(project.settings.slurryLimits),
  ) ?? 'fill_sand';

export function SettingsStep({ project, onSaved }: { project: Project; onSaved: () => void }) {
  const { t } = useTranslation();
  const { crewPlan, shiftHours, entryLimits, panelLengths } = project.settings;
  const [signatures, setSignatures] = useState<HoldPoint[]>(project.settings.signatures);
  const [soil, setSoil] = useState<SoilType>(soilOf(project));
  const [form, setForm] = useState({
    crewMin: String(crewPlan.minWorkers),
    crewMax: String(crewPlan.maxWorkers),
    dayStart: shiftHours.dayStart,
    nightStart: shiftHours.nightStart,
    hoursPerShift: String(shiftHours.hoursPerShift),
    concreteBandPct: String(entryLimits.concreteBandPct),
    verticalityMaxPct: String(entryLimits.verticalityMaxPct),
    sedimentMaxMm: String(entryLimits.sedimentMaxMm),
    slumpMinMm: String(entryLimits.slumpMinMm),
    slumpMaxMm: String(entryLimits.slumpMaxMm),
    minPanelM: String(panelLengths.minM),
    maxPanelM: String(panelLengths.maxM),
  });
  const { busy, error, run } = useTask();
  const save = async () => {
    const settings = { ...settingsOf(soil, form), signatures };
    if (await run(() => call('project:update', { projectId: project.id, settings }))) onSaved();
  };
  const text = textFields(form, setForm, { testPrefix: 'settings' });
  const field = (key: keyof typeof form) => text(key, t(`setup.${key}`));
  return (
    <div data-testid="wizard-settings">
      <div className="form-row">
        <ChoiceField
          label={t('setup.soil')}
          value={soil}
          options={SOIL_TYPES}
          labels="setup.soils"
          onChange={setSoil}
          testId="settings-soil"
        />
        {field('crewMin')}
        {field('crewMax')}
      </div>
      {ROWS.map((row) => (
        <div className="form-row" key={row[0]}>
          {row.map(field)}
        </div>
      ))}
      <SignatureSettings signatures={signatures} onChange={setSignatures} />
      <SaveActions
        error={error}
        invalid={{}}
        busy={busy}
        onSave={() => void save()}
        testId="settings-save"
      />
    </div>
  );
}

/** The settings as the form has them; a blank or malformed number is NaN, refused by name. */
function settingsOf(soil: SoilType, form: Record<string, string>) {
  return {
    slurryLimits: SLURRY_PRESETS[soil],
    crewPlan: { minWorkers: num(form.crewMin!), maxWorkers: num(form.crewMax!) },
    shiftHours: {
      dayStart: form.dayStart!,
      nightStart: form.nightStart!,
      hoursPerShift: num(form.hoursPerShift!),
    },
    entryLimits: {
      concreteBandPct: num(form.concreteBandPct!),
      verticalityMaxPct: num(form.verticalityMaxPct!),
      sedimentMaxMm: num(form.sedimentMaxMm!),
      slumpMinMm: num(form.slumpMinMm!),
      slumpMaxMm: num(form.slumpMaxMm!),
    },
    panelLengths: { minM: num(form.minPanelM!), maxM: num(form.maxPanelM!) },
  };
}

/** Which hold points the supervisor signs before the next stage (监理签认). */
function SignatureSettings(props: {
  signatures: HoldPoint[];
  onChange: (next: HoldPoint[]) => void;
}) {
  const { t } = useTranslation();
  const { signatures } = props;
  return (
    <fieldset className="form-row" data-testid="settings-signatures">
      <legend>{t('acceptances.setting')}</legend>
      {HOLD_POINTS.map((point) => (
        <label key={point} className="check">
          <input
            type="checkbox"
            checked={signatures.includes(point)}
            onChange={(e) =>
              props.onChange(
                HOLD_POINTS.filter((p) =>
                  p === point ? e.target.checked : signatures.includes(p),
                ),
              )
            }
            data-testid={`settings-signature-${point}`}
          />{' '}
          {t(`acceptances.points.${point}`)}
        </label>
      ))}
    </fieldset>
  );
}
