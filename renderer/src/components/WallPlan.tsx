// The wall plan: panels drawn in sequence around the shaft outline, coloured by stage, with the
// site day's changes outlined. The picture a site office pins on its wall.
import { useTranslation } from 'react-i18next';
import type { PanelSummary } from '../../../main/domain/panel';
import type { Outline } from '../../../main/domain/project';
import { PANEL_STATUSES } from '../../../main/domain/stages';
import { STATUS_COLOURS, statusKey } from '../stage-colours';

interface Props {
  panels: PanelSummary[];
  outline: Outline | null;
  changedToday: Set<string>;
  selected: string | null;
  onSelect: (panelId: string) => void;
}

interface Placed {
  panel: PanelSummary;
  x: number;
  y: number;
  w: number;
  h: number;
  lx: number;
  ly: number;
}

const WALL = 3; // drawn wall thickness in metres, exaggerated so it can be seen and clicked

/** Lays panels clockwise from the top-left corner, each as long as its design length. */
function layout(panels: PanelSummary[], outline: Outline): Placed[] {
  const { lengthM: L, widthM: W } = outline;
  const perimeter = 2 * (L + W);
  const total = panels.reduce((s, p) => s + p.lengthM, 0) || 1;
  const scale = perimeter / total;
  let at = 0;
  return panels.map((panel) => {
    const len = panel.lengthM * scale;
    const start = at;
    at += len;
    const mid = start + len / 2;
    if (mid < L) return { panel, x: start, y: 0, w: len, h: WALL, lx: mid, ly: -2 };
    if (mid < L + W)
      return { panel, x: L - WALL, y: start - L, w: WALL, h: len, lx: L + 2, ly: mid - L };
    if (mid < 2 * L + W)
      return {
        panel,
        x: L - (start - L - W) - len,
        y: W - WALL,
        w: len,
        h: WALL,
        lx: L - (mid - L - W),
        ly: W + 4,
      };
    return {
      panel,
      x: 0,
      y: W - (start - 2 * L - W) - len,
      w: WALL,
      h: len,
      lx: -2,
      ly: W - (mid - 2 * L - W),
    };
  });
}

export function WallPlan({ panels, outline, changedToday, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const shape = outline ?? { shape: 'rectangle' as const, lengthM: 60, widthM: 40 };
  const placed = layout(panels, shape);
  const finished = panels.filter((p) => p.status === 'concreting').length;
  const pad = 8;
  return (
    <figure className="wall-plan" data-testid="wall-plan">
      <figcaption>
        <strong>{t('wallPlan.title')}</strong> ·{' '}
        {t('wallPlan.finished', { finished, total: panels.length })}
      </figcaption>
      <svg
        viewBox={`${-pad} ${-pad} ${shape.lengthM + 2 * pad} ${shape.widthM + 2 * pad}`}
        role="img"
        aria-label={t('wallPlan.title')}
      >
        <rect
          x={0}
          y={0}
          width={shape.lengthM}
          height={shape.widthM}
          fill="#f8fafc"
          stroke="#cbd5e1"
          strokeWidth={0.2}
        />
        {placed.map(({ panel, x, y, w, h, lx, ly }) => {
          const changed = changedToday.has(panel.id);
          return (
            <g
              key={panel.id}
              onClick={() => onSelect(panel.id)}
              className="wall-panel"
              data-testid="wall-panel"
              data-code={panel.code}
              data-status={panel.status}
              data-changed={changed ? 'true' : undefined}
            >
              <title>{`${panel.code} · ${t(statusKey(panel.status))}`}</title>
              <rect
                x={x}
                y={y}
                width={w}
                height={h}
                fill={STATUS_COLOURS[panel.status]}
                stroke={panel.id === selected ? '#1d4ed8' : changed ? '#dc2626' : '#475569'}
                strokeWidth={panel.id === selected || changed ? 0.6 : 0.12}
              />
              <text
                x={lx}
                y={ly}
                fontSize={1.3}
                textAnchor="middle"
                dominantBaseline="middle"
                fill="#1f2937"
              >
                {panel.code}
              </text>
            </g>
          );
        })}
      </svg>
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
    </figure>
  );
}
