// The forms of a panel's QA record (issue 28): a re-test of a test (or a slump test's first
// attempt), and a correction of a stage record or an attempt with its reason, or its withdrawal.
// What is typed stays until it is saved; a refusal is shown next to its field.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INSPECTIONS,
  type CorrectedTable,
  type InspectionField,
  type InspectionKind,
  type InspectionValues,
} from '../../../../main/domain/inspections';
import type { PanelDetail } from '../../../../main/domain/panel';
import { SHIFTS, type Shift } from '../../../../main/domain/stages';
import { call } from '../../api';
import { useRead } from '../../data/use-read';
import { fieldErrors } from '../../shared/field-errors';
import { openingDay } from '../../opening-day';
import { useTask } from '../../shared/use-task';
import { useConfirm } from '../../shared/Confirm';
import { DateField } from '../../shared/DateField';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { Field } from '../../shared/Field';
import { Choice } from '../../shared/Choice';
import { Action } from '../../shared/Action';

interface CorrectProps {
  recordTable: CorrectedTable;
  recordId: string;
  fields: readonly InspectionField[];
  values: InspectionValues;
  notes: string | null;
  canWithdraw: boolean;
  testId: string;
}

type Mode = 'closed' | 'corrected' | 'withdrawn';

/** Correct a record's values (with a reason), or withdraw it (with a reason, confirmed). */
export function CorrectRecord(props: CorrectProps) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('closed');
  if (mode === 'closed')
    return (
      <div className="form-actions">
        <Action onClick={() => setMode('corrected')} testId={`${props.testId}-correct`}>
          {t('inspections.correct')}
        </Action>
        {props.canWithdraw && (
          <Action onClick={() => setMode('withdrawn')} testId={`${props.testId}-withdraw`}>
            {t('inspections.withdraw')}
          </Action>
        )}
      </div>
    );
  return <CorrectionForm {...props} mode={mode} onClose={() => setMode('closed')} />;
}

function CorrectionForm(
  props: CorrectProps & { mode: Exclude<Mode, 'closed'>; onClose: () => void },
) {
  const { t } = useTranslation();
  const { mode } = props;
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useTask();
  const [confirm, ask] = useConfirm();
  const invalid = fieldErrors(error);
  const valueOf = (f: InspectionField) => typed[f] ?? String(props.values[f] ?? '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (
      mode === 'withdrawn' &&
      !(await ask(t('inspections.saveWithdrawal'), t('inspections.withdraw')))
    )
      return;
    const saved = await run(() =>
      call('records:correct', {
        recordTable: props.recordTable,
        recordId: props.recordId,
        action: mode,
        ...(mode === 'corrected'
          ? { values: correctedValues(props, valueOf), notes: notes ?? props.notes }
          : {}),
        reason,
      }),
    );
    if (saved !== null) props.onClose();
  };
  return (
    <form className="correction-form" onSubmit={submit} data-testid={`${props.testId}-correction`}>
      {confirm}
      {mode === 'corrected' && (
        <div className="form-row">
          <ValueInputs
            fields={props.fields}
            value={valueOf}
            onChange={(f, v) => setTyped({ ...typed, [f]: v })}
            errors={invalid}
            testId={props.testId}
          />
          <NotesInput value={notes ?? props.notes ?? ''} onChange={setNotes} />
        </div>
      )}
      <div className="form-row">
        <Field label={t('inspections.reason')} error={invalid.reason} wide>
          <input
            value={reason}
            maxLength={1000}
            onChange={(e) => setReason(e.target.value)}
            data-testid={`${props.testId}-reason`}
          />
        </Field>
      </div>
      {invalid.values && <p className="field-error">{invalid.values}</p>}
      {error !== null && Object.keys(invalid).length === 0 && <ErrorPanel error={error} />}
      <FormButtons
        busy={busy}
        label={t(
          mode === 'withdrawn' ? 'inspections.saveWithdrawal' : 'inspections.saveCorrection',
        )}
        testId={`${props.testId}-save`}
        onCancel={props.onClose}
      />
    </form>
  );
}

/** The values as corrected: the fields shown as typed, any other value (a rig) as it was. */
function correctedValues(
  props: Pick<CorrectProps, 'fields' | 'values'>,
  valueOf: (f: InspectionField) => string,
): InspectionValues {
  const values: Record<string, number | string> = {};
  for (const [f, v] of Object.entries(props.values))
    if (!props.fields.includes(f as InspectionField)) values[f] = v;
  for (const f of props.fields) {
    const raw = valueOf(f).trim();
    if (raw) values[f] = f === 'rig' ? raw : Number(raw);
  }
  return values as InspectionValues;
}

