// The panel register as a virtualised table: 2,000 rows scroll as smoothly as 60.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelSummary, PanelType } from '../../../../main/domain/panel';
import { PANEL_STATUSES, type PanelStatus } from '../../../../main/domain/stages';
import { STATUS_COLOURS, statusKey } from '../../shared/stage-colours';

export type SortKey =
  'sequence' | 'code' | 'type' | 'status' | 'designDepthM' | 'theoreticalVolumeM3' | 'finishedOn';
export interface PanelSort {
  key: SortKey;
  desc: boolean;
}

const ROW_HEIGHT = 34;
const statusRank = (s: PanelStatus) => PANEL_STATUSES.indexOf(s);

/** The panels that pass the filters, in the chosen order. */
export function sortPanels(
  panels: PanelSummary[],
  filters: { typeFilter: PanelType | 'all'; statusFilter: PanelStatus | 'all' },
  sort: PanelSort,
): PanelSummary[] {
  const filtered = panels.filter(
    (p) =>
      (filters.typeFilter === 'all' || p.type === filters.typeFilter) &&
      (filters.statusFilter === 'all' || p.status === filters.statusFilter),
  );
  const dir = sort.desc ? -1 : 1;
  return [...filtered].sort((a, b) => {
    if (sort.key === 'status') return (statusRank(a.status) - statusRank(b.status)) * dir;
    const x = a[sort.key];
    const y = b[sort.key];
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
    return String(x ?? '').localeCompare(String(y ?? ''), 'en', { numeric: true }) * dir;
  });
}
const number = (value: number | null, digits = 1) => (value === null ? '—' : value.toFixed(digits));

export function PanelTable({
  rows,
  sort,
  onSort,
  selected,
  onSelect,
}: {
  rows: PanelSummary[];
  sort: PanelSort;
  onSort: (update: (sort: PanelSort) => PanelSort) => void;
  selected: string | null;
  onSelect: (panelId: string) => void;
}) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns fresh functions each render; the compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const header = (key: SortKey, label: string, className?: string) => (
    <div role="columnheader" className={className}>
      <button
        type="button"
        className="th-sort"
        onClick={() => onSort((s) => ({ key, desc: s.key === key ? !s.desc : false }))}
        aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
      >
        {label}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </div>
  );
  return (
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
              <PanelRow
                key={panel.id}
                panel={panel}
                top={item.start}
                selected={panel.id === selected}
                onSelect={onSelect}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

function PanelRow({
  panel,
  top,
  selected,
  onSelect,
}: {
  panel: PanelSummary;
  top: number;
  selected: boolean;
  onSelect: (panelId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div
      role="row"
      tabIndex={0}
      className={selected ? 'tr selected' : 'tr'}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        transform: `translateY(${top}px)`,
      }}
      onClick={() => onSelect(panel.id)}
      onKeyDown={(e) => e.key === 'Enter' && onSelect(panel.id)}
      data-testid="panel-row"
      data-code={panel.code}
    >
      <div role="cell">{panel.sequence}</div>
      <div role="cell" className="code">
        {panel.code}
      </div>
      <div role="cell">
        <span className={`type-chip ${panel.type}`}>{t(`panels.types.${panel.type}`)}</span>
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
}
