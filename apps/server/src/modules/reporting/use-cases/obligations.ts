import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { withIdempotency } from '../../../platform/idempotency/index.js';
import { newId } from '../../../platform/ids/index.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { queueMail } from '../../../platform/mail/index.js';
import { fromVnWallClock, vnIsoDate } from '../../../platform/time/vn-time.js';
import { recordAudit } from '../../audit/index.js';
import type { ObligationStatus } from '../db/schema.js';
import { periodDueOn, periodicityOf, periodWindow } from '../periods.js';
import { DELIVER_JOB, OPEN_PERIODS_JOB, REMIND_JOB } from '../reporting-contract.js';
import type { ReportingContext } from '../reporting.context.js';
import { assertRole, isAdmin, notFound, ROLES, standing } from '../reporting.policy.js';
import { type ObligationRow, reportingRepository as repo, type RegimeRow } from '../reporting.repository.js';
import { computeFormulas, validateValues } from '../template.js';
import { getRegime } from './regimes.js';

/** The agencies of a regime that report: the subtree of its root, narrowed to its levels. */
export async function reportingAgencies(ctx: ReportingContext, regime: RegimeRow) {
  const codes = await ctx.ports.directory.subtreeCodes(regime.reportingRoot);
  const out: string[] = [];
  for (const c of codes) {
    const a = await ctx.ports.directory.find(c);
    if (a && a.active !== false && (!regime.reportingLevels.length || regime.reportingLevels.includes(a.level)))
      out.push(c);
  }
  return out;
}

/** The deadline: `deadlineDays` working days after the cut-off day, at the close of that day. */
export function deadlineOf(ctx: ReportingContext, regime: RegimeRow, periodTo: string) {
  const [y, m, d] = periodTo.split('-').map(Number) as [number, number, number];
  return ctx.ports.calendar.dueDate(fromVnWallClock(y, m, d, 12), regime.deadlineDays);
}

/**
 * Open one obligation per reporting agency for a period (idempotent: a unique key per regime,
 * period and agency). Each reports to its nearest reporting ancestor, else to the receiving agency;
 * a reminder job waits for the deadline.
 */
export async function openPeriod(
  ctx: ReportingContext,
  regimeCode: string,
  period: string,
  window?: { from: string; to: string },
  actor?: ActorContext,
) {
  const regime = await getRegime(ctx, regimeCode);
  const kind = periodicityOf(period);
  if (!kind || kind !== regime.periodicity)
    throw ValidationError.field('period', 'PERIOD_MISMATCH', `${period} is not a ${regime.periodicity} period.`);
  const w = kind === 'ad_hoc' ? window : periodWindow(period);
  if (!w) throw ValidationError.field('to', 'REQUIRED', 'An ad hoc period needs its from and to dates.');
  const agencies = await reportingAgencies(ctx, regime);
  const set = new Set(agencies);
  const dueAt = deadlineOf(ctx, regime, w.to);
  const now = ctx.clock.now();
  const rows: Parameters<typeof repo.insertObligations>[1] = [];
  for (const code of agencies) {
    const up = (await ctx.ports.directory.lineage(code)).slice(1).find((a) => set.has(a.code));
    rows.push({
      id: newId('rob'),
      regimeId: regime.id,
      period,
      periodFrom: w.from,
      periodTo: w.to,
      agencyCode: code,
      receiverCode: up?.code ?? regime.receivingAgency,
      status: 'open' as const,
      dueAt,
      createdAt: now,
      updatedAt: now,
    });
  }
  return ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertObligations(tx, rows);
    for (const o of inserted)
      await enqueueJob(tx, REMIND_JOB, { id: o.id }, { runAt: o.dueAt, dedupeKey: `report-remind:${o.id}` });
    if (actor && inserted.length)
      await recordAudit(
        tx,
        actor,
        {
          action: 'report-period.opened',
          subjectType: 'report-regime',
          subjectId: regime.code,
          after: { period, opened: inserted.length },
        },
        now,
      );
    return { opened: inserted.length, dueAt };
  });
}

/** Daily: open the period each periodic regime is due for today, then schedule tomorrow's run. */
export async function openDuePeriods(ctx: ReportingContext) {
  const today = vnIsoDate(ctx.clock.now());
  for (const r of await repo.regimes(ctx.db)) {
    if (!r.active) continue;
    const period = periodDueOn(r.periodicity, today);
    if (period) await openPeriod(ctx, r.code, period);
  }
  await scheduleOpenPeriods(ctx);
}

export async function scheduleOpenPeriods(ctx: ReportingContext) {
  const today = vnIsoDate(ctx.clock.now());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const next = fromVnWallClock(y, m, d + 1, 0, 30);
  await enqueueJob(ctx.db, OPEN_PERIODS_JOB, {}, { runAt: next, dedupeKey: `report-open:${vnIsoDate(next)}` });
}

