import { randomInt } from 'node:crypto';
import type { Executor } from '../../../platform/db/index.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { recordAudit } from '../../audit/index.js';
import { addressLine } from '../../directory/index.js';
import { REGISTRIES_EFFECT_JOB, type FinishedDossier } from '../registries-contract.js';
import type { RegistriesContext } from '../registries.context.js';
import { registriesRepository as repo } from '../registries.repository.js';
import { provinceByCode, taxCheckDigit } from '../vn-data.js';
import { recordChange } from './versions.js';

/** Procedures whose result changes a registry (national TTHC codes). */
export const BIRTH_REGISTRATION = '1.001193';
export const HOUSEHOLD_BUSINESS = '1.001612';
const EFFECT_PROCEDURES = new Set([BIRTH_REGISTRATION, HOUSEHOLD_BUSINESS]);

/** In the dossier's finishing transaction: enqueue the effect (durable, once per dossier). */
export async function dossierFinished(tx: Executor, d: FinishedDossier) {
  if (!EFFECT_PROCEDURES.has(d.procedureCode)) return;
  await enqueueJob(tx, REGISTRIES_EFFECT_JOB, { ...d }, { dedupeKey: `registries-effect:${d.code}` });
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().normalize('NFC') : null);
const id12 = (v: unknown) => (typeof v === 'string' && /^\d{12}$/.test(v) ? v : null);

/** A new personal ID number for a child registered in a province (PPP of the province, G, YY, sequence). */
async function newChildId(tx: Executor, agencyCode: string, dateOfBirth: string, sex: 'male' | 'female') {
  const prov = provinceByCode(agencyCode.split('.')[0]!);
  const ppp = prov?.idCodes[0] ?? '001';
  const year = Number(dateOfBirth.slice(0, 4));
  const g = (Math.floor(year / 100) - 19) * 2 + (sex === 'female' ? 1 : 0);
  for (let i = 0; i < 20; i++) {
    const id = `${ppp}${g}${String(year % 100).padStart(2, '0')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    if (!(await repo.history(tx, 'population', id)).length) return id;
  }
  throw new Error('no free personal ID number');
}

/**
 * The job: apply a finished dossier's effect once (effects table), as that dossier's change
 * (`source = dossier:<code>`), with an audit event naming the dossier.
 */
export async function applyDossierEffect(ctx: RegistriesContext, d: FinishedDossier) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const f = d.formData;
    let registry: 'population' | 'business';
    let key: string;
    let data: Obj;
    let validFrom: Date;
    if (d.procedureCode === BIRTH_REGISTRATION) {
      const child = obj(f.child);
      const mother = obj(f.mother);
      const father = obj(f.father);
      const dob = str(child.dateOfBirth) ?? d.finishedAt.slice(0, 10);
      const sex = child.gender === 'female' ? 'female' : 'male';
      registry = 'population';
      key = await newChildId(tx, d.agencyCode, dob, sex);
      const motherId = id12(mother.idNumber);
      const mum = motherId ? await repo.recordAt(tx, 'population', motherId, now, null) : null;
      const residence =
        addressLine(mother.residence)?.normalize('NFC') ?? (mum?.data.permanentAddress as string | undefined) ?? null;
      data = {
        idNumber: key,
        fullName: str(child.fullName),
        dateOfBirth: dob,
        sex,
        placeOfBirth: str(child.placeOfBirth),
        ethnicity: str(child.ethnicity) ?? 'Kinh',
        nationality: str(child.nationality) ?? 'Việt Nam',
        permanentAddress: residence,
        currentAddress: residence,
        provinceCode: d.agencyCode.split('.')[0],
        communeCode: d.agencyCode,
        fatherId: id12(father.idNumber),
        motherId,
        spouseId: null,
        householdId: (mum?.data.householdId as string | undefined) ?? null,
        householdRelation: 'child',
      };
      validFrom = new Date(`${dob}T00:00:00+07:00`);
    } else {
      const owner = obj(f.owner);
      registry = 'business';
      let seq = Number.parseInt(d.code.replace(/\D/g, '').slice(-7), 10) || randomInt(0, 9_999_999);
      let code: string | null = null;
      for (; !code; seq = (seq + 1) % 10_000_000) {
        const first9 = `80${String(seq).padStart(7, '0')}`;
        const c = taxCheckDigit(first9);
        if (c !== null && !(await repo.history(tx, 'business', `${first9}${c}`)).length) code = `${first9}${c}`;
      }
      key = code;
      data = {
        taxCode: key,
        name: str(f.businessName),
        type: 'Hộ kinh doanh',
        legalRepresentativeId: id12(owner.idNumber),
        legalRepresentativeName: str(owner.fullName),
        headOffice: addressLine(f.headOffice)?.normalize('NFC') ?? null,
        provinceCode: d.agencyCode.split('.')[0],
        status: 'active',
        charterCapital: typeof f.capital === 'number' ? f.capital : null,
        registeredOn: d.finishedAt.slice(0, 10),
      };
      validFrom = new Date(d.finishedAt);
    }
    if (
      !(await repo.claimEffect(tx, { dossierCode: d.code, effect: registry, registry, recordKey: key, appliedAt: now }))
    )
      return;
    await recordChange(tx, now, {
      registry,
      key,
      validFrom,
      validTo: null,
      patch: data,
      source: `dossier:${d.code}`,
      recordedBy: d.actorId,
    });
    await recordAudit(
      tx,
      { actorId: d.actorId, actorName: d.actorName, agencyCode: d.agencyCode, ip: null, userAgent: null },
      {
        action: 'registries.record.created-by-dossier',
        subjectType: `registry_${registry}`,
        subjectId: key,
        after: { dossierCode: d.code, procedureCode: d.procedureCode },
      },
      now,
    );
  });
}
