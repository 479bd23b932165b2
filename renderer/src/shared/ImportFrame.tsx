// The frame of every import from a file (panels, attendance, a schedule): choose the file, see
// the step under way or why it failed, look at what it would do (the children), then import or
// close.
import type { ReactNode } from 'react';
import { Modal } from './Modal';
import { StepStatus } from './StepStatus';

export function ImportFrame(props: {
  title: string;
  hint?: string;
  testId: string;
  /** The test ids of its parts: `${parts}-file`, `${parts}-commit`, `${parts}-close`. */
  parts: string;
  wide?: boolean;
  accept: string;
  onFile: (file: File | undefined) => void;
  step: string | null;
  error: unknown;
  commitLabel: string;
  canCommit: boolean;
  onCommit: () => void;
  closeLabel: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { parts } = props;
  return (
    <Modal label={props.title} testId={props.testId} wide={props.wide} onClose={props.onClose}>
      <h2>{props.title}</h2>
      {props.hint && <p className="muted">{props.hint}</p>}
      <input
        type="file"
        accept={props.accept}
        onChange={(e) => props.onFile(e.target.files?.[0])}
        data-testid={`${parts}-file`}
      />
      <StepStatus busy={props.step} error={props.error} />
      {props.children}
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={!props.canCommit}
          onClick={props.onCommit}
          data-testid={`${parts}-commit`}
        >
          {props.commitLabel}
        </button>
        <button type="button" onClick={props.onClose} data-testid={`${parts}-close`}>
          {props.closeLabel}
        </button>
      </div>
    </Modal>
  );
}