export function obligationDto(o: ObligationRow, regime: RegimeRow, now: Date) {
  return {
    id: o.id,
    regime: {
      code: regime.code,
      name: regime.name,
      periodicity: regime.periodicity,
      signatureRequired: regime.signatureRequired,
    },
    period: o.period,
    periodLabel: periodWindow(o.period)?.label ?? o.period,
    periodFrom: o.periodFrom,
    periodTo: o.periodTo,
    agencyCode: o.agencyCode,
    receiverCode: o.receiverCode,
    status: o.status,
    values: computeFormulas(regime.template, o.values),
    texts: o.texts,
    dueAt: o.dueAt,
    overdue: o.submittedAt === null && now > o.dueAt,
    late: o.late,
    submittedAt: o.submittedAt,
    submittedByName: o.submittedByName,
    decidedAt: o.decidedAt,
    returnComment: o.returnComment,
    signature:
      o.signedAt && o.signedByName && o.signedCertificateId && o.signedContentFileId && o.signatureFileId
        ? {
            signedAt: o.signedAt,
            signedByName: o.signedByName,
            certificateId: o.signedCertificateId,
            contentFileId: o.signedContentFileId,
            signatureFileId: o.signatureFileId,
          }
        : null,
    version: o.version,
    updatedAt: o.updatedAt,
  };
}

/** An obligation with its regime and how `p` stands to it; 404 to one who has no part in it. */
export async function loadObligation(ctx: ReportingContext, p: Principal, id: string) {
  const o = await repo.obligation(ctx.db, id);
  if (!o) throw notFound(id);
  const regime = (await repo.regimeById(ctx.db, o.regimeId))!;
  const s = await standing(ctx, p, o, regime);
  if (!s.any) throw notFound(id);
  return { o, regime, s };
}

export async function getObligation(ctx: ReportingContext, p: Principal, id: string) {
  assertRole(p, ROLES.read, 'read');
  const { o, regime, s } = await loadObligation(ctx, p, id);
  const events = await repo.events(ctx.db, id);
  return {
    ...obligationDto(o, regime, ctx.clock.now()),
    template: regime.template,
    access: {
      fill: s.own,
      sign: s.own && ROLES.submit.some((r) => p.roles.includes(r)),
      submit: s.own,
      decide: s.receiver || (isAdmin(p) && false),
      // The regime asks for it, or the receiver is on another deployment (it gets the signed report).
      signatureRequired: regime.signatureRequired || !!(await remotePeer(ctx, o.receiverCode)),
    },
    events: events.map((e) => ({ action: e.action, actorName: e.actorName, comment: e.comment, at: e.at })),
  };
}

/** Obligations the caller's agency owes or receives (or, for an admin, all), with filters. */
export async function listObligations(
  ctx: ReportingContext,
  p: Principal,
  q: {
    agency?: string;
    period?: string;
    status?: ObligationStatus;
    regime?: string;
    late?: boolean;
    page: number;
    pageSize: number;
  },
) {
  assertRole(p, ROLES.read, 'read');
  let visibleTo: string[] | null = null;
  if (!isAdmin(p)) visibleTo = p.agencyCode ? await ctx.ports.directory.subtreeCodes(p.agencyCode) : [];
  const regime = q.regime ? await getRegime(ctx, q.regime) : null;
  const agency = q.agency ? await ctx.ports.directory.subtreeCodes(q.agency) : undefined;
  const r = await repo.listObligations(ctx.db, {
    visibleTo,
    agency,
    period: q.period,
    status: q.status,
    regimeId: regime?.id,
    late: q.late,
    page: q.page,
    pageSize: q.pageSize,
  });
  const regimes = new Map(
    (await repo.regimesByIds(ctx.db, [...new Set(r.items.map((o) => o.regimeId))])).map((x) => [x.id, x]),
  );
  const now = ctx.clock.now();
  return { items: r.items.map((o) => obligationDto(o, regimes.get(o.regimeId)!, now)), total: r.total };
}

