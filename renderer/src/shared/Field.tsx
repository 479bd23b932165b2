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
