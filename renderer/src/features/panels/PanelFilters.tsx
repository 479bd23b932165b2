import { useTranslation } from 'react-i18next';
import { PANEL_TYPES, type PanelType } from '../../../../main/domain/panel';
import { PANEL_STATUSES, type PanelStatus } from '../../../../main/domain/stages';
import { statusKey } from '../../stage-colours';

/** The register's filters: panel type and status. */
export function PanelFilters(props: {
  type: PanelType | 'all';
  status: PanelStatus | 'all';
  onType: (type: PanelType | 'all') => void;
  onStatus: (status: PanelStatus | 'all') => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <select
        value={props.type}
        onChange={(e) => props.onType(e.target.value as PanelType | 'all')}
        aria-label={t('panels.type')}
        data-testid="type-filter"
      >
        <option value="all">{t('panels.type')}: *</option>
        {PANEL_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`panels.types.${type}`)}
          </option>
        ))}
      </select>
      <select
        value={props.status}
        onChange={(e) => props.onStatus(e.target.value as PanelStatus | 'all')}
        aria-label={t('panels.status')}
        data-testid="status-filter"
      >
        <option value="all">{t('panels.status')}: *</option>
        {PANEL_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(statusKey(status))}
          </option>
        ))}
      </select>
    </>
  );
}
