// Chart options for the Schedule screen, built from the schedule data alone: the S-curve of a
// structure and the Gantt of milestones. Pure, so they can be checked without drawing.
import type { CustomSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { CurvePoint, ForecastStatus } from '../../../../main/domain/schedule';

export type EChartsOption = ComposeOption<
  | LineSeriesOption
  | CustomSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

/** A site day as the local midnight the time axis shows it at. */
export function dayTime(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!).getTime();
}

const dayLabel = (value: number) => {
  const d = new Date(value);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const COLOURS = {
  planned: '#667085',
  actual: '#1570ef',
  today: '#b42318',
  baseline: '#98a2b3',
  due: '#101828',
  on_track: '#12b76a',
  at_risk: '#f79009',
  late: '#d92d20',
  done: '#12b76a',
  not_enough_data: '#98a2b3',
  unmapped: '#d0d5dd',
};

/** The as-of day as a vertical line; its label at the top of the plot (`end` of the line, or its
 * `start` on a chart whose y axis runs downwards). */
function todayLine(
  asOf: string,
  label: string,
  at: 'start' | 'end' = 'end',
): MarkLineComponentOption {
  return {
    symbol: 'none',
    silent: true,
    lineStyle: { color: COLOURS.today, type: 'solid', width: 1.5 },
    label: { formatter: `${label} ${asOf}`, color: COLOURS.today, position: at },
    data: [{ xAxis: dayTime(asOf) }],
  };
}

export function sCurveOption(
  points: readonly CurvePoint[],
  asOf: string,
  labels: { planned: string; actual: string; today: string; axis: string },
): EChartsOption {
  const planned = points.filter((p) => p.planned !== null);
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 40, bottom: 40 },
    legend: { top: 4 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time', axisLabel: { formatter: dayLabel, hideOverlap: true } },
    yAxis: { type: 'value', name: labels.axis, min: 0 },
    series: [
      {
        type: 'line',
        name: labels.planned,
        showSymbol: false,
        lineStyle: { type: 'dashed', color: COLOURS.planned },
        itemStyle: { color: COLOURS.planned },
        data: planned.map((p) => [dayTime(p.day), p.planned]),
      },
      {
        type: 'line',
        name: labels.actual,
        showSymbol: false,
        step: 'end',
        lineStyle: { width: 2.5, color: COLOURS.actual },
        itemStyle: { color: COLOURS.actual },
        areaStyle: { opacity: 0.08 },
        data: points.filter((p) => p.actual !== null).map((p) => [dayTime(p.day), p.actual]),
        markLine: todayLine(asOf, labels.today),
      },
    ],
  };
}

export interface GanttRow {
  name: string;
  baseline: string;
  due: string;
  p50: string | null;
  p90: string | null;
  actual: string | null;
  status: ForecastStatus;
}

export function ganttOption(
  rows: readonly GanttRow[],
  asOf: string,
  labels: { baseline: string; due: string; forecast: string; actual: string; today: string },
): EChartsOption {
  const marker = (
    name: string,
    symbol: string,
    colour: string,
    pick: (r: GanttRow) => string | null,
    offsetY = 0,
  ): ScatterSeriesOption => ({
    type: 'scatter',
    name,
    symbol,
    symbolSize: 12,
    symbolOffset: [0, offsetY],
    itemStyle: { color: colour },
    data: rows.flatMap((r, i) => {
      const day = pick(r);
      return day ? [[dayTime(day), i]] : [];
    }),
    tooltip: { formatter: (p) => `${name}: ${dayLabel((p.value as number[])[0]!)}` },
  });
  // The axis spans every date shown, the as-of day included, with a little room either side.
  const days = [asOf, ...rows.flatMap((r) => [r.baseline, r.due, r.p50, r.p90, r.actual])]
    .filter((d): d is string => d !== null)
    .map(dayTime);
  const room = 3 * 86_400_000;
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 40, bottom: 40, containLabel: true },
    legend: { top: 4 },
    tooltip: { trigger: 'item' },
    xAxis: {
      type: 'time',
      min: Math.min(...days) - room,
      max: Math.max(...days) + room,
      axisLabel: { formatter: dayLabel, hideOverlap: true },
    },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
    series: [
      forecastBars(rows, labels.forecast),
      marker(labels.baseline, 'diamond', COLOURS.baseline, (r) => r.baseline, 12),
      // The due markers are always there, so they carry the as-of line.
      {
        ...marker(labels.due, 'triangle', COLOURS.due, (r) => r.due),
        markLine: todayLine(asOf, labels.today, 'start'),
      },
      marker(labels.actual, 'circle', COLOURS.done, (r) => r.actual),
    ],
  };
}

/** Each milestone's P50–P90 range as a bar, coloured by its status (none once done). */
function forecastBars(rows: readonly GanttRow[], label: string): CustomSeriesOption {
  return {
    type: 'custom',
    name: label,
    itemStyle: { color: COLOURS.at_risk },
    renderItem: (_params, api) => {
      const row = api.value(0) as number;
      const start = api.coord([api.value(1), row]);
      const end = api.coord([api.value(2), row]);
      const height = (api.size!([0, 1]) as number[])[1]! * 0.45;
      const status = rows[row]?.status ?? 'at_risk';
      return {
        type: 'rect',
        shape: {
          x: start[0]!,
          y: start[1]! - height / 2,
          width: Math.max(3, end[0]! - start[0]!),
          height,
        },
        style: { fill: COLOURS[status], opacity: 0.75 },
      };
    },
    encode: { x: [1, 2], y: 0 },
    data: rows.flatMap((r, i) =>
      r.p50 && r.p90 && r.status !== 'done' ? [[i, dayTime(r.p50), dayTime(r.p90)]] : [],
    ),
    tooltip: {
      formatter: (p) => {
        const v = p.value as number[];
        return `${label}: ${dayLabel(v[1]!)} – ${dayLabel(v[2]!)}`;
      },
    },
  };
}
