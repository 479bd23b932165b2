import { useTranslation } from 'react-i18next';
import { PANEL_TYPES, type PanelType } from '../../../../main/domain/panel';
import { PANEL_STATUSES, type PanelStatus } from '../../../../main/domain/stages';
import { statusKey } from '../../shared/stage-colours';
import { Choice } from '../../shared/Choice';

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
      <Choice
        value={props.type}
        options={PANEL_TYPES}
        labels="panels.types"
        onChange={props.onType}
        blank={{ value: 'all', label: `${t('panels.type')}: *` }}
        ariaLabel={t('panels.type')}
        testId="type-filter"
      />
      <Choice
        value={props.status}
        options={PANEL_STATUSES}
        labels={(status) => t(statusKey(status))}
        onChange={props.onStatus}
        blank={{ value: 'all', label: `${t('panels.status')}: *` }}
        ariaLabel={t('panels.status')}
        testId="status-filter"
      />
    </>
  );
}
