import { useTranslation } from 'react-i18next';
import { isManager } from '../../../../main/domain/roles';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { useRead } from '../../data/use-read';
import type { ScreenProps } from '../../app/screen-props';
import { CalendarSettings } from './CalendarSettings';
import { ProjectSetup } from '../setup/ProjectSetup';
import { MachinesEditor } from '../site-resources/MachinesEditor';
import { BackupSettings } from '../backups/Backups';
import { FileSettings } from '../attachments/FileSettings';

export function SettingsScreen({ project }: ScreenProps) {
  const { t } = useTranslation();
  const [info, retry] = useRead('app:info', {});
  if (info.status === 'loading') return <p>{t('app.loading')}</p>;
  if (info.status === 'error') return <ErrorPanel error={info.error} onRetry={retry} />;
  const v = info.value;
  return (
    <section>
      <h1>{t('settings.title')}</h1>
      <dl className="facts" data-testid="app-info">
        <dt>{t('settings.version')}</dt>
        <dd>{v.version}</dd>
        <dt>{t('settings.schema')}</dt>
        <dd>{v.schemaVersion}</dd>
        <dt>{t('settings.dataDir')}</dt>
        <dd className="path">{v.dataDir}</dd>
        <dt>{t('settings.database')}</dt>
        <dd className="path">{v.databaseFile}</dd>
        <dt>{t('settings.runtime')}</dt>
        <dd>
          {v.runtime} · Node {v.nodeVersion}
          {v.electronVersion ? ` · Electron ${v.electronVersion}` : ''}
        </dd>
        <dt>{t('topbar.user')}</dt>
        <dd data-testid="settings-user">
          {v.user.name} · {t(`sync.roles.${v.user.role}`)}
        </dd>
        <dt>{t('settings.token')}</dt>
        <dd
          data-testid="token-protection"
          data-protection={v.tokenProtection}
          className={v.tokenProtection === 'file' ? 'warning' : ''}
        >
          {v.tokenProtection === 'os-encrypted'
            ? t('settings.tokenEncrypted')
            : `⚠ ${t('settings.tokenFile')}`}
        </dd>
      </dl>
      {!isManager(v.user.role) && (
        <p className="warning" data-testid="manager-only">
          {t('settings.managerOnly')}
        </p>
      )}
      <fieldset className="plain" disabled={!isManager(v.user.role)}>
        <ProjectSetup key={`setup-${project.id}`} project={project} />
        <CalendarSettings key={project.id} project={project} />
      </fieldset>
      <MachinesEditor key={`machines-${project.id}`} projectId={project.id} />
      <BackupSettings />
      <FileSettings />
    </section>
  );
}