/**
 * The day a test is dated by default: the site's today, or the latest attempt's day if later (a
 * demo's today, or a record made a day ahead).
 */
function useTestDay(panel: PanelDetail, kind: InspectionKind): string {
  const [project] = useRead('project:get', { projectId: panel.projectId });
  const latestDay = panel.inspections.filter((a) => a.kind === kind).at(-1)?.siteDay ?? '';
  const opening = project.status === 'ok' ? openingDay(project.value) : '';
  return opening > latestDay ? opening : latestDay;
}

/** A re-test (or a slump test's first attempt), behind its button. */
export function TestForm(props: { panel: PanelDetail; kind: InspectionKind; first: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <div className="form-actions">
        <button type="button" onClick={() => setOpen(true)} data-testid={`retest-${props.kind}`}>
          {props.first ? t('inspections.record') : t('inspections.retest')}
        </button>
      </div>
    );
  return <TestEntry {...props} onClose={() => setOpen(false)} />;
}

function TestEntry(props: { panel: PanelDetail; kind: InspectionKind; onClose: () => void }) {
  const { t } = useTranslation();
  const { kind, panel } = props;
  const today = useTestDay(panel, kind);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [siteDay, setSiteDay] = useState<string | null>(null);
  const [shift, setShift] = useState<Shift>('day');
  const [notes, setNotes] = useState('');
  const { busy, error, run } = useTask();
  const invalid = fieldErrors(error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const values: Record<string, number> = {};
    for (const f of INSPECTIONS[kind].fields) {
      const raw = typed[f]?.trim();
      if (raw) values[f] = Number(raw);
    }
    const saved = await run(() =>
      call('inspections:record', {
        panelId: panel.id,
        kind,
        siteDay: siteDay ?? today,
        shift,
        values,
        notes: notes.trim() || null,
      }),
    );
    if (saved !== null) props.onClose();
  };
  return (
    <form className="test-form" onSubmit={submit} data-testid={`retest-${kind}-form`}>
      <div className="form-row">
        <Field label={t('topbar.siteDay')}>
          <DateField
            value={siteDay ?? today}
            onCommit={setSiteDay}
            ariaLabel={t('topbar.siteDay')}
          />
        </Field>
        <Field label={t('today.shift')}>
          <Choice value={shift} options={SHIFTS} labels="shifts" onChange={setShift} />
        </Field>
        <ValueInputs
          fields={INSPECTIONS[kind].fields}
          required={INSPECTIONS[kind].required}
          value={(f) => typed[f] ?? ''}
          onChange={(f, v) => setTyped({ ...typed, [f]: v })}
          errors={invalid}
          testId={`retest-${kind}`}
        />
        <NotesInput value={notes} onChange={setNotes} />
      </div>
      {error !== null && Object.keys(invalid).length === 0 && <ErrorPanel error={error} />}
      <FormButtons
        busy={busy}
        label={t('inspections.save')}
        testId={`retest-${kind}-save`}
        onCancel={props.onClose}
      />
    </form>
  );
}

function NotesInput(props: { value: string; onChange: (notes: string) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t('today.notes')} wide>
      <input
        value={props.value}
        maxLength={2000}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Field>
  );
}

/** A test's or a record's values, each field with its error next to it. */
function ValueInputs(props: {
  fields: readonly InspectionField[];
  required?: readonly InspectionField[];
  value: (field: InspectionField) => string;
  onChange: (field: InspectionField, value: string) => void;
  errors: Record<string, string>;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {props.fields.map((f) => (
        <Field key={f} label={t(`measurements.${f}`)} error={props.errors[`values.${f}`]}>
          <input
            inputMode={f === 'rig' ? 'text' : 'decimal'}
            value={props.value(f)}
            onChange={(e) => props.onChange(f, e.target.value)}
            aria-required={props.required?.includes(f)}
            data-testid={`${props.testId}-${f}`}
          />
        </Field>
      ))}
    </>
  );
}

function FormButtons(props: {
  busy: boolean;
  label: string;
  testId: string;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={props.busy} data-testid={props.testId}>
        {props.label}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t('confirm.cancel')}
      </button>
    </div>
  );
}
