import { sql } from 'drizzle-orm';
import pg from 'pg';
import { copyFrom, copyText } from '../../platform/db/copy.js';
import type { Db } from '../../platform/db/index.js';
import { newId } from '../../platform/ids/index.js';
import {
  ETHNICITIES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  MIDDLE_NAMES,
  PROVINCES,
  type Province,
  STREETS,
  SYNTHETIC_COMMUNES,
  taxCheckDigit,
} from './vn-data.js';
import { subjectsOf } from './use-cases/serve.js';

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same registry. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    weighted: <T>(xs: readonly [T, number][]): T => {
      const total = xs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of xs) if ((r -= w) < 0) return v;
      return xs[xs.length - 1]![0];
    },
  };
}
type Rng = ReturnType<typeof rng>;

export interface Commune {
  code: string | null;
  name: string;
}

export type Person = {
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  placeOfBirth: string;
  ethnicity: string;
  nationality: string;
  permanentAddress: string;
  currentAddress: string;
  provinceCode: string;
  communeCode: string | null;
  fatherId: string | null;
  motherId: string | null;
  spouseId: string | null;
  householdId: string;
  householdRelation: 'head' | 'spouse' | 'child';
};

/** Century-and-sex digit (vn-standards §9.2): 0/1 = 1900s male/female, 2/3 = 2000s … */
const centuryDigit = (year: number, sex: 'male' | 'female') =>
  (Math.floor(year / 100) - 19) * 2 + (sex === 'female' ? 1 : 0);

