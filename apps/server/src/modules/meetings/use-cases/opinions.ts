import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../platform/http/errors.js';
import { fileRepository } from '../../../platform/files/index.js';
import { withIdempotency } from '../../../platform/idempotency/index.js';
import { newId } from '../../../platform/ids/index.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { queueMail } from '../../../platform/mail/index.js';
import { vnIsoDateTime } from '../../../platform/time/vn-time.js';
import { recordAudit } from '../../audit/index.js';
import type { PasskeyAssertion } from '../../identity/index.js';
import type { OpinionAnswer } from '../db/schema.js';
import { OPINION_REMIND_JOB } from '../meetings-contract.js';
import type { MeetingsContext } from '../meetings.context.js';
import { meetingsRepository as repo, type OpinionAnswerRow, type OpinionRequestRow } from '../meetings.repository.js';
import { organisedBody, requireStaff } from './common.js';

const REMIND_BEFORE_MS = 24 * 3_600_000;
const ANSWER_LABEL: Record<OpinionAnswer, string> = { agree: 'Đồng ý', disagree: 'Không đồng ý', other: 'Ý kiến khác' };

const requestNotFound = () =>
  new NotFoundError('OPINION_REQUEST_NOT_FOUND', 'No written opinion request with this id.');

export interface OpinionRequestInput {
  question: string;
  deadline: string;
  memberIds: string[];
  fileIds?: string[];
  agencyCode?: string;
  meetingId?: string;
}

/** The secretary sends a question, papers and a deadline to the members (Phiếu lấy ý kiến); idempotent per key. */
export async function createOpinionRequest(
  ctx: MeetingsContext,
  actor: ActorContext,
  principal: Principal,
  i: OpinionRequestInput,
  idempotencyKey: string | undefined,
) {
  const { p, body } = await organisedBody(
    ctx,
    principal,
    i.agencyCode,
    'You ask opinions only for your agency or one above it.',
  );
  const deadline = new Date(i.deadline);
  const now = ctx.clock.now();
  if (deadline <= now)
    throw ValidationError.field('deadline', 'DEADLINE_PASSED', 'The deadline must be in the future.');
  const errors: FieldError[] = [];
  const members: { userId: string; fullName: string; email: string | null }[] = [];
  for (const [n, id] of i.memberIds.entries()) {
    const a = await ctx.ports.findAccount(id);
    if (!a || !a.active || a.kind !== 'staff')
      errors.push({
        path: `memberIds.${n}`,
        code: 'ACCOUNT_NOT_FOUND',
        message: 'No active civil servant with this id.',
      });
    else if (members.some((x) => x.userId === id))
      errors.push({ path: `memberIds.${n}`, code: 'DUPLICATE_PARTICIPANT', message: 'This person is listed twice.' });
    else members.push({ userId: a.id, fullName: a.fullName, email: a.email });
  }
  const papers: { fileId: string; name: string }[] = [];
  for (const [n, id] of (i.fileIds ?? []).entries()) {
    const f = await fileRepository.byId(ctx.db, id);
    if (!f || f.ownerId !== p.userId)
      errors.push({ path: `fileIds.${n}`, code: 'FILE_NOT_FOUND', message: 'No file of yours with this id.' });
    else papers.push({ fileId: f.id, name: f.name });
  }
  if (errors.length) throw new ValidationError(errors);
  return withIdempotency(ctx.db, `meetings.opinion:${p.userId}`, idempotencyKey, i, async (tx) => {
    const id = newId('opr');
    await repo.insertRequest(tx, {
      id,
      agencyCode: body.code,
      meetingId: i.meetingId ?? null,
      question: i.question.normalize('NFC').trim(),
      papers,
      deadline,
      status: 'open',
      createdBy: p.userId,
      createdAt: now,
    });
    await repo.insertAnswers(
      tx,
      members.map((x) => ({ requestId: id, userId: x.userId, fullName: x.fullName })),
    );
    for (const x of members)
      if (x.email)
        await queueMail(tx, {
          to: x.email,
          subject: `Phiếu lấy ý kiến: ${i.question.slice(0, 80)}`,
          text: `Kính gửi ${x.fullName},\n\nĐề nghị cho ý kiến trước ${vnIsoDateTime(deadline)}: ${ctx.link(`/staff/meetings/opinions/${id}`)}\n\n---\nYour written opinion is asked before the deadline above.`,
        });
    const remindAt = new Date(deadline.getTime() - REMIND_BEFORE_MS);
    await enqueueJob(tx, OPINION_REMIND_JOB, { id }, { runAt: remindAt > now ? remindAt : now });
    await recordOpinionAudit(tx, actor, now, 'meeting.opinion_requested', id, {
      members: members.length,
      deadline: deadline.toISOString(),
    });
    return { status: 201, body: { id, status: 'open' as const } };
  });
}

