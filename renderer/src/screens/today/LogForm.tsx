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
  const source = log ?? EMPTY_LOG_FIELDS;
  // What the form opened with: a save sends only the fields that differ from it, with the
  // version of each that the user saw, so another engineer's part of the log is never overwritten.
  const [opened] = useState<Form>(
    () =>
      Object.fromEntries(
        Object.keys(EMPTY_LOG_FIELDS).map((k) => [
          k,
          source[k as keyof DailyLogFields] === null
            ? ''
            : String(source[k as keyof DailyLogFields]),
        ]),
      ) as Form,
  );
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
    try {
      await call('log:save', { projectId, siteDay, fields, seen });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };

  const weather = (key: 'weatherAm' | 'weatherPm') => (
    <Field label={t(`today.${key}`)} error={errors[`fields.${key}`]}>
      <select value={form[key]} onChange={set(key)} data-testid={`log-${key}`}>
        <option value="">—</option>
        {WEATHER.map((w) => (
          <option key={w} value={w}>
            {t(`weather.${w}`)}
          </option>
        ))}
      </select>
    </Field>
  );
  const input = (key: keyof DailyLogFields, label: string) => (
    <Field label={t(label)} error={errors[`fields.${key}`]}>
      <input
        inputMode={NUMBERS.has(key) ? 'decimal' : 'text'}
        value={form[key]}
        onChange={set(key)}
        data-testid={`log-${key}`}
      />
    </Field>
  );
  const area = (key: keyof DailyLogFields, label: string) => (
    <Field label={t(label)} error={errors[`fields.${key}`]} wide>
      <textarea
        rows={2}
        value={form[key]}
        onChange={set(key)}
        maxLength={4000}
        data-testid={`log-${key}`}
      />
    </Field>
  );

  return (
    <form onSubmit={submit} data-testid="log-form">
      <div className="form-row">
        {weather('weatherAm')}
        {weather('weatherPm')}
        {input('tempMinC', 'today.tempMin')}
        {input('tempMaxC', 'today.tempMax')}
        {input('rainMm', 'today.rain')}
        {input('wind', 'today.wind')}
      </div>
      {input('location', 'today.location')}
      {area('notes', 'today.logNotes')}
      {area('issues', 'today.issues')}
      {area('safety', 'today.safety')}
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
