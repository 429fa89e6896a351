import type { Principal } from '../../../platform/http/auth.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { displayVnPhone, maskVnPhone } from '../../../platform/sms/index.js';
import { recordAudit } from '../../audit/index.js';
import type { ActorContext } from '../../../platform/http/auth.js';
import type { FeedbackContext } from '../feedback.context.js';
import { feedbackRepository as repo, type EventRow, type ItemRow } from '../feedback.repository.js';
import { ACTION_ROLES, inAgencyOf, isStaff, STAFF_ROLES } from '../feedback.policy.js';
import { isSubmitter } from './act.js';
import { fileRepository } from '../../../platform/files/index.js';

const FROM: Record<string, ItemRow['status'][]> = {
  route: ['received'],
  transfer: ['routed'],
  answer: ['routed', 'answered'],
  approve: ['answered'],
  publish: ['approved'],
  merge: ['received', 'routed'],
};

const timeline = (events: EventRow[], full: boolean) =>
  events.map((e) => ({
    kind: e.kind,
    at: e.at,
    fromAgency: e.fromAgency,
    toAgency: e.toAgency,
    late: e.late,
    note: full ? e.note : null,
  }));

/**
 * One piece of feedback. Whoever filed it (account or follow token) and the civil servants of its
 * agency see everything; anyone with the code sees where it stands (the dossier-like tracking) and,
 * once published, the masked texts.
 */
export async function feedbackView(ctx: FeedbackContext, p: Principal | null, code: string, token?: string) {
  const item = await repo.itemByCode(ctx.db, code);
  if (!item) throw new NotFoundError('FEEDBACK_NOT_FOUND', `No feedback ${code}.`, { code });
  const mine = isSubmitter(item, p, token);
  const staff = isStaff(p) && (await inAgencyOf(ctx, p, item));
  const full = mine || staff;
  const events = await repo.eventsOf(ctx.db, item.id);
  const merged = item.mergedInto ? await repo.itemById(ctx.db, item.mergedInto) : null;
  const duplicates = staff ? (await repo.list(ctx.db, { groupId: item.groupId, page: 1, pageSize: 50 })).items : [];
  const actions = staff
    ? Object.entries(ACTION_ROLES)
        .filter(([a, roles]) => FROM[a]!.includes(item.status) && roles.some((r: string) => p.roles.includes(r)))
        .filter(([a]) => a !== 'publish' || item.allowPublish)
        .map(([a]) => a)
    : mine && ['approved', 'published'].includes(item.status) && !item.ratedAt
      ? ['rate']
      : [];
  return {
    code: item.code,
    contentType: item.contentType,
    subjectKind: item.subjectKind,
    procedureCode: item.procedureCode,
    procedureName: item.procedureName,
    dossierCode: full ? item.dossierCode : null,
    agencyCode: item.agencyCode,
    candidateAgencies: item.candidateAgencies,
    status: item.status,
    createdAt: item.createdAt,
    routeDueAt: item.routeDueAt,
    dueAt: item.dueAt,
    escalatedAt: item.escalatedAt,
    answeredAt: item.answeredAt,
    approvedAt: item.approvedAt,
    publishedAt: item.publishedAt,
    allowPublish: item.allowPublish,
    title: full ? item.title : item.publicTitle,
    text: full ? item.body : item.publicBody,
    answer: full && (staff || ['approved', 'published'].includes(item.status)) ? item.answer : item.publicAnswer,
    attachments: full
      ? item.attachments.map((f) => ({
          fileId: f.fileId,
          name: f.name,
          mediaType: f.mediaType ?? null,
          size: f.size ?? null,
          public: !!f.public,
        }))
      : [],
    contactName: staff ? item.contactName : null,
    // Masked: the full number only through revealContactPhone, which records who read it.
    contactPhone: staff && item.contactPhone ? maskVnPhone(item.contactPhone) : null,
    public: item.publishedAt
      ? {
          title: item.publicTitle,
          text: item.publicBody,
          answer: item.publicAnswer,
          attachments: item.attachments.filter((f) => f.public).map((f) => ({ fileId: f.fileId, name: f.name })),
        }
      : null,
    rating: full ? item.rating : null,
    ratedAt: item.ratedAt,
    mergedInto: merged?.code ?? null,
    duplicates: duplicates
      .filter((d) => d.id !== item.id)
      .map((d) => ({ code: d.code, title: d.title, status: d.status, createdAt: d.createdAt })),
    timeline: timeline(events, full),
    access: { submitter: mine, staff, actions },
  };
}

