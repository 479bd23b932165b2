import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EMPTY_LOG_FIELDS,
  WEATHER,
  type DailyLog,
  type DailyLogFields,
} from '../../../../main/domain/daily-log';
import { call } from '../../api';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field } from '../../components/Field';
import { fieldErrors } from '../../field-errors';

type Form = Record<keyof DailyLogFields, string>;

const NUMBERS = new Set<keyof DailyLogFields>(['tempMinC', 'tempMaxC', 'rainMm']);

export function LogForm({
  projectId,
  siteDay,
  log,
  onSaved,
}: {
  projectId: string;
  siteDay: string;
  log: DailyLog | null;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  // What the form opened with: a save sends only the fields that differ from it, with the
  // version of each that the user saw, so another engineer's part of the log is never overwritten.
  const [opened] = useState<Form>(() => formOf(log ?? EMPTY_LOG_FIELDS));
  const [form, setForm] = useState<Form>(opened);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(error);
  const set = (key: keyof DailyLogFields) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setSaved(false);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await call('log:save', { projectId, siteDay, ...logChanges(form, opened, log) });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };

  const field = (key: keyof DailyLogFields, label: string, kind: FieldKind = 'input') => (
    <LogField
      kind={kind}
      name={key}
      label={t(label)}
      value={form[key]}
      error={errors[`fields.${key}`]}
      onChange={set(key)}
    />
  );

  return (
    <form onSubmit={submit} data-testid="log-form">
      <div className="form-row">
        {field('weatherAm', 'today.weatherAm', 'weather')}
        {field('weatherPm', 'today.weatherPm', 'weather')}
        {field('tempMinC', 'today.tempMin')}
        {field('tempMaxC', 'today.tempMax')}
        {field('rainMm', 'today.rain')}
        {field('wind', 'today.wind')}
      </div>
      {field('location', 'today.location')}
      {field('notes', 'today.logNotes', 'area')}
      {field('issues', 'today.issues', 'area')}
      {field('safety', 'today.safety', 'area')}
      {error !== null && Object.keys(errors).length === 0 && <ErrorPanel error={error} />}
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="log-save">
          {t('today.save')}
        </button>
        {saved && (
          <span className="saved" role="status">
            ✓ {t('today.saved')}
          </span>
        )}
      </div>
    </form>
  );
}

const formOf = (source: DailyLogFields): Form =>
  Object.fromEntries(
    (Object.keys(EMPTY_LOG_FIELDS) as (keyof DailyLogFields)[]).map((k) => [
      k,
      source[k] === null ? '' : String(source[k]),
    ]),
  ) as Form;

/** The fields that differ from what the form opened with, and the version of each seen. */
function logChanges(form: Form, opened: Form, log: DailyLog | null) {
  const changed = (Object.keys(form) as (keyof DailyLogFields)[]).filter(
    (k) => form[k].trim() !== opened[k].trim(),
  );
  const fields = Object.fromEntries(
    changed.map((k) => {
      const v = form[k].trim();
      return [k, v === '' ? null : NUMBERS.has(k) ? Number(v) : v];
    }),
  ) as Partial<DailyLogFields>;
  const seen = Object.fromEntries(changed.map((k) => [k, log?.versions[k] ?? null]));
  return { fields, seen };
}

type FieldKind = 'input' | 'area' | 'weather';

function LogField(props: {
  kind: FieldKind;
  name: keyof DailyLogFields;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (e: { target: { value: string } }) => void;
}) {
  const { t } = useTranslation();
  const { kind, name, value, onChange } = props;
  const testId = `log-${name}`;
  return (
    <Field label={props.label} error={props.error} wide={kind === 'area'}>
      {kind === 'weather' ? (
        <select value={value} onChange={onChange} data-testid={testId}>
          <option value="">—</option>
          {WEATHER.map((w) => (
            <option key={w} value={w}>
              {t(`weather.${w}`)}
            </option>
          ))}
        </select>
      ) : kind === 'area' ? (
        <textarea
          rows={2}
          value={value}
          onChange={onChange}
          maxLength={4000}
          data-testid={testId}
        />
      ) : (
        <input
          inputMode={NUMBERS.has(name) ? 'decimal' : 'text'}
          value={value}
          onChange={onChange}
          data-testid={testId}
        />
      )}
    </Field>
  );
}
