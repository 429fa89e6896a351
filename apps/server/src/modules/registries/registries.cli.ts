import { parseArgs } from 'node:util';
import type { Db } from '../../platform/db/index.js';
import type { DirectoryService } from '../directory/index.js';
import { type Commune, generateRegistries } from './generator.js';
import { PROVINCES } from './vn-data.js';

export const REGISTRIES_HELP = `  registries generate --persons N [--seed S]
                                  fill the base registries with N synthetic people (households, names by
                                  region, valid ID numbers, addresses in the 2025 communes of all 34
                                  provinces, some people with an earlier address), 1 enterprise per
                                  ~20 and 1 land parcel per ~7; on PostgreSQL into an empty registry
                                  a bulk load (COPY, indexes built after); the same seed again adds
                                  nothing twice`;

/** The directory's commune agencies by province agency code (few are seeded), named as the units are. */
async function directoryCommunes(directory: Pick<DirectoryService, 'search'>) {
  const out = new Map<string, Commune[]>();
  for (let page = 1; ; page++) {
    const r = await directory.search({ level: 'commune', page, pageSize: 200 });
    for (const a of r.items) {
      const province = a.code.split('.')[0]!;
      const list = out.get(province) ?? [];
      list.push({
        code: a.code,
        name: a.name.replace(/^Ủy ban nhân dân /i, '').replace(/^(\p{Ll})/u, (c) => c.toUpperCase()),
      });
      out.set(province, list);
    }
    if (r.items.length < 200) break;
  }
  return out;
}

const nameKey = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

/**
 * The communes of every province of the generator, from the 2025 administrative units (GSO province
 * code `PP` is the personal-ID code `0PP` of the province that kept its code in the merger): their
 * real names, with the directory's commune agency code where the directory seeds a commune of that
 * name (its People's Committee, as a registry record's `communeCode`), else no code. A directory
 * commune the units do not list is kept too.
 */
export function communesByProvince(
  units: readonly { code: string; communes: readonly { code: string; name: string }[] }[],
  directory: ReadonlyMap<string, Commune[]>,
): Map<string, Commune[]> {
  const out = new Map<string, Commune[]>();
  for (const p of PROVINCES) {
    const unit = units.find((u) => p.idCodes.includes(`0${u.code}`));
    const seeded = directory.get(p.code) ?? [];
    const byName = new Map(seeded.map((c) => [nameKey(c.name), c]));
    const list: Commune[] = (unit?.communes ?? []).map((c) => ({
      code: byName.get(nameKey(c.name))?.code ?? null,
      name: c.name,
    }));
    const listed = new Set(list.map((c) => nameKey(c.name)));
    for (const c of seeded) if (!listed.has(nameKey(c.name))) list.push(c);
    out.set(p.code, list);
  }
  return out;
}

/** `egov registries …`; 2 = unknown subcommand. */
export async function registriesCli(
  sub: string | undefined,
  args: string[],
  withPlatform: <T>(
    fn: (p: { db: Db; directory: Pick<DirectoryService, 'search' | 'adminUnits'> }) => Promise<T>,
  ) => Promise<T>,
): Promise<number> {
  if (sub !== 'generate') return 2;
  const { values } = parseArgs({ args, options: { persons: { type: 'string' }, seed: { type: 'string' } } });
  const persons = Number(values.persons);
  if (!Number.isInteger(persons) || persons < 1) {
    console.error('registries generate needs --persons N (a positive integer)');
    return 2;
  }
  const seed = values.seed ? Number(values.seed) : 1;
  const started = Date.now();
  const r = await withPlatform(async ({ db, directory }) => {
    const units = directory.adminUnits.provinces().map((p) => ({
      code: p.code,
      communes: directory.adminUnits.communes(p.code) ?? [],
    }));
    const communes = communesByProvince(units, await directoryCommunes(directory));
    return generateRegistries(db, {
      persons,
      seed,
      communesOf: (code) => communes.get(code) ?? [],
      onProgress: (done) => {
        const s = (Date.now() - started) / 1000;
        process.stderr.write(
          `  … ${done.toLocaleString('en')} / ${persons.toLocaleString('en')} people (${Math.round(done / s)}/s)\r`,
        );
      },
    });
  });
  process.stderr.write('\n');
  console.log(
    `generated ${r.persons} people; ${r.inserted} registry records inserted in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return 0;
}
