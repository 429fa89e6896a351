import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../platform/paths.js';
import { PopulationGenerator, rng, type Commune } from './generator.js';
import { communesByProvince } from './registries.cli.js';
import { PROVINCES } from './vn-data.js';

interface Fixture {
  provinces: { code: string; name: string; communes: [string, string][] }[];
}
const fixture = JSON.parse(
  readFileSync(join(REPO_ROOT, 'apps/server/src/modules/directory/data/admin-units-2025.json'), 'utf8'),
) as Fixture;
const units = fixture.provinces.map((p) => ({
  code: p.code,
  name: p.name,
  communes: p.communes.map(([code, name]) => ({ code, name })),
}));

describe('registries generate: communes of the 2025 units', () => {
  it('every one of the 34 provinces gets its own communes from the dataset, each unit province used once', () => {
    const map = communesByProvince(units, new Map());
    expect(PROVINCES).toHaveLength(34);
    const used = new Set<string>();
    for (const p of PROVINCES) {
      const unit = units.find((u) => p.idCodes.includes(`0${u.code}`));
      expect(unit, p.name).toBeDefined();
      // The unit's name names the same province (Thành phố Hồ Chí Minh for Hồ Chí Minh, Tỉnh Thanh Hoá for Thanh Hóa).
      expect(unit!.name.normalize('NFC').toLowerCase().replace('hoá', 'hóa').replace('hoà', 'hòa'), p.name).toContain(
        p.name.toLowerCase(),
      );
      used.add(unit!.code);
      expect(map.get(p.code)!.map((c) => c.name)).toEqual(unit!.communes.map((c) => c.name));
    }
    expect(used.size).toBe(34);
  });

  it('keeps the directory’s commune agency code where the directory seeds a commune of that name', () => {
    const directory = new Map<string, Commune[]>([
      [
        'H26',
        [
          { code: 'H26.X001', name: 'Phường Ba Đình' },
          { code: 'H26.X999', name: 'Xã Không Có Trong Danh Mục' },
        ],
      ],
    ]);
    const hanoi = communesByProvince(units, directory).get('H26')!;
    expect(hanoi.find((c) => c.name === 'Phường Ba Đình')).toEqual({ code: 'H26.X001', name: 'Phường Ba Đình' });
    expect(hanoi.find((c) => c.name === 'Phường Hoàn Kiếm')?.code).toBeNull();
    expect(hanoi.at(-1)).toEqual({ code: 'H26.X999', name: 'Xã Không Có Trong Danh Mục' });
  });

  it('generated people live in communes of their province (a southern and a central one too)', () => {
    const map = communesByProvince(units, new Map());
    const gen = new PopulationGenerator(rng(3), (p) => map.get(p.code)!, '003');
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++)
      for (const person of gen.household1()) {
        const names = map.get(person.provinceCode)!.map((c) => c.name);
        expect(names.some((n) => person.permanentAddress.includes(`, ${n}, `))).toBe(true);
        seen.add(person.provinceCode);
      }
    expect(seen.size).toBeGreaterThan(10);
  });
});
