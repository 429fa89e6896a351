import { z } from 'zod';
import { type ActorContext, type Principal, systemActor } from '../../../platform/http/auth.js';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../platform/http/errors.js';
import { fileRepository } from '../../../platform/files/index.js';
import { withIdempotency } from '../../../platform/idempotency/index.js';
import { newId } from '../../../platform/ids/index.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { recordAudit } from '../../audit/index.js';
import type { ReceivedStatus } from '../db/schema.js';
import {
  DELIVER_STATUS_JOB,
  FEDERATION_REPORTS_PATH,
  FEDERATION_STATUSES_PATH,
  RELAY_JOB,
} from '../reporting-contract.js';
import type { ReportingContext } from '../reporting.context.js';
import { assertRole, covers, isAdmin, ROLES } from '../reporting.policy.js';
import { type ReceivedRow, reportingRepository as repo } from '../reporting.repository.js';
import { DELIVERY_ATTEMPTS, mailAgency, obligationDto, recipientsOf, remotePeer, UNSIGNED } from './obligations.js';

/**
 * Reports across deployments (ADR 0024, "Reports across deployments"): a submitted report whose
 * receiver another deployment serves goes there as its signed canonical JSON and `.p7s` over the
 * exchange's signed HTTP; the receiver checks who sent it and the leader's signature, keeps it once,
 * and sends its acceptance or return back. No second transport, no edXML: a report is not an
 * administrative document and does not enter the receiver's register.
 */

const REPORT_KIND = 'vn.egov.report/1';
const STATUS_KIND = 'vn.egov.report-status/1';
/** How long one delivery attempt waits for the peer; the job retries with backoff after it. */
const PEER_TIMEOUT_MS = 30_000;
const OBLIGATION_ID = /^rob_[0-9a-z]{26}$/;
const base64 = z
  .string()
  .min(1)
  .max(8 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');

const reportPackage = z.object({
  kind: z.literal(REPORT_KIND),
  obligationId: z.string().regex(OBLIGATION_ID),
  origin: z.string().min(1).max(64),
  content: base64,
  signature: base64,
  submittedAt: z.iso.datetime(),
  late: z.boolean(),
});

const statusMessage = z.object({
  kind: z.literal(STATUS_KIND),
  obligationId: z.string().regex(OBLIGATION_ID),
  status: z.enum(['accepted', 'returned']),
  comment: z.string().max(2000).nullable(),
  decidedAt: z.iso.datetime(),
  decidedByName: z.string().max(200),
  /** The submission decided on: a decision about an earlier submission changes nothing. */
  submittedAt: z.iso.datetime(),
  /**
   * The reporting agency and the receiver: the hub finds where to relay the decision by the first and
   * checks by the second that its sender serves the receiver; the origin checks the second again.
   * Optional: a decision sent straight from the hub's own receiver may omit them.
   */
  agency: z.string().min(1).max(35).optional(),
  receiver: z.string().min(1).max(35).optional(),
});
type StatusMessage = z.infer<typeof statusMessage>;

/** The signed report as the receiver reads it (the fields it uses; the bytes stay as signed). */
const signedReport = z.object({
  type: z.literal(REPORT_KIND),
  obligation: z.string(),
  regime: z.object({ code: z.string().min(1).max(32), name: z.string(), legalBasis: z.string() }),
  period: z.object({ key: z.string().min(1).max(16), label: z.string(), from: z.string(), to: z.string() }),
  agency: z.object({ code: z.string().min(1).max(35), name: z.string() }),
  receiver: z.object({ code: z.string().min(1).max(35), name: z.string() }),
  indicators: z.array(z.object({ code: z.string(), name: z.string(), unit: z.string(), value: z.number().nullable() })),
  sections: z.array(z.object({ code: z.string(), title: z.string(), text: z.string() })),
  signer: z.object({ userId: z.string(), name: z.string() }),
  signedAt: z.iso.datetime(),
});
type SignedReport = z.infer<typeof signedReport>;

function parseJson<T>(schema: z.ZodType<T>, body: Buffer, prefix = ''): T {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError(400, 'MALFORMED_JSON', 'The body is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        path: `${prefix}${i.path.join('.')}`,
        code: 'INVALID',
        message: i.message,
      })),
    );
  return parsed.data;
}

/** A failed delivery attempt: the job runner retries it with backoff. */
class DeliveryFailed extends Error {}