async function recordOpinionAudit(
  tx: Parameters<Parameters<MeetingsContext['db']['transaction']>[0]>[0],
  actor: ActorContext,
  now: Date,
  action: string,
  id: string,
  after: Record<string, unknown>,
) {
  await recordAudit(tx, actor, { action, subjectType: 'opinion_request', subjectId: id, after }, now);
}

/** The answer sheet a member signs: plain UTF-8 text naming the question, the answer and the signer. */
export function answerSheet(
  r: OpinionRequestRow,
  a: Pick<OpinionAnswerRow, 'fullName'>,
  answer: OpinionAnswer,
  text: string,
  at: Date,
) {
  return [
    'PHIẾU LẤY Ý KIẾN THÀNH VIÊN',
    `Mã phiếu: ${r.id}`,
    `Nội dung xin ý kiến: ${r.question}`,
    ...r.papers.map((x) => `Tài liệu: ${x.name} (${x.fileId})`),
    `Ý kiến: ${ANSWER_LABEL[answer]}`,
    `Nội dung ý kiến: ${text}`,
    `Người cho ý kiến: ${a.fullName}`,
    `Thời điểm: ${vnIsoDateTime(at)}`,
    '',
  ].join('\n');
}

export interface AnswerInput {
  answer: OpinionAnswer;
  text?: string;
  certificateId: string;
  otp?: string;
  passkey?: PasskeyAssertion;
}

/**
 * A member answers, signing the answer sheet remotely with his person certificate (TOTP or passkey,
 * acr 2) as detached CAdES B-T. One answer per member: a second answer is refused (409) and the
 * first stands; the round closes itself once everyone answered.
 */
export async function answerOpinion(
  ctx: MeetingsContext,
  actor: ActorContext,
  p: Principal,
  id: string,
  i: AnswerInput,
) {
  const r = await repo.request(ctx.db, id);
  const mine = r ? (await repo.answersOf(ctx.db, r.id)).find((x) => x.userId === p.userId) : null;
  if (!r || !mine) throw requestNotFound();
  if (mine.answeredAt)
    throw new ConflictError('OPINION_ALREADY_ANSWERED', 'You answered already.', {
      signatureFileId: mine.signatureFileId,
    });
  if (r.status !== 'open') throw new ConflictError('OPINION_REQUEST_CLOSED', 'The question is closed.');
  const now = ctx.clock.now();
  if (now > r.deadline)
    throw new ConflictError('OPINION_DEADLINE_PASSED', 'The deadline has passed.', {
      deadline: r.deadline.toISOString(),
    });
  const text = (i.text ?? '').normalize('NFC').trim();
  if (i.answer !== 'agree' && !text)
    throw ValidationError.field('text', 'REQUIRED', 'Give the reasons or your opinion.');
  const sheet = Buffer.from(answerSheet(r, mine, i.answer, text, now), 'utf8');
  // The signature reads the PKI and spends the TOTP code: before the transaction.
  const p7s = Buffer.from(await ctx.ports.signing.signCadesAsPerson(p, actor, sheet, i));
  const [content, signature] = await Promise.all([ctx.files.putBuffer(sheet), ctx.files.putBuffer(p7s)]);
  const done = await ctx.db.transaction(async (tx) => {
    const c = await fileRepository.insert(tx, {
      ...content,
      mediaType: 'text/plain; charset=utf-8',
      name: `phieu-y-kien-${r.id}.txt`,
      ownerId: p.userId,
    });
    const s = await fileRepository.insert(tx, {
      ...signature,
      mediaType: 'application/pkcs7-signature',
      name: `phieu-y-kien-${r.id}.txt.p7s`,
      ownerId: p.userId,
    });
    const locked = (await repo.lockRequest(tx, r.id))!;
    if (locked.status !== 'open') throw new ConflictError('OPINION_REQUEST_CLOSED', 'The question is closed.');
    const ok = await repo.answer(tx, r.id, p.userId, {
      answer: i.answer,
      text: text || null,
      contentFileId: c.id,
      signatureFileId: s.id,
      certificateId: i.certificateId,
      answeredAt: now,
    });
    if (!ok) throw new ConflictError('OPINION_ALREADY_ANSWERED', 'You answered already.');
    const all = await repo.answersOf(tx, r.id);
    if (all.every((x) => x.answeredAt || x.userId === p.userId))
      await closeWith(
        tx,
        locked,
        all.map((x) => (x.userId === p.userId ? { ...x, answer: i.answer } : x)),
        now,
      );
    await recordOpinionAudit(tx, actor, now, 'meeting.opinion_answered', r.id, {
      answer: i.answer,
      signatureSha256: signature.sha256,
    });
    return { contentFileId: c.id, signatureFileId: s.id };
  });
  return { requestId: r.id, answer: i.answer, ...done };
}

