// The wall plan: panels drawn in sequence along the structure's outline (any shape), coloured by
// stage, with the site day's changes outlined. It uses the width it has, zooms (wheel, buttons)
// and pans (drag); a panel's code shows where it fits at the current zoom, and on hover always.
import { useEffect, useMemo, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { outlineBounds, wallLines, type Outline } from '../../../../main/domain/outline';
import type { PanelSummary } from '../../../../main/domain/panel';
import { PANEL_STATUSES } from '../../../../main/domain/stages';
import { bandAround, placePanels, type PlacedPanel } from '../../../../main/domain/wall-plan';
import { STATUS_COLOURS, statusKey } from '../../shared/stage-colours';

interface Props {
  panels: PanelSummary[];
  outline: Outline | null;
  changedToday: Set<string>;
  selected: string | null;
  onSelect: (panelId: string) => void;
}

interface View {
  x: number;
  y: number;
  w: number;
  h: number;
}

const FALLBACK: Outline = { shape: 'rectangle', lengthM: 60, widthM: 40 };
/** Label size on screen, in pixels, whatever the zoom. */
const LABEL_PX = 11;

function fitView(outline: Outline): View {
  const b = outlineBounds(outline);
  const pad = Math.max(6, 0.08 * Math.max(b.maxX - b.minX, b.maxY - b.minY));
  return {
    x: b.minX - pad,
    y: b.minY - pad,
    w: b.maxX - b.minX + 2 * pad,
    h: b.maxY - b.minY + 2 * pad,
  };
}

/** The plan's width on screen, followed as the window resizes. */
function useWidth(ref: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth || 800));
    observer.observe(el);
    setWidth(el.clientWidth || 800);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export function WallPlan({ panels, outline, changedToday, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const shape = outline ?? FALLBACK;
  const placed = useMemo(() => placePanels(shape, panels), [shape, panels]);
  const fit = useMemo(() => fitView(shape), [shape]);
  // The view belongs to one outline: another structure opens fitted.
  const [zoomed, setZoomed] = useState<{ fit: View; view: View }>({ fit, view: fit });
  const view = zoomed.fit === fit ? zoomed.view : fit;
  const setView = (next: View | ((v: View) => View)) =>
    setZoomed((z) => {
      const current = z.fit === fit ? z.view : fit;
      return { fit, view: typeof next === 'function' ? next(current) : next };
    });
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const height = Math.min(560, Math.max(220, (width * fit.h) / fit.w));
  const pxPerM = Math.min(width / view.w, height / view.h);
  const live = panels.filter((p) => !p.retiredAt);
  const finished = live.filter((p) => p.status === 'concreting').length;
  const byId = new Map(panels.map((p) => [p.id, p]));
  return (
    <figure className="wall-plan" data-testid="wall-plan">
      <figcaption>
        <strong>{t('wallPlan.title')}</strong> ·{' '}
        {t('wallPlan.finished', { finished, total: live.length })}
        <ZoomButtons view={view} fit={fit} onView={setView} />
      </figcaption>
      <div ref={box} className="wall-plan-canvas">
        <PlanSvg
          view={view}
          height={height}
          onView={setView}
          pxPerM={pxPerM}
          ariaLabel={t('wallPlan.title')}
        >
          {wallLines(shape).map((line, i) => (
            <polyline
              key={i}
              points={[...line.points, ...(line.closed ? [line.points[0]!] : [])]
                .map((p) => `${p.x},${p.y}`)
                .join(' ')}
              fill="none"
              stroke="#cbd5e1"
              strokeWidth={0.3}
            />
          ))}
          {placed.map((place) => (
            <PanelMark
              key={place.id}
              place={place}
              panel={byId.get(place.id)!}
              changed={changedToday.has(place.id)}
              selected={place.id === selected}
              pxPerM={pxPerM}
              statusText={t(statusKey(byId.get(place.id)!.status))}
              onSelect={onSelect}
            />
          ))}
        </PlanSvg>
      </div>
      <Legend />
    </figure>
  );
}

/** The drawing: wheel zooms round the pointer, dragging pans. */
function PlanSvg(props: {
  view: View;
  height: number;
  pxPerM: number;
  ariaLabel: string;
  onView: (update: (v: View) => View) => void;
  children: React.ReactNode;
}) {
  const { view, onView, pxPerM } = props;
  const drag = useRef<{ x: number; y: number } | null>(null);
  const wheel = (e: WheelEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const fx = (e.clientX - rect.left) / rect.width;
    const fy = (e.clientY - rect.top) / rect.height;
    const k = e.deltaY > 0 ? 1.2 : 1 / 1.2;
    onView((v) => zoom(v, k, fx, fy));
  };
  const move = (e: PointerEvent<SVGSVGElement>) => {
    if (!drag.current) return;
    const dx = (e.clientX - drag.current.x) / pxPerM;
    const dy = (e.clientY - drag.current.y) / pxPerM;
    drag.current = { x: e.clientX, y: e.clientY };
    onView((v) => ({ ...v, x: v.x - dx, y: v.y - dy }));
  };
  return (
    <svg
      viewBox={`${view.x} ${view.y} ${view.w} ${view.h}`}
      width="100%"
      height={props.height}
      role="img"
      aria-label={props.ariaLabel}
      onWheel={wheel}
      onPointerDown={(e) => (drag.current = { x: e.clientX, y: e.clientY })}
      onPointerMove={move}
      onPointerUp={() => (drag.current = null)}
      onPointerLeave={() => (drag.current = null)}
    >
      {props.children}
    </svg>
  );
}

const zoom = (v: View, k: number, fx = 0.5, fy = 0.5): View => {
  const w = Math.max(2, Math.min(100_000, v.w * k));
  const h = (v.h * w) / v.w;
  return { x: v.x + (v.w - w) * fx, y: v.y + (v.h - h) * fy, w, h };
};

function ZoomButtons({ view, fit, onView }: { view: View; fit: View; onView: (v: View) => void }) {
  const { t } = useTranslation();
  return (
    <span className="zoom-buttons">
      <button
        type="button"
        onClick={() => onView(zoom(view, 1 / 1.5))}
        aria-label={t('wallPlan.zoomIn')}
        data-testid="plan-zoom-in"
      >
        +
      </button>
      <button
        type="button"
        onClick={() => onView(zoom(view, 1.5))}
        aria-label={t('wallPlan.zoomOut')}
      >
        −
      </button>
      <button type="button" onClick={() => onView(fit)} data-testid="plan-fit">
        {t('wallPlan.fit')}
      </button>
    </span>
  );
}

function PanelMark(props: {
  place: PlacedPanel;
  panel: PanelSummary;
  changed: boolean;
  selected: boolean;
  pxPerM: number;
  statusText: string;
  onSelect: (panelId: string) => void;
}) {
  const { place, panel, changed, selected, pxPerM } = props;
  const thickness = Math.max(panel.thicknessM, 6 / pxPerM);
  const points = bandAround(place.points, thickness)
    .map((p) => `${p.x},${p.y}`)
    .join(' ');
  const font = LABEL_PX / pxPerM;
  // A code shows when it fits along its panel at this zoom; otherwise on hover (the title).
  const fits = panel.lengthM * pxPerM >= panel.code.length * LABEL_PX * 0.62 + 4;
  const offset = thickness / 2 + font * 0.9;
  return (
    <g
      onClick={() => props.onSelect(panel.id)}
      className={panel.retiredAt ? 'wall-panel retired' : 'wall-panel'}
      data-testid="wall-panel"
      data-code={panel.code}
      data-status={panel.status}
      data-changed={changed ? 'true' : undefined}
      data-label={fits ? 'shown' : 'hover'}
    >
      <title>{`${panel.code} · ${props.statusText}`}</title>
      <polygon
        points={points}
        fill={panel.retiredAt ? '#f3f4f6' : STATUS_COLOURS[panel.status]}
        stroke={selected ? '#1d4ed8' : changed ? '#dc2626' : '#475569'}
        strokeWidth={(selected || changed ? 3 : 0.6) / pxPerM}
        strokeDasharray={panel.retiredAt ? `${4 / pxPerM} ${3 / pxPerM}` : undefined}
      />
      {fits && (
        <text
          x={place.label.x + place.outward.x * offset}
          y={place.label.y + place.outward.y * offset}
          fontSize={font}
          textAnchor="middle"
          dominantBaseline="middle"
          fill="#1f2937"
        >
          {panel.code}
        </text>
      )}
    </g>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <div className="legend" aria-label={t('wallPlan.legend')}>
      {PANEL_STATUSES.map((status) => (
        <span key={status}>
          <i style={{ background: STATUS_COLOURS[status] }} /> {t(statusKey(status))}
        </span>
      ))}
      <span>
        <i className="changed" /> {t('wallPlan.today')}
      </span>
    </div>
  );
}
