import type { Db } from '../../platform/db/index.js';
import { generateRegistries } from './generator.js';
import { registriesRepository as repo } from './registries.repository.js';
import { recordChange } from './use-cases/versions.js';

const HN = 'Số 12 phố Hàng Bài, phường Hoàn Kiếm, Hà Nội';

/** The demo citizen's family, his household business and a land parcel, with some history. */
const DEMO = {
  citizen: '001099012345',
  father: '001066004321',
  mother: '001168005432',
  spouse: '001199006543',
};

const person = (o: Record<string, unknown>) => ({
  ethnicity: 'Kinh',
  nationality: 'Việt Nam',
  provinceCode: 'H26',
  communeCode: 'H26.X001',
  householdId: 'HK001000000001',
  fatherId: null,
  motherId: null,
  spouseId: null,
  ...o,
});

/**
 * Demo registries: the demo citizen (001099012345, Nguyễn Văn An) with parents and spouse, an
 * address change in 2024 recorded late (so "as known at" differs from "as valid at"), a business and
 * a parcel; then `generated` synthetic people. Idempotent: nothing is recorded twice.
 */
export async function seedRegistries(db: Db, o: { generated?: number } = {}) {
  const at = (d: string) => new Date(`${d}T00:00:00+07:00`);
  let created = 0;
  const demo: [string, string, Record<string, unknown>, string][] = [
    [
      'population',
      DEMO.father,
      person({
        idNumber: DEMO.father,
        fullName: 'Nguyễn Văn Bình',
        dateOfBirth: '1966-02-10',
        sex: 'male',
        placeOfBirth: 'Hà Nội',
        permanentAddress: HN,
        currentAddress: HN,
        spouseId: DEMO.mother,
        householdRelation: 'head',
      }),
      '1966-02-10',
    ],
    [
      'population',
      DEMO.mother,
      person({
        idNumber: DEMO.mother,
        fullName: 'Trần Thị Hoa',
        dateOfBirth: '1968-07-21',
        sex: 'female',
        placeOfBirth: 'Nam Định',
        permanentAddress: HN,
        currentAddress: HN,
        spouseId: DEMO.father,
        householdRelation: 'spouse',
      }),
      '1968-07-21',
    ],
    [
      'population',
      DEMO.citizen,
      person({
        idNumber: DEMO.citizen,
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1999-03-15',
        sex: 'male',
        placeOfBirth: 'Hà Nội',
        permanentAddress: HN,
        currentAddress: HN,
        fatherId: DEMO.father,
        motherId: DEMO.mother,
        householdRelation: 'child',
      }),
      '1999-03-15',
    ],
    [
      'population',
      DEMO.spouse,
      person({
        idNumber: DEMO.spouse,
        fullName: 'Lê Thị Cúc',
        dateOfBirth: '1999-11-02',
        sex: 'female',
        placeOfBirth: 'Hải Phòng',
        permanentAddress: 'Số 5 đường Lạch Tray, phường Ngô Quyền, Hải Phòng',
        currentAddress: 'Số 5 đường Lạch Tray, phường Ngô Quyền, Hải Phòng',
        provinceCode: 'H24',
        communeCode: null,
        householdId: 'HK031000000007',
        householdRelation: 'head',
      }),
      '1999-11-02',
    ],
    [
      'business',
      '0100109106',
      {
        taxCode: '0100109106',
        name: 'CÔNG TY CỔ PHẦN DEMO',
        type: 'Công ty cổ phần',
        legalRepresentativeId: DEMO.father,
        legalRepresentativeName: 'Nguyễn Văn Bình',
        headOffice: 'Số 1 phố Tràng Tiền, phường Hoàn Kiếm, Hà Nội',
        provinceCode: 'H26',
        status: 'active',
        charterCapital: 5_000_000_000,
        registeredOn: '2010-05-04',
      },
      '2010-05-04',
    ],
    [
      'land',
      'H26.X001-12-345',
      {
        parcelId: 'H26.X001-12-345',
        mapSheet: '12',
        parcelNumber: '345',
        area: 68.5,
        usePurpose: 'ODT',
        address: HN,
        holderIds: [DEMO.father, DEMO.mother],
        certificateNumber: 'CS 012345',
      },
      '2001-09-01',
    ],
  ];
  for (const [registry, key, data, from] of demo) {
    const done = await db.transaction(async (tx) => {
      if ((await repo.history(tx, registry as 'population', key)).length) return false;
      await recordChange(tx, new Date('2020-01-01T00:00:00Z'), {
        registry: registry as 'population',
        key,
        validFrom: at(from),
        validTo: null,
        patch: data,
        source: 'seed',
        recordedBy: null,
      });
      return true;
    });
    if (done) created++;
  }
  // The citizen married and moved in June 2024; the registry learnt of it only in 2025.
  await db.transaction(async (tx) => {
    const v = await repo.history(tx, 'population', DEMO.citizen);
    if (v.length !== 1) return;
    const addr = 'Số 8 ngõ 10 phố Kim Mã, phường Ba Đình, Hà Nội';
    await recordChange(tx, new Date('2025-02-01T03:00:00Z'), {
      registry: 'population',
      key: DEMO.citizen,
      validFrom: at('2024-06-01'),
      validTo: null,
      patch: { currentAddress: addr, spouseId: DEMO.spouse },
      source: 'seed',
      recordedBy: null,
    });
  });
  const g = o.generated ? await generateRegistries(db, { persons: o.generated, seed: 7 }) : { inserted: 0 };
  return { demo: created, generated: g.inserted };
}
