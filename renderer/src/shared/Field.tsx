import type { ReactNode } from 'react';

/** A labelled form field with its error shown right next to it. */
export function Field({
  label,
  error,
  children,
  wide,
}: {
  label: string;
  error?: string | undefined;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <label className={`field${error ? ' invalid' : ''}${wide ? ' wide' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

type TextKey<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F] & string;

/**
 * A form's text fields over one record: `field(key, label)` is the labelled input of `form[key]`,
 * with its error (`invalid[errorPrefix + key]`) beside it and the test id `${testPrefix}-${key}`.
 */
export function textFields<F extends object>(
  form: F,
  onChange: (next: F) => void,
  options: { testPrefix: string; invalid?: Record<string, string>; errorPrefix?: string },
) {
  const { testPrefix, invalid = {}, errorPrefix = '' } = options;
  return (key: TextKey<F>, label: string, type = 'text') => (
    <Field key={key} label={label} error={invalid[`${errorPrefix}${key}`]}>
      <input
        type={type}
        value={form[key] as string}
        onChange={(e) => onChange({ ...form, [key]: e.target.value })}
        data-testid={`${testPrefix}-${key}`}
      />
    </Field>
  );
}
