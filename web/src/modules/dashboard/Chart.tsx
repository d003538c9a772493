import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the overview draws, so the charts chunk stays small.
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export const CHART_FONT = "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";
export const CHART_COLOR = '#0f766e';

// echarts' option type is a deep union; the options here are plain objects checked by eye and screenshot.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ChartOption = Record<string, any>;

/**
 * An ECharts chart that follows its container's size: a ResizeObserver redraws it when the window
 * or the layout changes. (A direct wrapper rather than echarts-for-react, whose build imports
 * `tslib` without depending on it.)
 */
export function Chart({ option, height, onClick, label }: { option: ChartOption; height: number; onClick?: (params: unknown) => void; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: CHART_FONT }, animationDuration: 400, ...option }, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    c.on('click', onClick);
    return () => {
      if (!c.isDisposed()) c.off('click', onClick);
    };
  }, [onClick]);

  return <div ref={el} role="img" aria-label={label} style={{ height, width: '100%' }} />;
}
