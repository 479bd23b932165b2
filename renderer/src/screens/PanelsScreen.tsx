import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PANEL_TYPES, type PanelSummary, type PanelType } from '../../../main/domain/panel';
import { PANEL_STATUSES, type PanelStatus } from '../../../main/domain/stages';
import { call } from '../api';
import type { ScreenProps } from '../App';
import { ErrorPanel } from '../components/ErrorPanel';
import { ImportDialog } from '../components/ImportDialog';
import { PanelDetail } from '../components/PanelDetail';
import { WallPlan } from '../components/WallPlan';
import { STATUS_COLOURS, statusKey } from '../stage-colours';
import { useAsync } from '../use-async';

type SortKey =
  'sequence' | 'code' | 'type' | 'status' | 'designDepthM' | 'theoreticalVolumeM3' | 'finishedOn';

const ROW_HEIGHT = 34;
const number = (value: number | null, digits = 1) => (value === null ? '—' : value.toFixed(digits));
const statusRank = (s: PanelStatus) => PANEL_STATUSES.indexOf(s);

export function PanelsScreen({ project, structureId, siteDay, revision, onChanged }: ScreenProps) {
  const { t } = useTranslation();
  const [typeFilter, setTypeFilter] = useState<PanelType | 'all'>('all');
  const [statusFilter, setStatusFilter] = useState<PanelStatus | 'all'>('all');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({
    key: 'sequence',
    desc: false,
  });
  const [selected, setSelected] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [panels, retry] = useAsync(
    () => call('panels:list', { projectId: project.id, ...(structureId ? { structureId } : {}) }),
    [project.id, structureId, revision],
    { keepWhileReloading: true },
  );
  const [today] = useAsync(
    () => call('today:get', { projectId: project.id, siteDay }),
    [project.id, siteDay, revision],
    { keepWhileReloading: true },
  );
  const changedToday = useMemo(
    () => new Set(today.status === 'ok' ? today.value.events.map((e) => e.panelId) : []),
    [today],
  );
  const structure = project.structures.find((s) => s.id === structureId) ?? null;

  const rows = useMemo(() => {
    if (panels.status !== 'ok') return [];
    const filtered = panels.value.filter(
      (p) =>
        (typeFilter === 'all' || p.type === typeFilter) &&
        (statusFilter === 'all' || p.status === statusFilter),
    );
    const dir = sort.desc ? -1 : 1;
    return [...filtered].sort((a, b) => {
      if (sort.key === 'status') return (statusRank(a.status) - statusRank(b.status)) * dir;
      const x = a[sort.key];
      const y = b[sort.key];
      if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
      return String(x ?? '').localeCompare(String(y ?? ''), 'en', { numeric: true }) * dir;
    });
  }, [panels, typeFilter, statusFilter, sort]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns fresh functions each render; the compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  if (panels.status === 'loading') return <p>{t('app.loading')}</p>;
  if (panels.status === 'error') return <ErrorPanel error={panels.error} onRetry={retry} />;

  const header = (key: SortKey, label: string, className?: string) => (
    <div role="columnheader" className={className}>
      <button
        type="button"
        className="th-sort"
        onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }))}
        aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
      >
        {label}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </div>
  );

  return (
    <section className="panels-screen">
      <div className="screen-header">
        <h1>{t('panels.title')}</h1>
        <span className="muted" data-testid="panel-count">
          {t('panels.count', { count: rows.length })}
        </span>
        <select
          value={typeFilter}
          onChange={(e) => setTypeFilter(e.target.value as PanelType | 'all')}
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
          value={statusFilter}
          onChange={(e) => setStatusFilter(e.target.value as PanelStatus | 'all')}
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
        <button type="button" onClick={() => setImporting(true)} data-testid="import-open">
          {t('importer.button')}
        </button>
      </div>
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
        <div className="table panels-table" role="table" aria-rowcount={rows.length}>
          <div className="tr thead" role="row">
            {header('sequence', t('panels.sequence'))}
            {header('code', t('panels.code'))}
            {header('type', t('panels.type'))}
            {header('status', t('panels.status'))}
            {header('finishedOn', t('panels.finishedOn'))}
            <div role="columnheader" className="num">
              {t('panels.length')}
            </div>
            {header('designDepthM', t('panels.designDepth'), 'num')}
            {header('theoreticalVolumeM3', t('panels.volume'), 'num')}
            <div role="columnheader" className="num">
              {t('panels.cageWeight')}
            </div>
          </div>
          <div className="tbody" ref={scrollRef} data-testid="panel-rows">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const panel = rows[item.index] as PanelSummary;
                return (
                  <div
                    key={panel.id}
                    role="row"
                    tabIndex={0}
                    className={panel.id === selected ? 'tr selected' : 'tr'}
                    style={{
                      position: 'absolute',
                      top: 0,
                      left: 0,
                      right: 0,
                      height: ROW_HEIGHT,
                      transform: `translateY(${item.start}px)`,
                    }}
                    onClick={() => setSelected(panel.id)}
                    onKeyDown={(e) => e.key === 'Enter' && setSelected(panel.id)}
                    data-testid="panel-row"
                    data-code={panel.code}
                  >
                    <div role="cell">{panel.sequence}</div>
                    <div role="cell" className="code">
                      {panel.code}
                    </div>
                    <div role="cell">
                      <span className={`type-chip ${panel.type}`}>
                        {t(`panels.types.${panel.type}`)}
                      </span>
                    </div>
                    <div role="cell">
                      <i className="swatch" style={{ background: STATUS_COLOURS[panel.status] }} />{' '}
                      {t(statusKey(panel.status))}
                    </div>
                    <div role="cell">{panel.finishedOn ?? ''}</div>
                    <div role="cell" className="num">
                      {number(panel.lengthM)}
                    </div>
                    <div role="cell" className="num">
                      {number(panel.designDepthM)}
                    </div>
                    <div role="cell" className="num">
                      {number(panel.theoreticalVolumeM3)}
                    </div>
                    <div role="cell" className="num">
                      {number(panel.cageWeightT)}
                    </div>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
      {selected && (
        <PanelDetail panelId={selected} revision={revision} onClose={() => setSelected(null)} />
      )}
      {importing && (
        <ImportDialog
          projectId={project.id}
          structureId={structureId}
          onClose={() => setImporting(false)}
          onImported={onChanged}
        />
      )}
    </section>
  );
}
