import { useEffect, useRef, type ReactNode } from 'react';

/** The open dialogs' Esc handlers, innermost last: Esc closes only the dialog on top. */
const open: (() => void)[] = [];

function onKey(e: KeyboardEvent) {
  if (e.key !== 'Escape' || open.length === 0) return;
  e.preventDefault();
  open[open.length - 1]!();
}

/** A modal dialog over the screen, named for screen readers; Esc closes it when it may close. */
export function Modal({
  label,
  testId,
  wide = false,
  onClose,
  children,
}: {
  label: string;
  testId: string;
  /** For a table that needs the room: most of the window's width. */
  wide?: boolean;
  /** What Esc does (as the dialog's own close or cancel button). */
  onClose?: () => void;
  children: ReactNode;
}) {
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  const closable = onClose !== undefined;
  useEffect(() => {
    if (!closable) return;
    const handler = () => close.current?.();
    open.push(handler);
    if (open.length === 1) document.addEventListener('keydown', onKey);
    return () => {
      open.splice(open.indexOf(handler), 1);
      if (open.length === 0) document.removeEventListener('keydown', onKey);
    };
  }, [closable]);
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