function resultOf(answers: Pick<OpinionAnswerRow, 'answer'>[]) {
  const agree = answers.filter((x) => x.answer === 'agree').length;
  return agree * 2 > answers.length ? ('agreed' as const) : ('not_agreed' as const);
}

async function closeWith(
  tx: Parameters<Parameters<MeetingsContext['db']['transaction']>[0]>[0],
  r: OpinionRequestRow,
  answers: Pick<OpinionAnswerRow, 'answer'>[],
  now: Date,
) {
  await repo.updateRequest(tx, r.id, { status: 'closed', result: resultOf(answers), closedAt: now });
}

async function readable(ctx: MeetingsContext, p: Principal, id: string) {
  const r = await repo.request(ctx.db, id);
  if (!r) throw requestNotFound();
  const answers = await repo.answersOf(ctx.db, r.id);
  const asked = answers.some((x) => x.userId === p.userId);
  if (r.createdBy !== p.userId && !asked) throw requestNotFound();
  return { r, answers, owner: r.createdBy === p.userId };
}

/** Who answered what (the secretary and the members asked); a majority of agree among those asked adopts it. */
export async function opinionTally(ctx: MeetingsContext, p: Principal, id: string) {
  const { r, answers, owner } = await readable(ctx, p, id);
  const n = (a: OpinionAnswer) => answers.filter((x) => x.answer === a).length;
  return {
    id: r.id,
    question: r.question,
    deadline: r.deadline.toISOString(),
    status: r.status,
    result: r.result,
    papers: r.papers,
    asked: answers.length,
    answered: answers.filter((x) => x.answeredAt).length,
    agree: n('agree'),
    disagree: n('disagree'),
    other: n('other'),
    mine: answers.find((x) => x.userId === p.userId)?.answer ?? null,
    mayClose: owner && r.status === 'open',
    mayDraftDecision: owner && r.status === 'closed',
    answers: answers.map((x) => ({
      userId: x.userId,
      fullName: x.fullName,
      answer: x.answer,
      text: x.text,
      answeredAt: x.answeredAt?.toISOString() ?? null,
      inTime: x.answeredAt ? x.answeredAt <= r.deadline : null,
      contentFileId: x.contentFileId,
      signatureFileId: x.signatureFileId,
      /** The sheet and its signature are served to who sent the question and to the member himself. */
      canDownload: !!x.signatureFileId && (owner || x.userId === p.userId),
    })),
  };
}