/** Unique personal ID numbers PPP G YY RRRRRR: one counter per prefix, from a seeded offset. */
export class IdNumbers {
  private next = new Map<string, number>();
  constructor(private r: Rng) {}
  take(ppp: string, year: number, sex: 'male' | 'female'): string {
    const prefix = `${ppp}${centuryDigit(year, sex)}${String(year % 100).padStart(2, '0')}`;
    let n = this.next.get(prefix);
    if (n === undefined) n = this.r.int(0, 400_000);
    if (n > 999_999) throw new RangeError(`personal ID numbers exhausted for ${prefix}`);
    this.next.set(prefix, n + 1);
    return `${prefix}${String(n).padStart(6, '0')}`;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Households of realistic people: a head, often a spouse, and children whose parents' ID numbers
 * point at them; names by region, ethnicity by weight, addresses in the province's communes.
 */
export class PopulationGenerator {
  private ids: IdNumbers;
  private household = 0;
  constructor(
    private r: Rng,
    private communes: (p: Province) => Commune[],
    private seedTag: string,
  ) {
    this.ids = new IdNumbers(r);
  }

  private name(region: Province['region'], sex: 'male' | 'female', family?: string) {
    const f = family ?? this.r.weighted(FAMILY_NAMES[region]);
    return `${f} ${this.r.pick(MIDDLE_NAMES[sex][region])} ${this.r.pick(GIVEN_NAMES[sex])}`;
  }

  private dob(year: number) {
    return `${year}-${pad(this.r.int(1, 12))}-${pad(this.r.int(1, 28))}`;
  }

  /** One household (1–6 people). */
  household1(): Person[] {
    const prov = this.r.pick(PROVINCES);
    const communes = this.communes(prov);
    const commune = this.r.pick(communes);
    const address = `Số ${this.r.int(1, 300)} đường ${this.r.pick(STREETS)}, ${commune.name}, ${prov.name === 'Hồ Chí Minh' ? 'Thành phố Hồ Chí Minh' : prov.name}`;
    const householdId = `HK${this.seedTag}${String(++this.household).padStart(9, '0')}`;
    const ethnicity = this.r.weighted(ETHNICITIES);
    const born = (year: number, sex: 'male' | 'female', family?: string, ppp = this.r.pick(prov.idCodes)) => ({
      idNumber: this.ids.take(ppp, year, sex),
      fullName: this.name(prov.region, sex, family),
      dateOfBirth: this.dob(year),
      sex,
      placeOfBirth: `${prov.name === 'Hồ Chí Minh' ? 'Thành phố Hồ Chí Minh' : prov.name}`,
      ethnicity,
      nationality: 'Việt Nam',
      permanentAddress: address,
      currentAddress:
        this.r.next() < 0.85
          ? address
          : `Số ${this.r.int(1, 200)} đường ${this.r.pick(STREETS)}, ${this.r.pick(communes).name}, ${prov.name}`,
      provinceCode: prov.code,
      communeCode: commune.code,
      fatherId: null as string | null,
      motherId: null as string | null,
      spouseId: null as string | null,
      householdId,
    });
    const headSex = this.r.next() < 0.7 ? 'male' : 'female';
    const headYear = this.r.int(1945, 2004);
    const head: Person = { ...born(headYear, headSex), householdRelation: 'head' };
    const out: Person[] = [head];
    if (headYear < 2000 && this.r.next() < 0.75) {
      const spouseSex = headSex === 'male' ? 'female' : 'male';
      const spouse: Person = {
        ...born(Math.min(2005, headYear + this.r.int(-4, 6)), spouseSex),
        spouseId: head.idNumber,
        householdRelation: 'spouse',
      };
      head.spouseId = spouse.idNumber;
      out.push(spouse);
      const father = headSex === 'male' ? head : spouse;
      const mother = headSex === 'male' ? spouse : head;
      const family = father.fullName.split(' ')[0];
      const children = this.r.int(0, 4);
      for (let i = 0; i < children; i++) {
        const year = Math.min(2025, Number(mother.dateOfBirth.slice(0, 4)) + this.r.int(20, 38));
        const sex = this.r.next() < 0.51 ? 'male' : 'female';
        out.push({
          ...born(year, sex, family),
          fatherId: father.idNumber,
          motherId: mother.idNumber,
          householdRelation: 'child',
        });
      }
    }
    return out;
  }
}

/** Enterprises with valid tax codes (check digit), each represented by one of the given people. */
export function* enterprises(r: Rng, reps: Person[], startSeq: number) {
  const TYPES = [
    ['Công ty trách nhiệm hữu hạn một thành viên', 'Công ty TNHH'],
    ['Công ty trách nhiệm hữu hạn hai thành viên trở lên', 'Công ty TNHH'],
    ['Công ty cổ phần', 'Công ty Cổ phần'],
    ['Hộ kinh doanh', 'Hộ kinh doanh'],
  ] as const;
  const WORDS = [
    'Thành Công',
    'Phú Quý',
    'An Phát',
    'Hưng Thịnh',
    'Minh Long',
    'Việt Tiến',
    'Sao Mai',
    'Đại Dương',
    'Hòa Bình',
    'Tân Tiến',
  ];
  let seq = startSeq;
  for (const rep of reps) {
    let code: string | null = null;
    while (!code) {
      const first9 = `01${String(seq++).padStart(7, '0')}`;
      const d = taxCheckDigit(first9);
      if (d !== null) code = `${first9}${d}`;
    }
    const [type, prefix] = r.pick(TYPES);
    yield {
      taxCode: code,
      name: `${prefix} ${r.pick(WORDS)} ${rep.fullName.split(' ').at(-1)}`.toLocaleUpperCase('vi'),
      type,
      legalRepresentativeId: rep.idNumber,
      legalRepresentativeName: rep.fullName,
      headOffice: rep.currentAddress,
      provinceCode: rep.provinceCode,
      status: r.next() < 0.9 ? 'active' : r.pick(['suspended', 'dissolved']),
      charterCapital: r.int(1, 500) * 100_000_000,
      registeredOn: `${r.int(2005, 2025)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
    };
  }
}

export interface GenerateOptions {
  persons: number;
  seed?: number;
  /** Communes per province (the CLI: the 2025 units, `communesOf` in registries.cli); none: a synthetic set. */
  communesOf?: (provinceCode: string) => Commune[];
  batch?: number;
  onProgress?: (done: number) => void;
}

/** One registry version as the generator makes it (all believed, recorded now, source `generator`). */
interface GenRow {
  id: string;
  registry: 'population' | 'business' | 'land';
  key: string;
  data: Record<string, unknown>;
  subjects: string[];
  validFrom: string;
  validTo: string | null;
}

/** Share of adults whose permanent address changed once (two valid-time versions). */
const MOVED = 0.12;

/**
 * The registry versions of `persons` people in households, one enterprise per ~20 people and one
 * land parcel per ~7, as a lazy sequence of households (the caller decides how to write them). Some
 * adults moved once: their record has the old address valid from birth to the move and the current
 * one from the move on (valid-time history).
 */
function* registryRows(o: GenerateOptions): Generator<{ rows: GenRow[]; persons: number }> {
  const r = rng(o.seed ?? 1);
  const cache = new Map<string, Commune[]>();
  const communes = (p: Province) => {
    let c = cache.get(p.code);
    if (!c) {
      const fromDirectory = o.communesOf?.(p.code) ?? [];
      c = fromDirectory.length ? fromDirectory : SYNTHETIC_COMMUNES.map((name) => ({ code: null, name }));
      cache.set(p.code, c);
    }
    return c;
  };
  const gen = new PopulationGenerator(
    r,
    communes,
    String(o.seed ?? 1)
      .padStart(3, '0')
      .slice(-3),
  );
  const byCode = new Map(PROVINCES.map((p) => [p.code, p]));
  const at = (day: string) => new Date(`${day}T00:00:00+07:00`).toISOString();
  let made = 0;
  let bizSeq = 100_000 + (o.seed ?? 1) * 1000;
  let parcelSeq = 0;
  while (made < o.persons) {
    const rows: GenRow[] = [];
    const version = (
      registry: GenRow['registry'],
      key: string,
      data: Record<string, unknown>,
      from: string,
      to: string | null = null,
    ) =>
      rows.push({
        id: newId('rec'),
        registry,
        key,
        data,
        subjects: registry === 'population' ? [] : subjectsOf(registry, data),
        validFrom: at(from),
        validTo: to ? at(to) : null,
      });
    const people = gen.household1().slice(0, o.persons - made);
    for (const p of people) {
      const born = Number(p.dateOfBirth.slice(0, 4));
      if (p.householdRelation !== 'child' && born <= 2005 && r.next() < MOVED) {
        // Registered elsewhere in the province before moving into this household's address.
        const prov = byCode.get(p.provinceCode)!;
        const from = r.pick(communes(prov));
        const before = `Số ${r.int(1, 300)} đường ${r.pick(STREETS)}, ${from.name}, ${prov.name === 'Hồ Chí Minh' ? 'Thành phố Hồ Chí Minh' : prov.name}`;
        const moved = `${r.int(Math.max(born + 18, 1990), 2025)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`;
        version(
          'population',
          p.idNumber,
          { ...p, permanentAddress: before, currentAddress: before, communeCode: from.code },
          p.dateOfBirth,
          moved,
        );
        version('population', p.idNumber, p, moved);
      } else version('population', p.idNumber, p, p.dateOfBirth);
    }
    made += people.length;
    const head = people[0]!;
    if (r.next() < 0.2 && Number(head.dateOfBirth.slice(0, 4)) < 2000) {
      for (const e of enterprises(r, [head], bizSeq)) {
        bizSeq = Number(e.taxCode.slice(2, 9)) + 1;
        version('business', e.taxCode, e, e.registeredOn);
      }
    }
    if (r.next() < 0.45) {
      const holders = people.filter((p) => p.householdRelation !== 'child').map((p) => p.idNumber);
      parcelSeq++;
      const sheet = 1 + (parcelSeq % 120);
      const number = Math.floor(parcelSeq / 120) + 1 + ((o.seed ?? 1) % 40) * 2000;
      const parcelId = `${head.provinceCode}-${sheet}-${number}`;
      version(
        'land',
        parcelId,
        {
          parcelId,
          mapSheet: String(sheet),
          parcelNumber: String(number),
          area: r.int(40, 2000) + r.int(0, 9) / 10,
          usePurpose: r.pick(['ONT', 'ODT', 'LUC', 'CLN', 'BHK']),
          address: head.permanentAddress,
          holderIds: holders,
          certificateNumber: `${String.fromCharCode(65 + r.int(0, 25))}${String.fromCharCode(65 + r.int(0, 25))} ${String(r.int(0, 999_999)).padStart(6, '0')}`,
        },
        `${r.int(1995, 2024)}-01-01`,
      );
    }
    yield { rows, persons: made };
  }
}

/**
 * Fill the registries with `persons` synthetic people (see `registryRows`), each version believed
 * and recorded now. Re-running with the same seed inserts nothing twice (the believed-version
 * unique index).
 *
 * On PostgreSQL into an empty `registries.records` (a new registry: the CLI's usual case) it is a
 * bulk load, in one transaction that holds the table: the table is truncated (so `COPY … FREEZE`
 * writes the rows already frozen, nothing for a later VACUUM to rewrite), its secondary indexes are
 * dropped, every row goes through one `COPY FROM STDIN` stream, and the indexes are built again,
 * each from its own definition as read from the catalog, by one sort each instead of millions of
 * random index insertions. A failure anywhere rolls all of it back, indexes included. Otherwise
 * (PGlite, or a registry that already holds rows) one statement per `batch` rows, a JSON parameter
 * read by json_to_recordset, `on conflict do nothing`.
 */
export async function generateRegistries(db: Db, o: GenerateOptions) {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) {
    const conn = await client.connect();
    let broken = false;
    try {
      const r = await bulkLoad(conn, o);
      if (r) return r;
    } catch (e) {
      broken = !(e instanceof pg.DatabaseError);
      throw e;
    } finally {
      conn.release(broken);
    }
  }
  return insertInBatches(db, o);
}

const recordedAtNow = () => new Date().toISOString();

/** The COPY path; null when the table is not empty (then nothing was done). */
async function bulkLoad(conn: pg.PoolClient, o: GenerateOptions) {
  const now = recordedAtNow();
  await conn.query('begin');
  try {
    await conn.query('lock table registries.records in access exclusive mode');
    const { rows: any } = await conn.query('select 1 from registries.records limit 1');
    if (any.length) {
      await conn.query('rollback');
      return null;
    }
    await conn.query(`set local maintenance_work_mem = '512MB'`);
    await conn.query('set local synchronous_commit = off');
    const { rows: indexes } = await conn.query<{ name: string; def: string }>(
      `select c.relname as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i join pg_class c on c.oid = i.indexrelid
       where i.indrelid = 'registries.records'::regclass and not i.indisprimary
       order by c.relname`,
    );
    await conn.query('truncate registries.records');
    for (const ix of indexes) await conn.query(`drop index registries.${pgIdent(ix.name)}`);
    let persons = 0;
    const chunks = async function* () {
      let buf: string[] = [];
      let size = 0;
      let last = 0;
      for (const { rows, persons: made } of registryRows(o)) {
        persons = made;
        for (const r of rows) {
          const line = `${r.id}\t${r.registry}\t${copyText(r.key)}\t${copyText(JSON.stringify(r.data))}\t{${r.subjects.join(',')}}\t${r.validFrom}\t${r.validTo ?? '\\N'}\t${now}\t\\N\tgenerator\t\\N\n`;
          buf.push(line);
          size += line.length;
        }
        if (size >= 1 << 20) {
          yield buf.join('');
          buf = [];
          size = 0;
          if (made - last >= 50_000) {
            o.onProgress?.(made);
            last = made;
          }
          // Let the socket's drain and the server's answers in between two chunks.
          await new Promise((ok) => setImmediate(ok));
        }
      }
      yield buf.join('');
    };
    const inserted = await copyFrom(
      conn,
      `copy registries.records (id, registry, record_key, data, subjects, valid_from, valid_to, recorded_at,
         superseded_at, source, recorded_by) from stdin with (freeze)`,
      chunks(),
    );
    o.onProgress?.(persons);
    for (const ix of indexes) await conn.query(ix.def);
    await conn.query('commit');
    await conn.query('analyze registries.records');
    return { persons, inserted };
  } catch (e) {
    await conn.query('rollback').catch(() => undefined);
    throw e;
  }
}

const pgIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function insertInBatches(db: Db, o: GenerateOptions) {
  const batch = o.batch ?? 5000;
  const now = recordedAtNow();
  let inserted = 0;
  let persons = 0;
  let rows: GenRow[] = [];
  // One statement and one parameter per batch (a JSON array read by json_to_recordset): nothing to
  // bind per row, and asynchronous commit for a bulk load that can be re-run (same seed, same rows).
  const flush = async () => {
    for (let i = 0; i < rows.length; i += batch) {
      const json = JSON.stringify(
        rows.slice(i, i + batch).map((r) => ({
          id: r.id,
          registry: r.registry,
          record_key: r.key,
          data: r.data,
          subjects: r.subjects,
          valid_from: r.validFrom,
          valid_to: r.validTo,
        })),
      );
      const n = await db.transaction(async (tx) => {
        await tx.execute(sql`set local synchronous_commit = off`);
        const r = await tx.execute(sql`
          insert into registries.records
            (id, registry, record_key, data, subjects, valid_from, valid_to, recorded_at, superseded_at, source)
          select id, registry, record_key, data, subjects, valid_from, valid_to, ${now}::timestamptz, null, 'generator'
          from json_to_recordset(${json}::json)
            as t(id text, registry text, record_key text, data jsonb, subjects text[], valid_from timestamptz,
                 valid_to timestamptz)
          on conflict do nothing`);
        return (r as { rowCount?: number | null }).rowCount ?? (r as { affectedRows?: number }).affectedRows ?? 0;
      });
      inserted += n;
    }
    rows = [];
  };
  for (const h of registryRows(o)) {
    rows.push(...h.rows);
    persons = h.persons;
    if (rows.length >= batch * 5) {
      await flush();
      o.onProgress?.(persons);
    }
  }
  await flush();
  o.onProgress?.(persons);
  return { persons, inserted };
}