async function postOrThrow(ctx: ReportingContext, agencyCode: string, path: string, body: unknown) {
  const peer = await remotePeer(ctx, agencyCode);
  if (!peer) return null;
  const res = await ctx.ports.federation.post(peer, path, Buffer.from(JSON.stringify(body)), PEER_TIMEOUT_MS);
  if (res.status < 200 || res.status > 299)
    throw new DeliveryFailed(
      `${peer.id} answered HTTP ${res.status} ${typeof res.body?.code === 'string' ? res.body.code : ''}`.trim(),
    );
  return peer;
}

// ---- at the reporting agency's deployment ----

/**
 * The `reporting.deliver` job: POST the submitted report (signed JSON + `.p7s`) to the deployment
 * that serves its receiver. A network error or a non-2xx answer throws (retried with backoff); a 2xx,
 * including "already had it", ends it. A submission superseded meanwhile is not sent.
 */
export async function deliverReport(ctx: ReportingContext, id: string, submittedAt: string) {
  const o = await repo.obligation(ctx.db, id);
  if (!o || o.submittedAt?.toISOString() !== submittedAt || !o.signedContentFileId || !o.signatureFileId) return;
  const [c, s] = await Promise.all([
    fileRepository.byId(ctx.db, o.signedContentFileId),
    fileRepository.byId(ctx.db, o.signatureFileId),
  ]);
  if (!c || !s) throw new Error(`report ${id}: the signed files are missing`);
  const [content, signature] = await Promise.all([ctx.files.read(c.sha256), ctx.files.read(s.sha256)]);
  const peer = await postOrThrow(ctx, o.receiverCode, FEDERATION_REPORTS_PATH, {
    kind: REPORT_KIND,
    obligationId: o.id,
    origin: ctx.ports.federation.selfId,
    content: content.toString('base64'),
    signature: signature.toString('base64'),
    submittedAt,
    late: o.late,
  });
  if (!peer) return;
  await repo.addEvent(ctx.db, {
    id: newId('roe'),
    obligationId: id,
    action: 'delivered',
    actorName: 'Hệ thống',
    at: ctx.clock.now(),
  });
}

/**
 * A decision on a report of ours, from the deployment that serves its receiver: applied once
 * (a decision already applied, or about an earlier submission, is acknowledged and changes nothing);
 * a return clears the signature as a local return does.
 */
export async function receiveStatus(ctx: ReportingContext, peerId: string, body: Buffer) {
  const m = parseJson(statusMessage, body);
  const o0 = await repo.obligation(ctx.db, m.obligationId);
  if (!o0 && ctx.ports.federation.relays && m.agency && m.receiver) return relayStatus(ctx, peerId, m);
  if (!o0) throw new NotFoundError('OBLIGATION_NOT_FOUND', `No report obligation ${m.obligationId}.`);
  if (
    (m.receiver !== undefined && m.receiver !== o0.receiverCode) ||
    !(await remotePeer(ctx, o0.receiverCode)) ||
    !(await ctx.ports.federation.speaksFor(peerId, o0.receiverCode))
  )
    throw new ForbiddenError('REPORT_PEER_NOT_RECEIVER', 'The signing deployment does not serve the receiver.', {
      peer: peerId,
      receiver: o0.receiverCode,
    });
  const regime = (await repo.regimeById(ctx.db, o0.regimeId))!;
  const staff = m.status === 'returned' ? await recipientsOf(ctx, o0.agencyCode) : [];
  return ctx.db.transaction(async (tx) => {
    const o = (await repo.lockObligation(tx, m.obligationId))!;
    if (o.submittedAt?.toISOString() !== new Date(m.submittedAt).toISOString())
      return { applied: false, reason: 'superseded' };
    if (o.status === m.status) return { applied: false, reason: 'already' };
    if (o.status !== 'submitted')
      throw new ConflictError('OBLIGATION_NOT_SUBMITTED', `The report is ${o.status}.`, { status: o.status });
    const now = ctx.clock.now();
    const decidedAt = new Date(m.decidedAt);
    const comment = m.comment?.normalize('NFC') ?? null;
    const next = await repo.updateObligation(tx, o.id, {
      ...(m.status === 'accepted'
        ? { status: 'accepted' as const, decidedAt }
        : { status: 'returned' as const, decidedAt, returnComment: comment, ...UNSIGNED }),
      decidedBy: null,
      version: o.version + 1,
      updatedAt: now,
    });
    const actorName = m.decidedByName || null;
    await repo.addEvent(tx, {
      id: newId('roe'),
      obligationId: o.id,
      action: m.status,
      actorName,
      comment,
      at: decidedAt,
    });
    await recordAudit(
      tx,
      { ...systemActor, actorName: `peer ${peerId}` },
      {
        action: `report.${m.status}`,
        subjectType: 'report-obligation',
        subjectId: o.id,
        before: { status: o.status },
        after: { status: next.status, by: actorName, via: peerId },
      },
      now,
    );
    if (m.status === 'returned')
      await mailAgency(ctx, tx, staff, next, regime, `Báo cáo bị trả lại: ${regime.name}`, comment ?? '');
    return { applied: true, obligation: obligationDto(next, regime, now).status };
  });
}

