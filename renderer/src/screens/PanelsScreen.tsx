import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PANEL_TYPES, type Panel, type PanelType } from '../../../main/domain/panel';
import type { Project, Structure } from '../../../main/domain/project';
import { call } from '../api';
import { ErrorPanel } from '../components/ErrorPanel';
import { PanelDetail } from '../components/PanelDetail';
import { useAsync } from '../use-async';

type SortKey = 'sequence' | 'code' | 'type' | 'designDepthM' | 'theoreticalVolumeM3';

const ROW_HEIGHT = 34;
const number = (value: number | null, digits = 1) => (value === null ? '—' : value.toFixed(digits));

export function PanelsScreen({
  project,
  structure,
}: {
  project: Project;
  structure: Structure | null;
}) {
  const { t } = useTranslation();
  const [typeFilter, setTypeFilter] = useState<PanelType | 'all'>('all');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({
    key: 'sequence',
    desc: false,
  });
  const [selected, setSelected] = useState<string | null>(null);
  const [panels, retry] = useAsync(
    () =>
      call('panels:list', {
        projectId: project.id,
        ...(structure ? { structureId: structure.id } : {}),
      }),
    [project.id, structure?.id],
  );

  const rows = useMemo(() => {
    if (panels.status !== 'ok') return [];
    const filtered = panels.value.filter((p) => typeFilter === 'all' || p.type === typeFilter);
    const dir = sort.desc ? -1 : 1;
    return [...filtered].sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
      return String(x).localeCompare(String(y), 'en', { numeric: true }) * dir;
    });
  }, [panels, typeFilter, sort]);

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

  const header = (key: SortKey, label: string) => (
    <button
      type="button"
      className="th-sort"
      onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }))}
      aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
    >
      {label}
      {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
    </button>
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
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('panels.empty')}</p>
      ) : (
        <div className="table" role="table" aria-rowcount={rows.length}>
          <div className="tr thead" role="row">
            <div role="columnheader">{header('sequence', t('panels.sequence'))}</div>
            <div role="columnheader">{header('code', t('panels.code'))}</div>
            <div role="columnheader">{header('type', t('panels.type'))}</div>
            <div role="columnheader" className="num">
              {t('panels.length')}
            </div>
            <div role="columnheader" className="num">
              {t('panels.thickness')}
            </div>
            <div role="columnheader" className="num">
              {header('designDepthM', t('panels.designDepth'))}
            </div>
            <div role="columnheader" className="num">
              {header('theoreticalVolumeM3', t('panels.volume'))}
            </div>
            <div role="columnheader" className="num">
              {t('panels.cageWeight')}
            </div>
          </div>
          <div className="tbody" ref={scrollRef} data-testid="panel-rows">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const panel = rows[item.index] as Panel;
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
                    <div role="cell" className="num">
                      {number(panel.lengthM)}
                    </div>
                    <div role="cell" className="num">
                      {number(panel.thicknessM, 2)}
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
      {selected && <PanelDetail panelId={selected} onClose={() => setSelected(null)} />}
    </section>
  );
}
