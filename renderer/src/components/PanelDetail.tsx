import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { useAsync } from '../use-async';
import { ErrorPanel } from './ErrorPanel';

export function PanelDetail({ panelId, onClose }: { panelId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [panel, retry] = useAsync(() => call('panels:get', { panelId }), [panelId]);
  return (
    <aside className="drawer" aria-label={t('panels.detail')} data-testid="panel-detail">
      <div className="drawer-header">
        <h2>
          {t('panels.detail')}
          {panel.status === 'ok' && <span className="code"> {panel.value.code}</span>}
        </h2>
        <button type="button" onClick={onClose}>
          {t('panels.close')}
        </button>
      </div>
      {panel.status === 'loading' && <p>{t('app.loading')}</p>}
      {panel.status === 'error' && <ErrorPanel error={panel.error} onRetry={retry} />}
      {panel.status === 'ok' && (
        <dl className="facts">
          <dt>{t('panels.type')}</dt>
          <dd>{t(`panels.types.${panel.value.type}`)}</dd>
          <dt>{t('panels.sequence')}</dt>
          <dd>{panel.value.sequence}</dd>
          <dt>{t('panels.length')}</dt>
          <dd>{panel.value.lengthM}</dd>
          <dt>{t('panels.thickness')}</dt>
          <dd>{panel.value.thicknessM}</dd>
          <dt>{t('panels.designDepth')}</dt>
          <dd>{panel.value.designDepthM}</dd>
          <dt>{t('panels.topLevel')}</dt>
          <dd>{panel.value.topLevelM}</dd>
          <dt>{t('panels.toeLevel')}</dt>
          <dd>{panel.value.toeLevelM}</dd>
          <dt>{t('panels.volume')}</dt>
          <dd>{panel.value.theoreticalVolumeM3}</dd>
          <dt>{t('panels.cageWeight')}</dt>
          <dd>{panel.value.cageWeightT ?? '—'}</dd>
          <dt>{t('panels.jointType')}</dt>
          <dd>{panel.value.jointType ? t(`panels.joints.${panel.value.jointType}`) : '—'}</dd>
        </dl>
      )}
    </aside>
  );
}
