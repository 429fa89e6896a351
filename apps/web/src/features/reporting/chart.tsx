import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type ReactNode, useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

export interface Series {
  name: string;
  values: (number | null)[];
}

/**
 * A chart drawn by Apache ECharts (SVG, so it stays sharp on a projector), always followed by its
 * data as a table: the chart is hidden from screen readers, the table is what they read.
 */
export function Chart({
  kind,
  title,
  categories,
  series,
  target,
  table,
  onPick,
}: {
  kind: 'bar' | 'line';
  title: string;
  categories: string[];
  series: Series[];
  /** A target drawn as a dashed line across the chart. */
  target?: { label: string; value: number } | null;
  /** The same figures as a table (rendered under the chart). */
  table: ReactNode;
  /** Clicking a bar: its category index (drill-down). */
  onPick?: (index: number) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const horizontal = kind === 'bar';
    const category = { type: 'category', data: categories, inverse: horizontal, axisLabel: { fontSize: 12 } };
    const value = { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } };
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      // Bars run across (one row per unit, names readable even for 34 provinces); a series runs along time.
      grid: { left: horizontal ? 8 : 48, right: 24, top: 36, bottom: 24, containLabel: horizontal },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: series.map((s, i) => ({
        name: s.name,
        type: kind,
        data: s.values,
        ...(i === 0 && target
          ? {
              markLine: {
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#b71c1c' },
                label: { formatter: target.label, position: 'insideEndTop' },
                data: [horizontal ? { xAxis: target.value } : { yAxis: target.value }],
              },
            }
          : {}),
      })),
    });
    if (onPick) chart.on('click', (e) => onPick(e.dataIndex));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [kind, categories, series, target, onPick]);
  return (
    <figure className="report-chart">
      <figcaption>{title}</figcaption>
      <div
        ref={ref}
        className="report-chart__canvas"
        style={kind === 'bar' ? { height: `${Math.max(240, 26 * categories.length + 70)}px` } : undefined}
        aria-hidden="true"
      />
      <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
        {table}
      </div>
    </figure>
  );
}
