import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { records } from './db/schema.js';
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

/**
 * Fill the registries with `persons` synthetic people in households, one enterprise per 20 people
 * and one land parcel per 5, each a single believed version valid from birth (or registration).
 * Re-running with the same seed inserts nothing twice (the believed-version unique index).
 */
export async function generateRegistries(db: Db, o: GenerateOptions) {
  const r = rng(o.seed ?? 1);
  const batch = o.batch ?? 5000;
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
  const now = new Date();
  let made = 0;
  let inserted = 0;
  let bizSeq = 100_000 + (o.seed ?? 1) * 1000;
  let parcelSeq = 0;
  const rows: (typeof records.$inferInsert)[] = [];
  // One statement and one parameter per batch (a JSON array read by json_to_recordset): nothing to
  // bind per row, and asynchronous commit for a bulk load that can be re-run (same seed, same rows).
  const flush = async () => {
    for (let i = 0; i < rows.length; i += batch) {
      const json = JSON.stringify(
        rows.slice(i, i + batch).map((r) => ({
          id: r.id,
          registry: r.registry,
          record_key: r.recordKey,
          data: r.data,
          subjects: r.subjects ?? [],
          valid_from: (r.validFrom as Date).toISOString(),
        })),
      );
      const n = await db.transaction(async (tx) => {
        await tx.execute(sql`set local synchronous_commit = off`);
        const r = await tx.execute(sql`
          insert into registries.records
            (id, registry, record_key, data, subjects, valid_from, valid_to, recorded_at, superseded_at, source)
          select id, registry, record_key, data, subjects, valid_from, null, ${now.toISOString()}::timestamptz, null, 'generator'
          from json_to_recordset(${json}::json)
            as t(id text, registry text, record_key text, data jsonb, subjects text[], valid_from timestamptz)
          on conflict do nothing`);
        return (r as { rowCount?: number | null }).rowCount ?? (r as { affectedRows?: number }).affectedRows ?? 0;
      });
      inserted += n;
    }
    rows.length = 0;
  };
  const version = (
    registry: 'population' | 'business' | 'land',
    key: string,
    data: Record<string, unknown>,
    from: string,
  ) =>
    rows.push({
      id: newId('rec'),
      registry,
      recordKey: key,
      data,
      subjects: registry === 'population' ? [] : subjectsOf(registry, data),
      validFrom: new Date(`${from}T00:00:00+07:00`),
      validTo: null,
      recordedAt: now,
      supersededAt: null,
      source: 'generator',
      recordedBy: null,
    });
  while (made < o.persons) {
    const people = gen.household1().slice(0, o.persons - made);
    for (const p of people) version('population', p.idNumber, p, p.dateOfBirth);
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
    if (rows.length >= batch * 5) {
      await flush();
      o.onProgress?.(made);
    }
  }
  await flush();
  o.onProgress?.(made);
  return { persons: made, inserted };
}
