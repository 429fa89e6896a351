import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { fileRepository } from '../../../platform/files/index.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import type { PasskeyAssertion } from '../../identity/index.js';
import { periodWindow } from '../periods.js';
import type { ReportingContext } from '../reporting.context.js';
import { assertRole, ROLES } from '../reporting.policy.js';
import { type ObligationRow, reportingRepository as repo, type RegimeRow } from '../reporting.repository.js';
import { computeFormulas, validateValues } from '../template.js';
import { loadObligation, obligationDto } from './obligations.js';

/** JSON with object keys sorted at every depth, two-space indented, one final newline: the same bytes every time. */
export function canonicalJson(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x && typeof x === 'object' && !(x instanceof Date)
        ? Object.fromEntries(
            Object.keys(x as object)
              .sort()
              .map((k) => [k, sort((x as Record<string, unknown>)[k])]),
          )
        : typeof x === 'string'
          ? x.normalize('NFC')
          : x;
  return `${JSON.stringify(sort(v), null, 2)}\n`;
}

async function agencyName(ctx: ReportingContext, code: string) {
  return (await ctx.ports.directory.find(code))?.name ?? code;
}

/**
 * What the leader signs (ADR 0024, addendum "Signature"): the report as canonical JSON — regime,
 * period, agency, receiver, every indicator in template order with its value (formulas computed),
 * every text section, the attachments, the signer and the signing time. Plain UTF-8 a person can read
 * and a receiving deployment can parse; the PDF is a rendering of it, not the signed object.
 */
export async function reportContent(
  ctx: ReportingContext,
  o: ObligationRow,
  regime: RegimeRow,
  signer: { userId: string; name: string; at: Date },
) {
  const values = computeFormulas(regime.template, o.values);
  const doc = {
    type: 'vn.egov.report/1',
    obligation: o.id,
    regime: { code: regime.code, name: regime.name, legalBasis: regime.legalBasis },
    period: { key: o.period, label: periodWindow(o.period)?.label ?? o.period, from: o.periodFrom, to: o.periodTo },
    agency: { code: o.agencyCode, name: await agencyName(ctx, o.agencyCode) },
    receiver: { code: o.receiverCode, name: await agencyName(ctx, o.receiverCode) },
    indicators: regime.template.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      unit: i.unit ?? '',
      value: values[i.code] ?? null,
    })),
    sections: regime.template.sections.map((s) => ({ code: s.code, title: s.title, text: o.texts[s.code] ?? '' })),
    attachments: o.attachments,
    signer: { userId: signer.userId, name: signer.name },
    signedAt: signer.at.toISOString(),
  };
  return Buffer.from(canonicalJson(doc), 'utf8');
}

export interface SignInput {
  certificateId: string;
  otp?: string;
  passkey?: PasskeyAssertion;
  version: number;
}

/**
 * The reporting agency's leader signs the report as it stands, with his person certificate (detached
 * CAdES B-T through the signatures module, confirmed by his own TOTP code or passkey, acr 2) — the
 * path the meetings module's signed opinion answers take. The signed bytes and the `.p7s` are stored
 * as files; a later save clears the signature (the report must be signed again).
 */
export async function signObligation(
  ctx: ReportingContext,
  p: Principal,
  actor: ActorContext,
  id: string,
  i: SignInput,
) {
  assertRole(p, ROLES.submit, 'sign');
  const { o, regime, s } = await loadObligation(ctx, p, id);
  if (!s.own) throw new ForbiddenError('NOT_YOUR_REPORT', 'Only the reporting agency’s leader signs it.', { id });
  if (o.status !== 'open' && o.status !== 'returned')
    throw new ConflictError('OBLIGATION_NOT_OPEN', `The report is ${o.status}.`, { status: o.status });
  if (i.version !== o.version)
    throw new ConflictError('OBLIGATION_CHANGED', 'The report changed since you read it; reload it.', {
      version: o.version,
    });
  // A leader signs a complete report: the submit rules hold before the signature is made.
  const { errors } = validateValues(regime.template, o.values, true);
  if (errors.length) throw new ValidationError(errors);
  const now = ctx.clock.now();
  const content = await reportContent(ctx, o, regime, { userId: p.userId, name: p.fullName, at: now });
  // The signature reads the PKI and spends the TOTP code: before the transaction (as meetings does).
  const p7s = Buffer.from(await ctx.ports.signing.signCadesAsPerson(p, actor, content, i));
  const [c, sig] = await Promise.all([ctx.files.putBuffer(content), ctx.files.putBuffer(p7s)]);
  return ctx.db.transaction(async (tx) => {
    const locked = (await repo.lockObligation(tx, id))!;
    if (locked.version !== o.version || (locked.status !== 'open' && locked.status !== 'returned'))
      throw new ConflictError('OBLIGATION_CHANGED', 'The report changed while it was being signed; sign again.', {
        version: locked.version,
      });
    const name = `bao-cao-${regime.code}-${o.period}-${o.agencyCode}.json`;
    const cf = await fileRepository.insert(tx, {
      ...c,
      mediaType: 'application/json; charset=utf-8',
      name,
      ownerId: p.userId,
    });
    const sf = await fileRepository.insert(tx, {
      ...sig,
      mediaType: 'application/pkcs7-signature',
      name: `${name}.p7s`,
      ownerId: p.userId,
    });
    const version = locked.version + 1;
    const next = await repo.updateObligation(tx, id, {
      signedAt: now,
      signedBy: p.userId,
      signedByName: p.fullName,
      signedVersion: version,
      signedCertificateId: i.certificateId,
      signedContentFileId: cf.id,
      signatureFileId: sf.id,
      version,
      updatedAt: now,
    });
    await repo.addEvent(tx, {
      id: newId('roe'),
      obligationId: id,
      action: 'signed',
      actorId: p.userId,
      actorName: p.fullName,
      at: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'report.signed',
        subjectType: 'report-obligation',
        subjectId: id,
        after: { certificateId: i.certificateId, contentSha256: c.sha256, signatureSha256: sig.sha256 },
      },
      now,
    );
    return obligationDto(next, regime, now);
  });
}

/** The signed report bytes or its `.p7s`, for anyone who may read the report. */
export async function signatureFile(ctx: ReportingContext, p: Principal, id: string, part: 'content' | 'signature') {
  assertRole(p, ROLES.read, 'read');
  const { o } = await loadObligation(ctx, p, id);
  const fileId = part === 'content' ? o.signedContentFileId : o.signatureFileId;
  const f = fileId ? await fileRepository.byId(ctx.db, fileId) : null;
  if (!f) throw new NotFoundError('REPORT_NOT_SIGNED', 'The report has no signature now.', { id });
  return f;
}
