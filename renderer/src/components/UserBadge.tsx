import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { useAsync } from '../use-async';
import { useSyncStatus } from '../use-sync-status';

/**
 * Who is writing, and with which rights: the signed-in user and role, or the local owner of a
 * laptop that has never connected. Refreshed when the sync state says the role may have changed.
 */
export function UserBadge() {
  const { t } = useTranslation();
  const [status] = useSyncStatus(5000);
  // Asked once the sync state is known (it names who is signed in), so not twice at start.
  const [info] = useAsync(
    () => (status ? call('app:info', {}) : new Promise<never>(() => {})),
    [status === null, status?.username, status?.role, status?.serverUrl],
    { keepWhileReloading: true },
  );
  if (info.status !== 'ok') return null;
  const { name, role } = info.value.user;
  return (
    <div
      className="topbar-group"
      data-testid="user-badge"
      data-role={role}
      title={role === 'owner' ? t('topbar.localOwner') : undefined}
    >
      <span className="label">{t('topbar.user')}</span>
      <strong>{name}</strong>
      <span className="badge">{t(`sync.roles.${role}`)}</span>
    </div>
  );
}
