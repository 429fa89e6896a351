import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENCY_SEED } from '../../apps/server/src/modules/directory/seed/agencies.seed.js';

const ROOT = join(import.meta.dirname, '../..');
const read = (p: string) => JSON.parse(readFileSync(join(ROOT, p), 'utf8'));

interface Feature {
  properties: { code: string; name: string; agencyCode: string };
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

  it('draws polygons inside Vietnam’s mainland and near islands', () => {
    for (const f of geo.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      const xy = JSON.stringify(f.geometry.coordinates)
        .match(/-?\d+(\.\d+)?/g)!
        .map(Number);
      const lon = xy.filter((_, i) => i % 2 === 0);
      const lat = xy.filter((_, i) => i % 2 === 1);
      expect(Math.min(...lon)).toBeGreaterThan(102);
      expect(Math.max(...lon)).toBeLessThan(110);
      expect(Math.min(...lat)).toBeGreaterThan(8);
      expect(Math.max(...lat)).toBeLessThan(23.5);
    }
  });
});