/** Save values and texts (validated against the template) while the report is open or returned. */
export async function fillObligation(
  ctx: ReportingContext,
  p: Principal,
  actor: ActorContext,
  id: string,
  body: { values?: Record<string, unknown>; texts?: Record<string, string>; version?: number },
) {
  assertRole(p, ROLES.fill, 'fill');
  const { regime, s } = await loadObligation(ctx, p, id);
  if (!s.own) throw new ForbiddenError('NOT_YOUR_REPORT', 'Only the reporting agency fills it.', { id });
  const { errors, clean } = validateValues(regime.template, body.values ?? {}, false);
  const sections = new Set(regime.template.sections.map((x) => x.code));
  for (const k of Object.keys(body.texts ?? {}))
    if (!sections.has(k)) errors.push({ path: `texts.${k}`, code: 'UNKNOWN_SECTION', message: `No section ${k}.` });
  if (errors.length) throw new ValidationError(errors);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const o = (await repo.lockObligation(tx, id))!;
    if (o.status !== 'open' && o.status !== 'returned')
      throw new ConflictError('OBLIGATION_NOT_EDITABLE', `The report is ${o.status}.`, { status: o.status });
    if (body.version !== undefined && body.version !== o.version)
      throw new ConflictError('OBLIGATION_CHANGED', 'Someone saved the report meanwhile; reload it.', {
        version: o.version,
      });
    const values = { ...o.values, ...clean };
    const texts = { ...o.texts };
    for (const [k, v] of Object.entries(body.texts ?? {})) texts[k] = v.normalize('NFC');
    // The merged values must pass the rules too (a rule may join a saved value and a new one).
    const merged = validateValues(regime.template, values, false);
    if (merged.errors.length) throw new ValidationError(merged.errors);
    const next = await repo.updateObligation(tx, id, {
      values,
      texts,
      // A report changed after its signature must be signed again.
      ...UNSIGNED,
      version: o.version + 1,
      updatedAt: now,
    });
    await repo.addEvent(tx, {
      id: newId('roe'),
      obligationId: id,
      action: o.signedAt ? 'saved-signature-cleared' : 'saved',
      actorId: p.userId,
      actorName: p.fullName,
      at: now,
    });
    return obligationDto(next, regime, now);
  });
}

export type ObligationAction = { action: 'submit' } | { action: 'accept' } | { action: 'return'; comment: string };

/**
 * Submit (the reporting agency's leader), accept or return (the receiver). With an Idempotency-Key
 * a retried request answers the first answer; without one a second submit is a 409, never a second
 * submission.
 */
export async function actOnObligation(
  ctx: ReportingContext,
  p: Principal,
  actor: ActorContext,
  id: string,
  a: ObligationAction,
  idempotencyKey?: string,
) {
  assertRole(p, a.action === 'submit' ? ROLES.submit : ROLES.decide, a.action);
  const { o: o0, regime, s } = await loadObligation(ctx, p, id);
  if (a.action === 'submit' ? !s.own : !s.receiver)
    throw a.action === 'submit'
      ? new ForbiddenError('NOT_YOUR_REPORT', 'Only the reporting agency submits it.', { id })
      : new ForbiddenError('NOT_THE_RECEIVER', 'Only the receiving agency accepts or returns it.', { id });
  const staff = a.action === 'return' ? await recipientsOf(ctx, o0.agencyCode) : [];
  // A receiver served by another deployment gets the signed report there (ADR 0024, across deployments).
  const remote = a.action === 'submit' ? await remotePeer(ctx, o0.receiverCode) : null;
  const work = async (tx: Parameters<Parameters<typeof ctx.db.transaction>[0]>[0]) => {
    const o = (await repo.lockObligation(tx, id))!;
    const now = ctx.clock.now();
    let patch: Partial<ObligationRow>;
    if (a.action === 'submit') {
      if (o.status !== 'open' && o.status !== 'returned')
        throw new ConflictError('OBLIGATION_NOT_OPEN', `The report is ${o.status}.`, { status: o.status });
      const { errors } = validateValues(regime.template, o.values, true);
      if (errors.length) throw new ValidationError(errors);
      // A report for another deployment travels as its signed JSON: it is signed whatever the regime says.
      if ((regime.signatureRequired || remote) && (!o.signedAt || o.signedVersion !== o.version))
        throw new ConflictError(
          'SIGNATURE_REQUIRED',
          remote
            ? 'The receiver is on another deployment: the report goes there as the leader’s signed report; sign it, then send it.'
            : 'This regime needs the leader’s digital signature of the report as it stands; sign it, then send it.',
          { signed: !!o.signedAt, remote: !!remote },
        );
      patch = {
        status: 'submitted',
        submittedAt: now,
        submittedBy: p.userId,
        submittedByName: p.fullName,
        late: o.late || now > o.dueAt,
        returnComment: null,
      };
    } else {
      if (o.status !== 'submitted')
        throw new ConflictError('OBLIGATION_NOT_SUBMITTED', `The report is ${o.status}.`, { status: o.status });
      patch =
        a.action === 'accept'
          ? { status: 'accepted', decidedAt: now, decidedBy: p.userId }
          : {
              status: 'returned',
              decidedAt: now,
              decidedBy: p.userId,
              returnComment: a.comment.normalize('NFC'),
              // A returned report is corrected and signed again before it is sent again.
              ...UNSIGNED,
            };
    }
    const next = await repo.updateObligation(tx, id, { ...patch, version: o.version + 1, updatedAt: now });
    if (remote)
      await enqueueJob(
        tx,
        DELIVER_JOB,
        { id, submittedAt: now.toISOString() },
        // One delivery per submission (a report sent again after a return is delivered again).
        { dedupeKey: `report-deliver:${id}:${now.getTime()}`, maxAttempts: DELIVERY_ATTEMPTS },
      );
    const past = { submit: 'submitted', accept: 'accepted', return: 'returned' }[a.action];
    await repo.addEvent(tx, {
      id: newId('roe'),
      obligationId: id,
      action: past,
      actorId: p.userId,
      actorName: p.fullName,
      comment: a.action === 'return' ? a.comment : null,
      at: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: `report.${past}`,
        subjectType: 'report-obligation',
        subjectId: id,
        before: { status: o.status },
        after: { status: next.status, late: next.late },
      },
      now,
    );
    if (a.action === 'return')
      await mailAgency(ctx, tx, staff, next, regime, `Báo cáo bị trả lại: ${regime.name}`, a.comment);
    return { status: 200, body: obligationDto(next, regime, now) };
  };
  if (idempotencyKey) {
    const r = await withIdempotency(ctx.db, `reporting.act:${id}`, idempotencyKey, { id, ...a, by: p.userId }, work);
    return r.replayed ? reviveDates(r.body) : r.body;
  }
  return (await ctx.db.transaction(work)).body;
}

