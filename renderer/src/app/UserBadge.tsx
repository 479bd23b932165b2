import { useTranslation } from 'react-i18next';
import { useRead } from '../data/use-read';
import { useSyncStatus } from '../features/sync/use-sync-status';

/**
 * Who is writing, and with which rights: the signed-in user and role, or the local owner of a
 * laptop that has never connected. Refreshed when the sync state says the role may have changed.
 */
export function UserBadge() {
  const { t } = useTranslation();
  const [status] = useSyncStatus(5000);
  // Asked once the sync state is known (it names who is signed in), so not twice at start; read
  // again when a pull changes the role (every change reads app:info again).
  const [info] = useRead('app:info', status ? {} : null, { keepWhileReloading: true });
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
