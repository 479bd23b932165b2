import type { ReactNode } from 'react';

/** A modal dialog over the screen, named for screen readers. */
export function Modal({
  label,
  testId,
  wide = false,
  children,
}: {
  label: string;
  testId: string;
  /** For a table that needs the room: most of the window's width. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="modal-backdrop" role="presentation">
      <div
        className={wide ? 'modal wide' : 'modal'}
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
