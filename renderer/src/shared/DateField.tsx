// One date field for the whole app (issue 27): yyyy-MM-dd in every language, whatever the browser
// or the OS locale; typed year first or picked from a calendar. A partly typed date is only a
// draft: the field commits a whole calendar day within its bounds, never a year 0002 on the way
// to 2023, and says why it refuses one.
import { useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { readDay } from '../../../main/domain/dates';

const EXAMPLE = '2023-01-27';
/** What a person is still typing: only the full form commits while they type. */
const WHOLE = /^\d{4}-\d{2}-\d{2}$/;

export interface DateFieldProps {
  value: string;
  /** Called with a whole day within the bounds ('' when `optional` and emptied). */
  onCommit: (day: string) => void;
  /** The earliest and latest day; a function is read when the field is used. */
  min?: string | (() => string | undefined) | undefined;
  max?: string | (() => string | undefined) | undefined;
  optional?: boolean;
  testId?: string;
  ariaLabel?: string;
}

const bound = (b: DateFieldProps['min']) => (typeof b === 'function' ? b() : b);

/** The draft a person types and what it does: commit a whole day, or say why not. */
function useDateDraft({ value, onCommit, min, max, optional }: DateFieldProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [error, setError] = useState<string | null>(null);
  /** Typed and not yet committed: what a person types survives a new value from outside. */
  const [dirty, setDirty] = useState(false);
  // A new value from outside (another day chosen, a save, a pull) replaces the draft unless the
  // person has typed something not yet committed.
  if (value !== seen) {
    setSeen(value);
    if (!dirty) setDraft(value);
  }

  /** The day's refusal, or null when it may be committed. */
  const refusal = (day: string): string | null => {
    const lo = bound(min);
    const hi = bound(max);
    if (lo && day < lo) return t('dateField.tooEarly', { min: lo });
    if (hi && day > hi) return t('dateField.tooLate', { max: hi });
    return null;
  };
  const commit = (day: string) => {
    const why = refusal(day);
    setError(why);
    if (why) return false;
    setDraft(day);
    setDirty(false);
    if (day !== value) onCommit(day);
    return true;
  };
  const revert = () => {
    setDraft(value);
    setDirty(false);
    setError(null);
  };
  /** Leaving the field, or Enter: a day in any form it reads, or a message. */
  const settle = () => {
    if (!dirty) return revert();
    if (draft.trim() === '') {
      revert();
      if (optional && value !== '') onCommit('');
      return;
    }
    const day = readDay(draft);
    if (!day) setError(t('dateField.format', { example: EXAMPLE }));
    else commit(day);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      settle();
    }
    if (e.key === 'Escape') revert();
  };

  return {
    error,
    commit,
    input: {
      value: draft,
      onBlur: settle,
      onKeyDown,
      onChange: (e: ChangeEvent<HTMLInputElement>) => {
        const text = e.target.value;
        setDraft(text);
        setDirty(true);
        if (WHOLE.test(text) && readDay(text)) commit(text);
        else setError(null);
      },
    },
  };
}

export function DateField(props: DateFieldProps) {
  const { t } = useTranslation();
  const { min, max, testId, ariaLabel, value } = props;
  const { error, commit, input } = useDateDraft(props);
  const picker = useRef<HTMLInputElement>(null);
  return (
    <span className={`date-field${error ? ' invalid' : ''}`}>
      <input
        type="text"
        inputMode="numeric"
        placeholder="yyyy-mm-dd"
        maxLength={12}
        {...input}
        aria-label={ariaLabel}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
      />
      <button
        type="button"
        className="date-pick"
        aria-label={t('dateField.pick')}
        title={t('dateField.pick')}
        onClick={() => {
          const anchor = picker.current;
          if (!anchor) return;
          anchor.min = bound(min) ?? '';
          anchor.max = bound(max) ?? '';
          anchor.value = value;
          anchor.showPicker?.();
        }}
        data-testid={testId ? `${testId}-pick` : undefined}
      >
        <CalendarIcon />
      </button>
      <input
        ref={picker}
        type="date"
        className="date-picker-anchor"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => e.target.value && commit(e.target.value)}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

/** A calendar, drawn (an emoji needs a font that a site laptop may not have). */
function CalendarIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <rect x="1" y="2.5" width="12" height="10.5" rx="1.5" fill="none" stroke="currentColor" />
      <path d="M1 5.5h12M4 1v3M10 1v3" stroke="currentColor" />
      <path
        d="M3.5 8h2v1.5h-2zM6 8h2v1.5H6zM8.5 8h2v1.5h-2zM3.5 10.5h2V12h-2z"
        fill="currentColor"
      />
    </svg>
  );
}