/** Opinion rounds the caller was asked in or sent. */
export async function listOpinionRequests(ctx: MeetingsContext, principal: Principal) {
  const p = requireStaff(principal);
  const rows = await repo.requestsFor(ctx.db, p.userId, []);
  const mine = await Promise.all(rows.map(async (r) => ({ r, answers: await repo.answersOf(ctx.db, r.id) })));
  return {
    items: mine
      .filter(({ r, answers }) => r.createdBy === p.userId || answers.some((x) => x.userId === p.userId))
      .map(({ r, answers }) => ({
        id: r.id,
        question: r.question,
        deadline: r.deadline.toISOString(),
        status: r.status,
        result: r.result,
        asked: answers.length,
        answered: answers.filter((x) => x.answeredAt).length,
        mine: answers.find((x) => x.userId === p.userId)?.answer ?? null,
        askedMe: answers.some((x) => x.userId === p.userId),
      })),
  };
}

/** The secretary closes the round (after the deadline, or earlier): the result is the majority of those asked. */
export async function closeOpinionRequest(ctx: MeetingsContext, actor: ActorContext, p: Principal, id: string) {
  const { r, owner } = await readable(ctx, p, id);
  if (!owner) throw new ForbiddenError('OPINION_OWNER_ONLY', 'Only who sent the question closes it.');
  return ctx.db.transaction(async (tx) => {
    const locked = (await repo.lockRequest(tx, r.id))!;
    if (locked.status === 'closed') return { id: r.id, status: 'closed' as const, result: locked.result };
    const now = ctx.clock.now();
    const answers = await repo.answersOf(tx, r.id);
    await closeWith(tx, locked, answers, now);
    await recordOpinionAudit(tx, actor, now, 'meeting.opinion_closed', r.id, { result: resultOf(answers) });
    return { id: r.id, status: 'closed' as const, result: resultOf(answers) };
  });
}

/** A file of an answer (the sheet or its signature), for the secretary and the member who answered. */
export async function answerFile(
  ctx: MeetingsContext,
  p: Principal,
  id: string,
  userId: string,
  part: 'content' | 'signature',
) {
  const { answers, owner } = await readable(ctx, p, id);
  const a = answers.find((x) => x.userId === userId);
  if (!a || (!owner && userId !== p.userId)) throw requestNotFound();
  const fileId = part === 'content' ? a.contentFileId : a.signatureFileId;
  const f = fileId ? await fileRepository.byId(ctx.db, fileId) : null;
  if (!f) throw new NotFoundError('FILE_NOT_FOUND', 'Not answered yet.');
  return f;
}

/** Job: mail the members who have not answered yet, the day before the deadline. */
export async function remindOpinion(ctx: MeetingsContext, id: string) {
  const r = await repo.request(ctx.db, id);
  if (!r || r.status !== 'open' || r.remindedAt) return;
  const waiting = (await repo.answersOf(ctx.db, r.id)).filter((x) => !x.answeredAt);
  const emails = await Promise.all(
    waiting.map(async (x) => ({ x, email: (await ctx.ports.findAccount(x.userId))?.email })),
  );
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    for (const { x, email } of emails)
      if (email)
        await queueMail(tx, {
          to: email,
          subject: `Nhắc: phiếu lấy ý kiến hạn ${vnIsoDateTime(r.deadline)}`,
          text: `Kính gửi ${x.fullName},\n\nĐồng chí chưa cho ý kiến về: ${r.question}\nHạn: ${vnIsoDateTime(r.deadline)}\n${ctx.link(`/staff/meetings/opinions/${r.id}`)}`,
        });
    await repo.updateRequest(tx, r.id, { remindedAt: now });
  });
}

/** A paper of the question, for the members asked and the secretary. */
export async function opinionPaper(ctx: MeetingsContext, p: Principal, id: string, fileId: string) {
  const { r } = await readable(ctx, p, id);
  const f = r.papers.some((x) => x.fileId === fileId) ? await fileRepository.byId(ctx.db, fileId) : null;
  if (!f) throw new NotFoundError('FILE_NOT_FOUND', 'No paper of this question with this id.');
  return f;
}
