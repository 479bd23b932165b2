// One chart on screen (ECharts, drawn as SVG) with PNG and SVG export. The options come from the
// pure builders in ./options, so what is drawn is a function of the schedule data alone.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LineChart, CustomChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from './options';
import { dataUrlToBlob, downloadBlob } from '../download';

echarts.use([
  LineChart,
  CustomChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
  SVGRenderer,
]);

const EXPORT_SIZE = { width: 1200, height: 600 };

export function Chart({
  option,
  fileName,
  testId,
  height = 320,
}: {
  option: EChartsOption;
  /** The exported file's name, without extension. */
  fileName: string;
  testId: string;
  height?: number;
}) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const instance = echarts.init(el, null, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  const exportSvg = () => {
    const url = chart.current?.getDataURL({ type: 'svg' });
    if (url) downloadBlob(`${fileName}.svg`, dataUrlToBlob(url));
  };

  // PNG from a canvas twin at a fixed size, so the picture does not depend on the window.
  const exportPng = () => {
    const el = document.createElement('div');
    const instance = echarts.init(el, null, { renderer: 'canvas', ...EXPORT_SIZE });
    try {
      instance.setOption({ ...option, animation: false });
      const url = instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
      downloadBlob(`${fileName}.png`, dataUrlToBlob(url));
    } finally {
      instance.dispose();
    }
  };

  return (
    <figure className="chart">
      <div ref={host} style={{ height }} data-testid={testId} />
      <figcaption className="form-actions">
        <button type="button" onClick={exportPng} data-testid={`${testId}-png`}>
          {t('schedule.exportPng')}
        </button>
        <button type="button" onClick={exportSvg} data-testid={`${testId}-svg`}>
          {t('schedule.exportSvg')}
        </button>
      </figcaption>
    </figure>
  );
}
