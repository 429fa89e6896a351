import type { Executor } from '../../../platform/db/index.js';
import {
  AppError,
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import type { RegistryCode } from '../db/schema.js';
import { PERSON_FIELDS, PURPOSES, REGISTRIES, type ServiceInfo, serviceByCode } from '../registries.catalog.js';
import type { RegistriesContext } from '../registries.context.js';
import type { ServiceHandler, ServiceRequest } from '../registries-contract.js';
import { readLogged } from './read-batch.js';
import { type ConsentRow, type RecordRow, registriesRepository as repo } from '../registries.repository.js';

/** `VN:GOV:{agency code}:{subsystem}`, the X-Road-style client identifier. */
export const CLIENT_ID = /^VN:GOV:([A-Z]\d{2}(?:\.[0-9A-Z]+)*):([a-z0-9][a-z0-9-]{0,39})$/;

const KEY_FORMATS: Record<RegistryCode, RegExp> = {
  population: /^\d{12}$/,
  business: /^(\d{10}(-\d{3})?|\d{12})$/,
  land: /^[A-Z]\d{2}(\.[0-9A-Z]+)*-\d{1,4}-\d{1,5}$/,
};

/** The personal ID numbers a record's data is about (the data tracker's subjects). */
export function subjectsOf(registry: RegistryCode, data: Record<string, unknown>): string[] {
  const out = new Set<string>();
  for (const f of PERSON_FIELDS[registry]) {
    const v = data[f];
    for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'string' && /^\d{12}$/.test(id)) out.add(id);
  }
  return [...out];
}

function instant(params: Record<string, string>, name: string, now: Date): Date {
  const v = params[name];
  if (!v) return now;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw ValidationError.field(name, 'INVALID_DATE_TIME', 'Give an ISO 8601 instant.');
  return d;
}

function fieldsAsked(registry: RegistryCode, params: Record<string, string>): string[] {
  const all = REGISTRIES[registry].fields;
  if (!params.fields) return [...all];
  const asked = params.fields
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = asked.filter((f) => !all.includes(f));
  if (unknown.length || !asked.length)
    throw ValidationError.field('fields', 'UNKNOWN_REGISTRY_FIELD', `Unknown fields: ${unknown.join(', ')}`);
  return asked;
}

const pick = (data: Record<string, unknown>, fields: string[]) =>
  Object.fromEntries(fields.filter((f) => f in data).map((f) => [f, data[f]]));

/**
 * Who may make this call, before any data is read: a known service, a well-formed client whose
 * agency is the acting official's, a purpose from the service's list, the dossier the purpose
 * names (handled at the official's agency), and for a citizen only his own record with his consent.
 */
async function authorize(ctx: RegistriesContext, s: ServiceInfo, req: ServiceRequest, key: string, known: Known) {
  const client = CLIENT_ID.exec(req.client ?? '');
  if (!client)
    throw new BadRequestError('CLIENT_REQUIRED', 'Name the client subsystem as VN:GOV:{agency}:{subsystem}.');
  if (!req.actor?.accountId) throw new BadRequestError('ACTOR_REQUIRED', 'Name the official or citizen acting.');
  if (!req.purpose?.trim())
    throw new BadRequestError('PURPOSE_REQUIRED', 'Every read names its purpose (mục đích).', {
      purposes: s.purposes,
    });
  const purpose = PURPOSES[req.purpose];
  if (!purpose || !s.purposes.includes(req.purpose))
    throw new ForbiddenError('PURPOSE_NOT_ALLOWED', 'This service is not open for that purpose.', {
      purpose: req.purpose,
      purposes: s.purposes,
    });
  if (req.actor.kind === 'official') {
    if (purpose.selfOnly)
      throw new ForbiddenError('PURPOSE_NOT_ALLOWED', 'Only the person himself reads for this purpose.');
    if (!req.actor.agencyCode || req.actor.agencyCode !== client[1])
      throw new ForbiddenError('CLIENT_AGENCY_MISMATCH', "The client subsystem is not the official's agency.", {
        client: req.client,
      });
    if (purpose.needsDossier) {
      if (!req.dossierCode)
        throw new BadRequestError('DOSSIER_REQUIRED', 'This purpose names the dossier it serves.', {
          purpose: req.purpose,
        });
      const d = await ctx.ports.findDossier(req.dossierCode);
      if (!d) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
      if (
        d.agencyCode !== req.actor.agencyCode &&
        !(await ctx.ports.directory.isWithin(req.actor.agencyCode, d.agencyCode))
      )
        throw new ForbiddenError('DOSSIER_OTHER_AGENCY', 'The dossier is handled by another agency.', {
          dossierCode: d.code,
        });
      // Purpose limitation: only the people, businesses and parcels the dossier names, or the records
      // its result created (a registered child, a household business).
      if (!d.identifiers.includes(key) && !(await repo.effectsOf(ctx.db, d.code)).some((e) => e.recordKey === key))
        throw new ForbiddenError('RECORD_NOT_IN_DOSSIER', 'The dossier does not name this record.', {
          dossierCode: d.code,
        });
    }
    return;
  }
  // A citizen reads only his own data, only for a self-only purpose, and only with recorded consent.
  if (!purpose.selfOnly)
    throw new ForbiddenError('PURPOSE_NOT_ALLOWED', 'Citizens read their own data to prefill forms.');
  const own = known.ownIdNumber ?? (await ctx.ports.verifiedIdNumber(req.actor.accountId));
  if (!own)
    throw new ForbiddenError('IDENTITY_NOT_VERIFIED', 'Prove your identity (VNeID, desk) before reading registries.');
  if (s.registry !== 'population' || key !== own)
    throw new ForbiddenError('NOT_YOUR_RECORD', 'A citizen reads only his own record.');
  const consent =
    known.newConsent && known.newConsent.id === req.consentId
      ? known.newConsent
      : req.consentId
        ? await repo.consentById(ctx.db, req.consentId)
        : null;
  const asked = fieldsAsked(s.registry, req.params ?? {});
  if (
    !consent ||
    consent.accountId !== req.actor.accountId ||
    ctx.clock.now().getTime() - consent.grantedAt.getTime() > CONSENT_TTL_MS ||
    !asked.every((f) => consent.sources.includes(`${s.registry}.${f}`))
  )
    throw new ForbiddenError('CONSENT_REQUIRED', 'Consent to reading these fields first.');
}

