import { ErrorPanel } from './ErrorPanel';

/** The step under way with a progress bar, or the error it ended in. */
export function StepStatus({ busy, error }: { busy: string | null; error: unknown }) {
  return (
    <>
      {busy && (
        <p role="status" className="muted">
          <progress /> {busy}
        </p>
      )}
      {error !== null && <ErrorPanel error={error} />}
    </>
  );
}
