import { useTranslation } from 'react-i18next';
import { useSyncStatus } from './use-sync-status';

/** The top bar's connection and sync state: online or offline, and changes still to send. */
export function SyncBadge({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const [status] = useSyncStatus(5000);
  const state = status?.state ?? 'not_configured';
  return (
    <button
      type="button"
      className={`sync-badge ${state}`}
      onClick={onOpen}
      data-testid="sync-badge"
      data-state={state}
    >
      <span className={`dot ${state}`} aria-hidden /> {t(`sync.state.${state}`)}
      {status && status.pendingChanges > 0 && (
        <span className="muted"> · {t('sync.pending', { count: status.pendingChanges })}</span>
      )}
    </button>
  );
}
