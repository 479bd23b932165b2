import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelType } from '../../../../main/domain/panel';
import type { PanelStatus } from '../../../../main/domain/stages';
import type { ScreenProps } from '../../app/screen-props';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { ImportDialog } from './ImportDialog';
import { PanelDetail } from './PanelDetail';
import { PanelEditor } from './PanelEditor';
import { WallPlan } from './WallPlan';
import { PanelFilters } from './PanelFilters';
import { useChangedOn } from './use-changed-on';
import { PanelTable, sortPanels, type PanelSort } from './PanelTable';
import { useRead } from '../../data/use-read';

export function PanelsScreen({ project, structureId, siteDay }: ScreenProps) {
  const { t } = useTranslation();
  const [typeFilter, setTypeFilter] = useState<PanelType | 'all'>('all');
  const [statusFilter, setStatusFilter] = useState<PanelStatus | 'all'>('all');
  const [sort, setSort] = useState<PanelSort>({ key: 'sequence', desc: false });
  const [selected, setSelected] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [adding, setAdding] = useState(false);
  const [panels, retry] = useRead(
    'panels:list',
    { projectId: project.id, ...(structureId ? { structureId } : {}) },
    { keepWhileReloading: true },
  );
  const changedToday = useChangedOn(project.id, siteDay);
  const structure = project.structures.find((s) => s.id === structureId) ?? null;

  const list = panels.status === 'ok' ? panels.value : null;
  const rows = useMemo(
    () => (list ? sortPanels(list, { typeFilter, statusFilter }, sort) : []),
    [list, typeFilter, statusFilter, sort],
  );

  if (panels.status === 'loading') return <p>{t('app.loading')}</p>;
  if (panels.status === 'error') return <ErrorPanel error={panels.error} onRetry={retry} />;

  return (
    <section className="panels-screen">
      <PanelsHeader
        count={rows.length}
        filters={{ type: typeFilter, status: statusFilter }}
        onType={setTypeFilter}
        onStatus={setStatusFilter}
        onAdd={() => setAdding(!adding)}
        onImport={() => setImporting(true)}
      />
      {adding && structureId && (
        <PanelEditor structureId={structureId} onSaved={() => setAdding(false)} />
      )}
      <WallPlan
        panels={panels.value}
        outline={structure?.outline ?? null}
        changedToday={changedToday}
        selected={selected}
        onSelect={setSelected}
      />
      {rows.length === 0 ? (
        <p className="muted">{t('panels.empty')}</p>
      ) : (
        <PanelTable
          rows={rows}
          sort={sort}
          onSort={setSort}
          selected={selected}
          onSelect={setSelected}
        />
      )}
      {selected && <PanelDetail panelId={selected} onClose={() => setSelected(null)} />}
      {importing && (
        <ImportDialog
          projectId={project.id}
          structureId={structureId}
          onClose={() => setImporting(false)}
        />
      )}
    </section>
  );
}

function PanelsHeader(props: {
  count: number;
  filters: { type: PanelType | 'all'; status: PanelStatus | 'all' };
  onType: (type: PanelType | 'all') => void;
  onStatus: (status: PanelStatus | 'all') => void;
  onAdd: () => void;
  onImport: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="screen-header">
      <h1>{t('panels.title')}</h1>
      <span className="muted" data-testid="panel-count">
        {t('panels.count', { count: props.count })}
      </span>
      <PanelFilters
        type={props.filters.type}
        status={props.filters.status}
        onType={props.onType}
        onStatus={props.onStatus}
      />
      <button type="button" onClick={props.onAdd} data-testid="panel-add">
        {t('setup.addPanel')}
      </button>
      <button type="button" onClick={props.onImport} data-testid="import-open">
        {t('importer.button')}
      </button>
    </div>
  );
}
