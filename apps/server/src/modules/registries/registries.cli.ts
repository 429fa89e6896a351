import { parseArgs } from 'node:util';
import type { Db } from '../../platform/db/index.js';
import type { DirectoryService } from '../directory/index.js';
import { type Commune, generateRegistries } from './generator.js';

export const REGISTRIES_HELP = `  registries generate --persons N [--seed S]
                                  fill the base registries with N synthetic people (households, names by
                                  region, valid ID numbers), 1 enterprise per ~20 and 1 land parcel per ~7;
                                  the same seed again adds nothing twice`;

/** The directory's communes by province code (the 2025 units it seeds; few are seeded). */
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

/** `egov registries …`; 2 = unknown subcommand. */
export async function registriesCli(
  sub: string | undefined,
  args: string[],
  withPlatform: <T>(fn: (p: { db: Db; directory: Pick<DirectoryService, 'search'> }) => Promise<T>) => Promise<T>,
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
    const communes = await directoryCommunes(directory);
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