// ---- at the receiver's deployment ----

function readContent(r: ReceivedRow): SignedReport {
  return signedReport.parse(JSON.parse(Buffer.from(r.content, 'base64').toString('utf8')));
}

/**
 * A report arriving from the reporting agency's deployment: the request is signed by a deployment
 * that speaks for the reporting agency, the receiver is served here, the leader's CAdES signature is
 * of these bytes and chains to a root of the federation. Stored once per (origin, obligation).
 */
export async function receiveReport(ctx: ReportingContext, peerId: string, body: Buffer) {
  const pkg = parseJson(reportPackage, body);
  const content = Buffer.from(pkg.content, 'base64');
  const signature = Buffer.from(pkg.signature, 'base64');
  const report = parseJson(signedReport, content, 'content.');
  if (report.obligation !== pkg.obligationId)
    throw ValidationError.field('content.obligation', 'MISMATCH', 'The signed report is of another obligation.');
  const agency = report.agency.code;
  if (
    (await ctx.ports.federation.peerOf(agency)) === 'local' ||
    !(await ctx.ports.federation.speaksFor(peerId, agency))
  )
    throw new ForbiddenError(
      'REPORT_PEER_NOT_REPORTING_AGENCY',
      'The signing deployment does not serve the reporting agency.',
      {
        peer: peerId,
        agency,
      },
    );
  // The hub relays a report whose receiver a node serves; a node keeps only what it serves.
  const far = await remotePeer(ctx, report.receiver.code);
  if (!(await ctx.ports.directory.find(report.receiver.code)) || (far && !ctx.ports.federation.relays))
    throw new NotFoundError('REPORT_RECEIVER_NOT_HERE', 'This deployment does not serve the receiver.', {
      receiver: report.receiver.code,
    });
  // Checked at the hub too, so that a bad signature is refused to its sender rather than dead-lettered.
  const check = await ctx.ports.signing.validateBytes(signature, { detachedContent: content });
  const sig = check.signatures[0];
  if (check.indication !== 'TOTAL_PASSED' || !sig || sig.format !== 'CAdES')
    throw new AppError(422, 'REPORT_SIGNATURE_INVALID', 'The leader’s signature does not verify over the report.', {
      indication: check.indication,
      subIndication: check.subIndication,
      reason: sig?.messages[0] ?? null,
    });
  if (far) {
    await enqueueRelay(ctx, `report-relay:${pkg.origin}:${pkg.obligationId}:${pkg.submittedAt}`, {
      path: FEDERATION_REPORTS_PATH,
      to: report.receiver.code,
      from: peerId,
      obligationId: pkg.obligationId,
      body: pkg,
    });
    return { stored: false, relayed: true };
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.receiveReport(tx, {
      id: newId('rrr'),
      origin: pkg.origin,
      obligationId: pkg.obligationId,
      regimeCode: report.regime.code,
      period: report.period.key,
      agencyCode: agency,
      receiverCode: report.receiver.code,
      content: pkg.content,
      signature: pkg.signature,
      signedByName: report.signer.name,
      signedAt: new Date(report.signedAt),
      submittedAt: new Date(pkg.submittedAt),
      late: pkg.late,
      status: 'submitted',
      receivedAt: now,
      updatedAt: now,
    });
    if (!row) return { stored: false };
    await recordAudit(
      tx,
      { ...systemActor, actorName: `peer ${peerId}` },
      {
        action: 'report.received',
        subjectType: 'received-report',
        subjectId: row.id,
        after: { origin: pkg.origin, obligationId: pkg.obligationId, agency, signer: report.signer.name },
      },
      now,
    );
    return { stored: true, id: row.id };
  });
}

/** The figures of a received report as the leader signed them, by indicator code. */
export function signedValues(content: string): Record<string, number | null> {
  const c = signedReport.parse(JSON.parse(Buffer.from(content, 'base64').toString('utf8')));
  return Object.fromEntries(c.indicators.map((i) => [i.code, i.value]));
}