/** Deliveries to another deployment: with the backoff capped at an hour, about a day of tries. */
export const DELIVERY_ATTEMPTS = 30;

/** The peer that serves an agency, or null when this deployment does (or no federation is set up). */
export async function remotePeer(ctx: ReportingContext, agencyCode: string) {
  const peer = await ctx.ports.federation.peerOf(agencyCode);
  return peer !== 'local' && peer.baseUrl ? peer : null;
}

/** The signature fields cleared (the report changed, or came back). */
export const UNSIGNED = {
  signedAt: null,
  signedBy: null,
  signedByName: null,
  signedVersion: null,
  signedCertificateId: null,
  signedContentFileId: null,
  signatureFileId: null,
} as const;

/** Who hears about a report of an agency (read before the transaction: it is another module's query). */
export const recipientsOf = (ctx: ReportingContext, agencyCode: string) =>
  ctx.ports.staffOf(agencyCode, ['leader', 'specialist', 'clerk']);

export async function mailAgency(
  ctx: ReportingContext,
  tx: Parameters<typeof queueMail>[0],
  staff: Awaited<ReturnType<typeof recipientsOf>>,
  o: ObligationRow,
  regime: RegimeRow,
  subject: string,
  text: string,
) {
  for (const s of staff)
    if (s.email)
      await queueMail(tx, {
        to: s.email,
        subject,
        text: `${regime.name} — ${periodWindow(o.period)?.label ?? o.period}\n\n${text}\n\n${ctx.link(`/bao-cao/nghia-vu/${o.id}`)}`,
      });
}

/** At the deadline: flag an unsubmitted report late and remind its agency. */
export async function remindOverdue(ctx: ReportingContext, id: string) {
  const o0 = await repo.obligation(ctx.db, id);
  if (!o0 || o0.submittedAt || o0.remindedAt) return;
  const regime = (await repo.regimeById(ctx.db, o0.regimeId))!;
  const now = ctx.clock.now();
  const staff = await recipientsOf(ctx, o0.agencyCode);
  await ctx.db.transaction(async (tx) => {
    const o = (await repo.lockObligation(tx, id))!;
    if (o.submittedAt || o.remindedAt || now < o.dueAt) return;
    await repo.updateObligation(tx, id, { late: true, remindedAt: now, updatedAt: now });
    await repo.addEvent(tx, { id: newId('roe'), obligationId: id, action: 'reminded', actorName: 'Hệ thống', at: now });
    await mailAgency(
      ctx,
      tx,
      staff,
      o,
      regime,
      `Quá hạn gửi báo cáo: ${regime.name}`,
      `Báo cáo kỳ ${periodWindow(o.period)?.label ?? o.period} đã quá hạn gửi (${o.dueAt.toISOString()}). Đề nghị hoàn thành và gửi ngay.`,
    );
  });
}

/** A stored answer comes back as JSON: its instants are strings again. */
function reviveDates<T extends Record<string, unknown>>(body: T): T {
  const out: Record<string, unknown> = { ...body };
  for (const k of ['dueAt', 'submittedAt', 'decidedAt', 'updatedAt'])
    if (typeof out[k] === 'string') out[k] = new Date(out[k]);
  const sig = out.signature as Record<string, unknown> | null | undefined;
  if (sig && typeof sig.signedAt === 'string') out.signature = { ...sig, signedAt: new Date(sig.signedAt) };
  return out as T;
}
