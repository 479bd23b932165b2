// A button that starts something the person waits on (a save, a backup, a preview): off while
// something runs, so one click is one request.
import type { ReactNode } from 'react';

export function Action(props: {
  onClick: () => unknown;
  busy?: boolean;
  primary?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={props.primary ? 'primary' : undefined}
      disabled={props.busy}
      onClick={() => void props.onClick()}
      data-testid={props.testId}
    >
      {props.children}
    </button>
  );
}