/**
 * What the module's own callers already know, so that `serve` does not read it again: the caller's
 * verified ID number (read with his session), and a consent he gives with this very read (prefill),
 * which `serve` checks like a stored one and then records in the read's own statement.
 */
export interface Known {
  ownIdNumber?: string;
  newConsent?: ConsentRow;
}

/** A consent covers the prefill it was given for, not later reads. */
const CONSENT_TTL_MS = 30 * 60_000;

async function delaysFor(
  ctx: RegistriesContext,
  tx: Executor,
  subjects: string[],
  agencyCode: string | undefined,
  at: Date,
) {
  const out = new Map<string, { id: string; endsAt: Date }>();
  if (!agencyCode) return out;
  for (const s of subjects) {
    const d = await repo.delayFor(tx, s, agencyCode, at);
    if (d) out.set(s, { id: d.id, endsAt: d.endsAt });
  }
  return out;
}

/** Who reads and why, as every access-log row of the read keeps it. */
const readBy = (req: ServiceRequest) => ({
  purpose: req.purpose,
  dossierCode: req.dossierCode ?? null,
  client: req.client,
  actorKind: req.actor.kind,
  actorId: req.actor.accountId,
  actorName: req.actor.name ?? null,
  agencyCode: req.actor.agencyCode ?? null,
  consentId: req.consentId ?? null,
});

/** Write one access-log row per person whose data `row` holds (the read's own transaction). */
async function logRead(
  ctx: RegistriesContext,
  tx: Executor,
  s: ServiceInfo,
  req: ServiceRequest,
  rows: RecordRow[],
  fields: string[],
  at: Date,
) {
  const subjects = [...new Set(rows.flatMap((r) => (r.subjects.length ? r.subjects : subjectsOf(s.registry, r.data))))];
  const delays = await delaysFor(ctx, tx, subjects, req.actor.agencyCode, at);
  await repo.logAccess(
    tx,
    subjects.map((subjectId) => ({
      id: newId('rac'),
      at,
      service: s.code,
      registry: s.registry,
      recordKey: rows[0]!.recordKey,
      subjectId,
      fields,
      ...readBy(req),
      delayId: delays.get(subjectId)?.id ?? null,
      hiddenUntil: delays.get(subjectId)?.endsAt ?? null,
    })),
  );
}

const versionView = (r: RecordRow, fields: string[]) => ({
  data: pick(r.data, fields),
  validFrom: r.validFrom.toISOString(),
  validTo: r.validTo?.toISOString() ?? null,
  recordedAt: r.recordedAt.toISOString(),
  supersededAt: r.supersededAt?.toISOString() ?? null,
  /** What recorded this version: `dossier:<code>`, `correction:<id>`, `owner:<account>`, `generator`. */
  cause: r.source,
});

