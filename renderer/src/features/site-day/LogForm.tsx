import { useTranslation } from 'react-i18next';
import {
  EMPTY_LOG_FIELDS,
  WEATHER,
  type DailyLog,
  type DailyLogFields,
  type Weather,
} from '../../../../main/domain/daily-log';
import { call } from '../../api';
import { DraftFooter } from '../../shared/DraftStatus';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { draftKey, useDraftSave, useFieldDrafts } from '../../data/drafts';
import { Field } from '../../shared/Field';
import { fieldErrors } from '../../shared/field-errors';
import { Choice } from '../../shared/Choice';

const NUMBERS = new Set<keyof DailyLogFields>(['tempMinC', 'tempMaxC', 'rainMm']);

export function LogForm({
  projectId,
  siteDay,
  log,
}: {
  projectId: string;
  siteDay: string;
  log: DailyLog | null;
}) {
  const { t } = useTranslation();
  // A save sends only the fields typed, with the version of each that the user saw, so another
  // engineer's part of the log is never overwritten.
  const drafts = useFieldDrafts(
    draftKey(projectId, siteDay, null, 'log'),
    formOf(log ?? EMPTY_LOG_FIELDS),
  );
  const { error, blocked, submit } = useDraftSave<unknown>(drafts, async (sent) => {
    try {
      if (Object.keys(sent).length)
        await call('log:save', { projectId, siteDay, ...logChanges(sent, log) });
      return { failed: null, done: sent };
    } catch (err) {
      return { failed: err, done: {} };
    }
  });
  const errors = fieldErrors(error);
  const set = (key: keyof DailyLogFields) => (e: { target: { value: string } }) =>
    drafts.set(key, e.target.value);

  const field = (key: keyof DailyLogFields, label: string, kind: FieldKind = 'input') => (
    <LogField
      kind={kind}
      name={key}
      label={t(label)}
      value={drafts.value(key)}
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
      <DraftFooter
        drafts={drafts}
        label={(f) => t(LABELS[f] ?? f)}
        testId="log"
        saveLabel={t('today.save')}
        blocked={blocked}
      >
        {error !== null && Object.keys(errors).length === 0 && <ErrorPanel error={error} />}
      </DraftFooter>
    </form>
  );
}

const LABELS: Record<string, string> = {
  weatherAm: 'today.weatherAm',
  weatherPm: 'today.weatherPm',
  tempMinC: 'today.tempMin',
  tempMaxC: 'today.tempMax',
  rainMm: 'today.rain',
  wind: 'today.wind',
  location: 'today.location',
  notes: 'today.logNotes',
  issues: 'today.issues',
  safety: 'today.safety',
};

const formOf = (source: DailyLogFields): Record<string, string> =>
  Object.fromEntries(
    (Object.keys(EMPTY_LOG_FIELDS) as (keyof DailyLogFields)[]).map((k) => [
      k,
      source[k] === null ? '' : String(source[k]),
    ]),
  );

/** The fields typed, as the log stores them, and the version of each seen. */
function logChanges(sent: Record<string, string>, log: DailyLog | null) {
  const changed = Object.keys(sent) as (keyof DailyLogFields)[];
  const fields = Object.fromEntries(
    changed.map((k) => {
      const v = sent[k]!.trim();
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
  const { kind, name, value, onChange } = props;
  const testId = `log-${name}`;
  return (
    <Field label={props.label} error={props.error} wide={kind === 'area'}>
      {kind === 'weather' ? (
        <Choice
          value={value as Weather | ''}
          options={WEATHER}
          labels="weather"
          onChange={(v) => onChange({ target: { value: v } })}
          blank={{ value: '', label: '—' }}
          testId={testId}
        />
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
