import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type ReactNode, useEffect, useRef, useState } from 'react';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, SVGRenderer]);

const MAP = 'vn-provinces-2025';
let registered: Promise<void> | null = null;

/** The boundaries (about 100 KiB) load with the first map, not with the app. */
function registerProvinces() {
  registered ??= import('./map/provinces-2025.geo.json').then((m) => {
    echarts.registerMap(MAP, m.default as never);
  });
  return registered;
}

export interface MapRow {
  /** The province's People's Committee in the directory (the map's `agencyCode`). */
  agencyCode: string;
  name: string;
  value: number | null;
}

/**
 * The 34 provinces (from 1 July 2025) coloured by one indicator, drawn by Apache ECharts from the
 * committed open boundaries (map/README.md), always followed by the same figures as a table: the map
 * is hidden from screen readers. Clicking a province drills down to it.
 */
export function ProvinceMap({
  title,
  rows,
  unit = '%',
  onPick,
  table,
  note,
  labels,
}: {
  title: string;
  rows: MapRow[];
  unit?: string;
  onPick?: (agencyCode: string) => void;
  table: ReactNode;
  /** A line under the map (source, what it does not show). */
  note?: ReactNode;
  labels: { noData: string; low: string; high: string };
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void registerProvinces().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (!ready || !ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const byCode = new Map(rows.map((r) => [r.agencyCode, r]));
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string }) => {
          const r = byCode.get(p.name);
          const v = r?.value;
          return `${r?.name ?? p.name}: ${v === null || v === undefined ? labels.noData : `${v.toLocaleString('vi-VN')}${unit}`}`;
        },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max: 100,
        left: 0,
        bottom: 0,
        itemHeight: 120,
        text: [labels.high, labels.low],
        calculable: false,
        inRange: { color: ['#e3f2fd', '#64b5f6', '#0d47a1'] },
      },
      series: [
        {
          type: 'map',
          map: MAP,
          nameProperty: 'agencyCode',
          // Vietnam lies at 8–23° N: a degree of longitude is about 0.95 of a degree of latitude.
          aspectScale: 0.95,
          top: 8,
          bottom: 8,
          left: 'center',
          selectedMode: false,
          itemStyle: { areaColor: '#eeeeee', borderColor: '#ffffff', borderWidth: 0.6 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffb300' } },
          data: rows.map((r) => ({ name: r.agencyCode, value: r.value ?? undefined })),
        },
      ],
    });
    if (onPick) chart.on('click', (e) => byCode.has(e.name) && onPick(e.name));
    // A hidden or collapsed box (0 × 0) has no view transform to compute: ECharts would throw.
    const el = ref.current;
    const resize = () => el.clientWidth > 0 && el.clientHeight > 0 && chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [ready, rows, unit, onPick, labels]);
  return (
    <figure className="report-chart report-map">
      <figcaption>{title}</figcaption>
      <div ref={ref} className="report-map__canvas" aria-hidden="true" data-testid="province-map" />
      {note && <p className="muted report-map__note">{note}</p>}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
        {table}
      </div>
    </figure>
  );
}
