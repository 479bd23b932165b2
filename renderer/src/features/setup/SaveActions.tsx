import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../../shared/ErrorPanel';

/** A step's refusal (when no field shows it) and its save button. */
export function SaveActions(props: {
  error: unknown;
  invalid: Record<string, string>;
  busy: boolean;
  onSave: () => void;
  testId: string;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {props.error !== null && Object.keys(props.invalid).length === 0 && (
        <ErrorPanel error={props.error} />
      )}
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={props.busy}
          onClick={props.onSave}
          data-testid={props.testId}
        >
          {t(props.label ?? 'setup.save')}
        </button>
      </div>
    </>
  );
}
