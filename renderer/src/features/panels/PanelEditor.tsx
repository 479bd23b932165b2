// A panel's design data by hand: a new panel in a structure, or a correction of one (kept in its
// history with the reason), and retiring or deleting it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PANEL_TYPES, type PanelDetail, type PanelType } from '../../../../main/domain/panel';
import { call } from '../../api';
import { fieldErrors } from '../../shared/field-errors';
import { num } from '../../shared/typed-number';
import { useTask } from '../../shared/use-task';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { Field } from '../../shared/Field';
import { ChoiceField } from '../../shared/Choice';
import { Action } from '../../shared/Action';

const NUMBERS = ['lengthM', 'thicknessM', 'designDepthM', 'topLevelM', 'toeLevelM'] as const;
type NumberField = (typeof NUMBERS)[number];
const LABELS: Record<NumberField, string> = {
  lengthM: 'panels.length',
  thicknessM: 'panels.thickness',
  designDepthM: 'panels.designDepth',
  topLevelM: 'panels.topLevel',
  toeLevelM: 'panels.toeLevel',
};

/** Adds a panel when given a structure, corrects `panel` otherwise. */
export function PanelEditor(props: {
  structureId?: string | null;
  panel?: PanelDetail;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { panel } = props;
  const [code, setCode] = useState(panel?.code ?? '');
  const [type, setType] = useState<PanelType>(panel?.type ?? 'primary');
  const [values, setValues] = useState<Record<NumberField, string>>(() => ({
    lengthM: String(panel?.lengthM ?? 3.6),
    thicknessM: String(panel?.thicknessM ?? 1.2),
    designDepthM: String(panel?.designDepthM ?? 60),
    topLevelM: String(panel?.topLevelM ?? 0),
    toeLevelM: panel ? String(panel.toeLevelM) : '',
  }));
  const [reason, setReason] = useState('');
  const { busy, error, run } = useTask();
  const invalid = fieldErrors(error);
  const save = async () => {
    const design = {
      code,
      type,
      ...Object.fromEntries(
        NUMBERS.filter((k) => values[k].trim()).map((k) => [k, num(values[k])]),
      ),
    };
    const saved = await run(() =>
      panel
        ? call('panels:update', { panelId: panel.id, changes: design, reason: reason || null })
        : call('panels:add', {
            structureId: props.structureId!,
            ...(design as Record<string, unknown>),
          } as Parameters<typeof call<'panels:add'>>[1]),
    );
    if (saved) props.onSaved();
  };
  return (
    <div className="card" data-testid="panel-editor">
      <div className="form-row">
        <Field label={t('panels.code')} error={invalid.code}>
          <input value={code} onChange={(e) => setCode(e.target.value)} data-testid="panel-code" />
        </Field>
        <ChoiceField
          label={t('panels.type')}
          value={type}
          options={PANEL_TYPES}
          labels="panels.types"
          onChange={setType}
          testId="panel-type"
        />
        <NumberFields values={values} invalid={invalid} onChange={setValues} />
        {panel && (
          <Field label={t('setup.reason')} wide>
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="panel-reason"
            />
          </Field>
        )}
      </div>
      {error !== null && <ErrorPanel error={error} />}
      <Action primary busy={busy} onClick={save} testId="panel-save">
        {t('setup.save')}
      </Action>
    </div>
  );
}

function NumberFields(props: {
  values: Record<NumberField, string>;
  invalid: Record<string, string>;
  onChange: (values: Record<NumberField, string>) => void;
}) {
  const { t } = useTranslation();
  const { values, invalid } = props;
  return (
    <>
      {NUMBERS.map((k) => (
        <Field key={k} label={t(LABELS[k])} error={invalid[k] ?? invalid[`changes.${k}`]}>
          <input
            value={values[k]}
            onChange={(e) => props.onChange({ ...values, [k]: e.target.value })}
            data-testid={`panel-${k}`}
          />
        </Field>
      ))}
    </>
  );
}