export const listItem = (i: ItemRow, now: Date) => ({
  code: i.code,
  title: i.title,
  contentType: i.contentType,
  status: i.status,
  agencyCode: i.agencyCode,
  procedureCode: i.procedureCode,
  dueAt: i.dueAt,
  escalatedAt: i.escalatedAt,
  overdue: !!i.dueAt && i.dueAt < now && ['received', 'routed', 'answered'].includes(i.status),
  groupId: i.groupId,
  createdAt: i.createdAt,
});

export type FeedbackBox = 'inbox' | 'unrouted' | 'approval' | 'overdue' | 'published' | 'all';

/** `?mine=true`: what I filed. `?box=`: my agency's (and the units below it) work lists. */
export async function listFeedback(
  ctx: FeedbackContext,
  p: Principal,
  q: { mine?: boolean; box?: FeedbackBox; page: number; pageSize: number },
) {
  const now = ctx.clock.now();
  if (q.mine || !q.box) {
    if (q.box) throw ValidationError.field('box', 'BOX_WITH_MINE', 'Give either mine or box.');
    const r = await repo.list(ctx.db, { submitterId: p.userId, page: q.page, pageSize: q.pageSize });
    return { items: r.items.map((i) => listItem(i, now)), total: r.total };
  }
  if (!isStaff(p) || !STAFF_ROLES.some((r) => p.roles.includes(r)))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not allow this.', { requiredRoles: STAFF_ROLES });
  const agencyCodes =
    p.roles.includes('admin') && !p.agencyCode ? undefined : await ctx.ports.directory.subtreeCodes(p.agencyCode ?? '');
  const statuses: ItemRow['status'][] | undefined = {
    inbox: ['routed', 'answered'] as ItemRow['status'][],
    unrouted: ['received'] as ItemRow['status'][],
    approval: ['answered'] as ItemRow['status'][],
    published: ['published'] as ItemRow['status'][],
    overdue: undefined,
    all: undefined,
  }[q.box];
  const r = await repo.list(ctx.db, {
    agencyCodes,
    statuses,
    overdueAt: q.box === 'overdue' ? now : undefined,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: r.items.map((i) => listItem(i, now)), total: r.total };
}

/**
 * One attachment of a piece of feedback: for whoever filed it and the civil servants of its agency
 * (each read by an official is recorded), and for anyone once published if the officer publishing
 * picked it. Anyone else gets 404: neither the file nor its existence is revealed.
 */
export async function feedbackAttachment(
  ctx: FeedbackContext,
  p: Principal | null,
  actor: ActorContext,
  code: string,
  fileId: string,
  token?: string,
) {
  const item = await repo.itemByCode(ctx.db, code);
  const att = item?.attachments.find((f) => f.fileId === fileId);
  const notFound = new NotFoundError('FILE_NOT_FOUND', 'No such attachment.');
  if (!item || !att) throw notFound;
  const staff = isStaff(p) && (await inAgencyOf(ctx, p, item));
  const allowed = isSubmitter(item, p, token) || staff || (!!item.publishedAt && !!att.public);
  if (!allowed) throw notFound;
  const f = await fileRepositoryById(ctx, fileId);
  if (!f) throw notFound;
  if (staff && item.submitterId !== p!.userId)
    await ctx.db.transaction((tx) =>
      recordAudit(
        tx,
        actor,
        { action: 'feedback.attachment_read', subjectType: 'feedback', subjectId: item.code, after: { fileId } },
        ctx.clock.now(),
      ),
    );
  return { name: f.name, mediaType: f.mediaType, stream: ctx.files.open(f.sha256) };
}

/**
 * The filer's full phone number, for a civil servant of the item's agency who asks for it; every
 * read is recorded in the audit chain (who, which item, the reason given). Another agency's
 * officer gets 404, as for the item's other personal data; citizens are refused by the route.
 */
export async function revealContactPhone(
  ctx: FeedbackContext,
  p: Principal,
  actor: ActorContext,
  code: string,
  reason: string | undefined,
) {
  const item = await repo.itemByCode(ctx.db, code);
  const notFound = new NotFoundError('FEEDBACK_NOT_FOUND', `No feedback ${code}.`, { code });
  if (!item || !isStaff(p) || !(await inAgencyOf(ctx, p, item))) throw notFound;
  if (!item.contactPhone) throw new NotFoundError('CONTACT_PHONE_NOT_FOUND', 'The filer gave no phone number.');
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      actor,
      {
        action: 'feedback.contact_phone_read',
        subjectType: 'feedback',
        subjectId: item.code,
        after: { reason: reason ?? null },
      },
      ctx.clock.now(),
    ),
  );
  return { phone: displayVnPhone(item.contactPhone) };
}

const fileRepositoryById = (ctx: FeedbackContext, id: string) => fileRepository.byId(ctx.db, id);
