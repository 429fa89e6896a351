import { MapChart } from 'echarts/charts';
import { MarkPointComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type ReactNode, useEffect, useRef, useState } from 'react';

echarts.use([MapChart, MarkPointComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

const MAP = 'vn-provinces-2025';

/** An archipelago drawn as part of its province's feature (map/README.md), named on the map. */
interface Archipelago {
  /** GSO code of the province it belongs to (`48` Đà Nẵng, `56` Khánh Hòa). */
  code: string;
  agencyCode: string;
  /** [longitude, latitude] where its name is written. */
  at: [number, number];
}
let registered: Promise<Archipelago[]> | null = null;

/** The boundaries (about 100 KiB) load with the first map, not with the app. */
function registerProvinces() {
  registered ??= import('./map/provinces-2025.geo.json').then((m) => {
    echarts.registerMap(MAP, m.default as never);
    const features = (m.default as { features: { properties: Record<string, unknown> }[] }).features;
    return features
      .map((f) => f.properties)
      .filter((p) => Array.isArray(p.archipelagoAt))
      .map((p) => ({
        code: p.code as string,
        agencyCode: p.agencyCode as string,
        at: p.archipelagoAt as [number, number],
      }));
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
  /** `archipelago`: the name written on the map by the archipelago of a province, by GSO code. */
  labels: { noData: string; low: string; high: string; archipelago: Record<string, string> };
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [islands, setIslands] = useState<Archipelago[] | null>(null);
  const ready = islands !== null;
  useEffect(() => {
    let live = true;
    void registerProvinces().then((a) => live && setIslands(a));
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
          // With the archipelagos the map is about square: fit it inside the box, whichever side binds.
          top: 8,
          bottom: 8,
          left: 8,
          right: 8,
          preserveAspect: 'contain',
          selectedMode: false,
          itemStyle: { areaColor: '#eeeeee', borderColor: '#ffffff', borderWidth: 0.6 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffb300' } },
          data: rows.map((r) => ({ name: r.agencyCode, value: r.value ?? undefined })),
          // The islands are a few pixels wide: a dot and the name (with the province) mark each
          // archipelago, as Vietnamese maps do; it is named after its province, so the tooltip and
          // a click go to that province.
          markPoint: {
            symbol: 'circle',
            symbolSize: 5,
            itemStyle: { color: '#546e7a' },
            label: { show: true, position: 'bottom', fontSize: 11, color: '#37474f', lineHeight: 13 },
            emphasis: { itemStyle: { color: '#ffb300' } },
            data: (islands ?? [])
              .filter((a) => labels.archipelago[a.code])
              .map((a) => ({
                name: a.agencyCode,
                coord: a.at,
                // Trường Sa lies by the map's right edge: its name goes to the left of it.
                label: { formatter: labels.archipelago[a.code], position: a.code === '56' ? 'left' : 'bottom' },
              })),
          },
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
  }, [ready, islands, rows, unit, onPick, labels]);
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