/**
 * The one place a registry is read: checks who asks and why (before any transaction: the checks ask
 * other modules), then reads and writes the data-access log in one transaction. Throws AppErrors;
 * `handlerFor` turns them into the gateway's {status, body}.
 */
export async function serve(ctx: RegistriesContext, req: ServiceRequest, known: Known = {}) {
  const s = serviceByCode(req.service);
  if (!s) throw new NotFoundError('SERVICE_NOT_FOUND', 'No such registry service.', { service: req.service });
  const params = req.params ?? {};
  const key = params[s.keyParam]?.trim() ?? '';
  // A consent given with the read is recorded by the read's statement, which only a record read has.
  if (known.newConsent && s.kind !== 'record') throw new Error(`serve: a new consent comes with a record read`);
  await authorize(ctx, s, req, key, known);
  if (!KEY_FORMATS[s.registry].test(key))
    throw ValidationError.field(s.keyParam, 'INVALID_RECORD_KEY', `Give a valid ${s.keyParam}.`);
  const now = ctx.clock.now();
  const registry = REGISTRIES[s.registry];
  const source = { registry: registry.code, name: registry.name, ownerAgencyCode: registry.ownerAgencyCode };
  const run = async (t: Executor) => {
    if (s.kind === 'history') {
      const fields = fieldsAsked(s.registry, params);
      const versions = await repo.history(t, s.registry, key);
      if (!versions.length) throw new NotFoundError('RECORD_NOT_FOUND', 'No such record.', { key });
      await logRead(ctx, t, s, req, versions, fields, now);
      return { key, source, versions: versions.map((v) => versionView(v, fields)) };
    }
    const validAt = instant(params, 'validAt', now);
    const knownAt = params.knownAt ? instant(params, 'knownAt', now) : null;
    const lookupAt = {
      registry: s.registry,
      key,
      validAt,
      knownAt,
      // Versions recorded without subjects (bulk-generated people) are about the person himself.
      fallbackSubjects: s.registry === 'population' ? [key] : [],
    };
    // A current read goes out with the reads beside it (group commit, read-batch.ts); a read as known
    // at a past instant alone.
    const readAndLog = (
      q: typeof lookupAt,
      log: ReturnType<typeof logOf>,
      consent?: ConsentRow,
    ): Promise<RecordRow | null> =>
      q.knownAt === null && t === ctx.db
        ? readLogged(ctx.db, { q, log, consent })
        : repo.readAndLog(t, q, log, consent);
    const logOf = (fields: string[]) => ({
      // Enough ids for every subject a record names: one person for a person or a business (its
      // representative), up to 32 holders of a parcel.
      ids: Array.from({ length: s.registry === 'land' ? 32 : 1 }, () => newId('rac')),
      at: now,
      service: s.code,
      fields,
      ...readBy(req),
    });
    if (s.kind === 'check') {
      const claims = Object.fromEntries(
        Object.entries(params)
          .filter(([k]) => k.startsWith('claim.'))
          .map(([k, v]) => [k.slice(6), v]),
      );
      const fields = Object.keys(claims);
      if (!fields.length) throw ValidationError.field('claims', 'REQUIRED', 'Name the values to check.');
      fieldsAsked(s.registry, { fields: fields.join(',') });
      const r = await readAndLog(lookupAt, logOf(fields));
      if (!r) return { key, source, found: false, matches: {} };
      const norm = (v: unknown) =>
        String(v ?? '')
          .normalize('NFC')
          .trim()
          .toLocaleLowerCase('vi');
      return {
        key,
        source,
        found: true,
        matches: Object.fromEntries(fields.map((f) => [f, norm(r.data[f]) === norm(claims[f])])),
      };
    }
    const fields = fieldsAsked(s.registry, params);
    const r = await readAndLog(lookupAt, logOf(fields), known.newConsent);
    if (!r) throw new NotFoundError('RECORD_NOT_FOUND', 'No such record at that time.', { key });
    return { key, source, ...versionView(r, fields) };
  };
  // A history is a read then a log insert (a transaction); a record or a check is one statement.
  return s.kind === 'history' ? ctx.db.transaction(run) : run(ctx.db);
}

/** A gateway handler: the same checks and log, errors as problem bodies instead of throws. */
export function handlerFor(ctx: RegistriesContext, service: string): ServiceHandler {
  return async (req) => {
    try {
      return { status: 200, body: await serve(ctx, { ...req, service }) };
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      return {
        status: e.status,
        body: {
          type: 'about:blank',
          title: e.message,
          status: e.status,
          code: e.code,
          detail: e.message,
          ...(Object.keys(e.params).length ? { params: e.params } : {}),
          ...(e.errors ? { errors: e.errors } : {}),
        },
      };
    }
  };
}
