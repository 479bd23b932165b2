import type { ReactNode } from 'react';

/** A modal dialog over the screen, named for screen readers. */
export function Modal({
  label,
  testId,
  children,
}: {
  label: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <div className="modal-backdrop" role="presentation">
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={label}
        data-testid={testId}
      >
        {children}
      </div>
    </div>
  );
}