function receivedDto(r: ReceivedRow) {
  const c = readContent(r);
  return {
    id: r.id,
    origin: r.origin,
    regime: { code: c.regime.code, name: c.regime.name },
    period: c.period.key,
    periodLabel: c.period.label,
    periodFrom: c.period.from,
    periodTo: c.period.to,
    agency: c.agency,
    receiver: c.receiver,
    status: r.status,
    late: r.late,
    submittedAt: r.submittedAt,
    signedByName: r.signedByName,
    signedAt: r.signedAt,
    decidedAt: r.decidedAt,
    decidedByName: r.decidedByName,
    returnComment: r.returnComment,
  };
}

/** Reports from other deployments to the caller's agency or the units below it (an admin: all). */
export async function listReceived(
  ctx: ReportingContext,
  p: Principal,
  q: { status?: ReceivedStatus; page: number; pageSize: number },
) {
  assertRole(p, ROLES.read, 'read');
  const receivers = isAdmin(p) ? null : p.agencyCode ? await ctx.ports.directory.subtreeCodes(p.agencyCode) : [];
  const r = await repo.listReceived(ctx.db, { receivers, ...q });
  return { items: r.items.map(receivedDto), total: r.total, page: q.page, pageSize: q.pageSize };
}

async function loadReceived(ctx: ReportingContext, p: Principal, id: string) {
  const r = await repo.receivedReport(ctx.db, id);
  if (!r || !(await covers(ctx, p, r.receiverCode)))
    throw new NotFoundError('RECEIVED_REPORT_NOT_FOUND', `No received report ${id}.`, { id });
  return r;
}

/** One received report: its figures and texts as the leader signed them. */
export async function getReceived(ctx: ReportingContext, p: Principal, id: string) {
  assertRole(p, ROLES.read, 'read');
  const r = await loadReceived(ctx, p, id);
  const c = readContent(r);
  return {
    ...receivedDto(r),
    regime: { code: c.regime.code, name: c.regime.name, legalBasis: c.regime.legalBasis },
    indicators: c.indicators,
    sections: c.sections,
    access: { decide: p.agencyCode === r.receiverCode && ROLES.decide.some((x) => p.roles.includes(x)) },
  };
}

/** The signed bytes or the `.p7s` of a received report, as they arrived. */
export async function receivedFile(ctx: ReportingContext, p: Principal, id: string, part: 'content' | 'signature') {
  assertRole(p, ROLES.read, 'read');
  const r = await loadReceived(ctx, p, id);
  const name = `bao-cao-${r.regimeCode}-${r.period}-${r.agencyCode}.json`;
  return part === 'content'
    ? { bytes: Buffer.from(r.content, 'base64'), mediaType: 'application/json; charset=utf-8', name }
    : { bytes: Buffer.from(r.signature, 'base64'), mediaType: 'application/pkcs7-signature', name: `${name}.p7s` };
}

/**
 * The receiver accepts or returns (with a comment) a report from another deployment; the decision is
 * sent back by a job (retried). With an Idempotency-Key a retry answers the first answer.
 */
export async function decideReceived(
  ctx: ReportingContext,
  p: Principal,
  actor: ActorContext,
  id: string,
  a: { action: 'accept' } | { action: 'return'; comment: string },
  idempotencyKey?: string,
) {
  assertRole(p, ROLES.decide, a.action);
  const r0 = await loadReceived(ctx, p, id);
  if (p.agencyCode !== r0.receiverCode)
    throw new ForbiddenError('NOT_THE_RECEIVER', 'Only the receiving agency accepts or returns it.', { id });
  const work = async (tx: Parameters<Parameters<typeof ctx.db.transaction>[0]>[0]) => {
    const r = (await repo.lockReceived(tx, id))!;
    if (r.status !== 'submitted')
      throw new ConflictError('OBLIGATION_NOT_SUBMITTED', `The report is ${r.status}.`, { status: r.status });
    const now = ctx.clock.now();
    const status: ReceivedStatus = a.action === 'accept' ? 'accepted' : 'returned';
    const comment = a.action === 'return' ? a.comment.normalize('NFC') : null;
    const next = await repo.updateReceived(tx, id, {
      status,
      decidedAt: now,
      decidedBy: p.userId,
      decidedByName: p.fullName,
      returnComment: comment,
      updatedAt: now,
    });
    await enqueueJob(
      tx,
      DELIVER_STATUS_JOB,
      { id },
      { dedupeKey: `report-status:${id}:${now.getTime()}`, maxAttempts: DELIVERY_ATTEMPTS },
    );
    await recordAudit(
      tx,
      actor,
      {
        action: `report.${status}`,
        subjectType: 'received-report',
        subjectId: id,
        before: { status: r.status },
        after: { status, origin: r.origin, obligationId: r.obligationId },
      },
      now,
    );
    return { status: 200, body: receivedDto(next) };
  };
  if (idempotencyKey) {
    const res = await withIdempotency(
      ctx.db,
      `reporting.received:${id}`,
      idempotencyKey,
      { id, ...a, by: p.userId },
      work,
    );
    // A replay answers the stored answer's report as it stands (the stored JSON has no Date objects).
    return res.replayed ? receivedDto((await repo.receivedReport(ctx.db, id))!) : res.body;
  }
  return (await ctx.db.transaction(work)).body;
}

