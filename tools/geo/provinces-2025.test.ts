import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENCY_SEED } from '../../apps/server/src/modules/directory/seed/agencies.seed.js';

const ROOT = join(import.meta.dirname, '../..');
const read = (p: string) => JSON.parse(readFileSync(join(ROOT, p), 'utf8'));

interface Feature {
  properties: { code: string; name: string; agencyCode: string; archipelago?: string; archipelagoAt?: number[] };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

describe('the committed map of the 34 provinces', () => {
  const geo = read('apps/web/src/features/reporting/map/provinces-2025.geo.json') as { features: Feature[] };
  const units = read('apps/server/src/modules/directory/data/admin-units-2025.json') as {
    provinces: { code: string; name: string }[];
  };

  it('has one feature per province of the 2025 list, with its code and name', () => {
    expect(geo.features.map((f) => [f.properties.code, f.properties.name])).toEqual(
      units.provinces.map((p) => [p.code, p.name]).sort(([a], [b]) => a!.localeCompare(b!)),
    );
  });

  it('names the directory’s 34 provincial People’s Committees, each once', () => {
    const committees = AGENCY_SEED.filter((a) => a.level === 'province').map((a) => a.code);
    expect(committees).toHaveLength(34);
    expect(geo.features.map((f) => f.properties.agencyCode).sort()).toEqual([...committees].sort());
    // The committee's name ends with the province's (tone marks aside: "Thanh Hóa" / "Thanh Hoá").
    const bare = (s: string) =>
      s
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/đ/gi, 'd')
        .toLowerCase()
        .replace(/^(uy ban nhan dan )?(tinh|thanh pho) /, '');
    for (const f of geo.features) {
      const committee = AGENCY_SEED.find((a) => a.code === f.properties.agencyCode)!;
      expect(bare(committee.name), f.properties.code).toBe(bare(f.properties.name));
    }
  });

  /** The polygons of a feature, each as its outer ring's points. */
  const parts = (f: Feature) =>
    (f.geometry.type === 'Polygon'
      ? [f.geometry.coordinates as number[][][]]
      : (f.geometry.coordinates as number[][][][])
    ).map((poly) => poly[0]!);
  const inside = (ring: number[][], [w, s, e, n]: number[]) =>
    ring.every(([x, y]) => x! > w! && x! < e! && y! > s! && y! < n!);
  // The boxes around the archipelagos (Natural Earth's islands lie within them).
  const HOANG_SA = [111, 15.6, 113, 17.2];
  const TRUONG_SA = [111.5, 6, 118, 12];

  it('draws polygons inside Vietnam’s mainland and near islands, the archipelagos apart', () => {
    for (const f of geo.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      for (const ring of parts(f)) {
        const offshore = ring.every(([x]) => x! > 110.5);
        if (offshore) {
          expect(f.properties.code, 'only Đà Nẵng and Khánh Hòa have the archipelagos').toMatch(/^(48|56)$/);
          expect(inside(ring, f.properties.code === '48' ? HOANG_SA : TRUONG_SA), f.properties.code).toBe(true);
        } else {
          expect(inside(ring, [102, 8, 110, 23.5]), f.properties.code).toBe(true);
        }
      }
    }
  });

  it('draws Hoàng Sa as part of Đà Nẵng and Trường Sa as part of Khánh Hòa, with their names', () => {
    const province = (code: string) => geo.features.find((f) => f.properties.code === code)!;
    const islands = (code: string, box: number[]) => parts(province(code)).filter((r) => inside(r, box));
    // Natural Earth 1:10m has a few islands of each; fewer means the step that adds them is gone.
    expect(islands('48', HOANG_SA).length).toBeGreaterThanOrEqual(3);
    expect(islands('56', TRUONG_SA).length).toBeGreaterThanOrEqual(3);
    expect(province('48').properties.archipelago).toBe('Quần đảo Hoàng Sa');
    expect(province('56').properties.archipelago).toBe('Quần đảo Trường Sa');
    // Where the dashboard writes the names: among the islands, not on the mainland.
    expect(inside([province('48').properties.archipelagoAt!], HOANG_SA)).toBe(true);
    expect(inside([province('56').properties.archipelagoAt!], TRUONG_SA)).toBe(true);
    expect(geo.features.filter((f) => f.properties.archipelago).map((f) => f.properties.code)).toEqual(['48', '56']);
  });
});