/** The `reporting.deliver-status` job: the decision back to the reporting agency's deployment. */
export async function deliverStatus(ctx: ReportingContext, id: string) {
  const r = await repo.receivedReport(ctx.db, id);
  if (!r || r.status === 'submitted' || !r.decidedAt) return;
  await postOrThrow(ctx, r.agencyCode, FEDERATION_STATUSES_PATH, {
    kind: STATUS_KIND,
    obligationId: r.obligationId,
    status: r.status,
    comment: r.returnComment,
    decidedAt: r.decidedAt.toISOString(),
    decidedByName: r.decidedByName ?? '',
    submittedAt: r.submittedAt.toISOString(),
    agency: r.agencyCode,
    receiver: r.receiverCode,
  } satisfies StatusMessage);
}

// ---- at the hub, between two nodes ----

interface RelayPayload {
  path: typeof FEDERATION_REPORTS_PATH | typeof FEDERATION_STATUSES_PATH;
  /** The agency whose deployment it goes to. */
  to: string;
  /** The node it came from. */
  from: string;
  obligationId: string;
  body: unknown;
}

async function enqueueRelay(ctx: ReportingContext, dedupeKey: string, p: RelayPayload) {
  await enqueueJob(ctx.db, RELAY_JOB, { ...p }, { dedupeKey, maxAttempts: DELIVERY_ATTEMPTS });
}

/**
 * A decision from the node that serves the receiver, about a report of another node: the sender must
 * serve the receiver it names (the origin checks that name against its obligation again).
 */
async function relayStatus(ctx: ReportingContext, peerId: string, m: StatusMessage) {
  const { agency, receiver } = m as Required<StatusMessage>;
  if (!(await ctx.ports.federation.speaksFor(peerId, receiver)))
    throw new ForbiddenError('REPORT_PEER_NOT_RECEIVER', 'The signing deployment does not serve the receiver.', {
      peer: peerId,
      receiver,
    });
  if (!(await remotePeer(ctx, agency)))
    throw new NotFoundError('OBLIGATION_NOT_FOUND', `No report obligation ${m.obligationId}.`);
  await enqueueRelay(ctx, `report-relay-status:${m.obligationId}:${m.submittedAt}:${m.decidedAt}`, {
    path: FEDERATION_STATUSES_PATH,
    to: agency,
    from: peerId,
    obligationId: m.obligationId,
    body: m,
  });
  return { applied: false, relayed: true };
}

/**
 * The `reporting.relay` job: the hub passes a report or a decision, as it arrived, to the node that now
 * serves its addressee, signed by the hub (nodes trust only the hub's key). Retried with backoff; the
 * receiving end keeps it once.
 */
export async function relay(ctx: ReportingContext, payload: Record<string, unknown>) {
  const p = payload as unknown as RelayPayload;
  if (p.path !== FEDERATION_REPORTS_PATH && p.path !== FEDERATION_STATUSES_PATH)
    throw new Error(`relay: unknown path ${String(p.path)}`);
  const peer = await postOrThrow(ctx, p.to, p.path, p.body);
  if (!peer) throw new DeliveryFailed(`no other deployment serves ${p.to} now`);
  await recordAudit(
    ctx.db,
    { ...systemActor, actorName: 'Hệ thống' },
    {
      action: p.path === FEDERATION_REPORTS_PATH ? 'report.relayed' : 'report.decision_relayed',
      subjectType: 'report-obligation',
      subjectId: p.obligationId,
      after: { from: p.from, to: peer.id },
    },
    ctx.clock.now(),
  );
}
