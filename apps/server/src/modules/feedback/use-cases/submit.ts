import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../../../platform/crypto/secret-box.js';
import type { Executor } from '../../../platform/db/index.js';
import { fileRepository } from '../../../platform/files/index.js';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { storedAnswer, withIdempotency } from '../../../platform/idempotency/index.js';
import { newId, randomToken } from '../../../platform/ids/index.js';
import { queueMail } from '../../../platform/mail/index.js';
import { maskVnPhone, normalizeVnPhone, queueSms } from '../../../platform/sms/index.js';
import type { FeedbackAttachment } from '../db/schema.js';
import { recordAudit } from '../../audit/index.js';
import type { FeedbackContext } from '../feedback.context.js';
import { feedbackRepository as repo, type ItemRow } from '../feedback.repository.js';
import type { ContentType } from '../feedback.rules.js';
import { addEvent, feedbackCode, notifySubmitter, scheduleEscalation } from './common.js';

const CODE_TTL_MS = 10 * 60_000;
const CODE_MAX_ATTEMPTS = 5;
/** Trigram similarity from which two texts count as the same feedback (grouped as duplicates). */
export const DUPLICATE_SIMILARITY = 0.8;
const DUPLICATE_WINDOW_MS = 90 * 86_400_000;

const codeHash = (ctx: FeedbackContext, id: string, code: string) =>
  createHmac('sha256', ctx.appSecret).update(`feedback-contact:${id}:${code}`).digest('hex');

/** Files an anonymous filer uploads before filing belong to the verification, not to an account. */
export const contactOwner = (verificationId: string) => `feedback-contact:${verificationId}`;
/**
 * Files a logged-in filer uploads before filing (`POST /api/feedback/uploads`) belong to the feedback
 * module on his behalf, not to his account's `/api/files`: only his filings may take them, and the
 * clean-up removes those he never files.
 */
export const userOwner = (userId: string) => `feedback-user:${userId}`;

/**
 * Send a one-time code to the e-mail or the phone (SMS) an anonymous submitter gave (6 digits,
 * 10 minutes, 5 tries). Answers an upload token too: with it, the same browser attaches files to
 * the filing this verification will prove (ADR 0020 addendum).
 */
export async function requestContactCode(
  ctx: FeedbackContext,
  actor: ActorContext,
  to: { email?: string; phone?: string },
) {
  if (!!to.email === !!to.phone)
    throw ValidationError.field('email', 'CONTACT_REQUIRED', 'Give either an e-mail or a phone number.');
  const phone = to.phone ? normalizeVnPhone(to.phone) : null;
  if (to.phone && !phone)
    throw ValidationError.field('phone', 'INVALID_PHONE', 'A Vietnamese mobile number: 10 digits starting 0, or +84.');
  const email = to.email?.toLowerCase() ?? null;
  const now = ctx.clock.now();
  const id = newId('fbc');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const uploadToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await ctx.db.transaction(async (tx) => {
    await repo.insertCode(tx, {
      id,
      email,
      phone,
      codeHash: codeHash(ctx, id, code),
      uploadTokenHash: sha256Hex(uploadToken),
      expiresAt,
      createdAt: now,
    });
    if (phone)
      await queueSms(tx, {
        to: phone,
        text: `Mã xác nhận gửi phản ánh, kiến nghị: ${code} (hiệu lực 10 phút). Không chia sẻ mã này cho ai.`,
      });
    else
      await queueMail(tx, {
        to: email!,
        subject: `Mã xác nhận gửi phản ánh, kiến nghị: ${code}`,
        text: `Mã xác nhận của bạn là ${code}, có hiệu lực 10 phút.\nNếu bạn không gửi phản ánh, kiến nghị, hãy bỏ qua thư này.\n\n---\nYour confirmation code is ${code} (valid 10 minutes).`,
      });
    await recordAudit(
      tx,
      actor,
      {
        action: 'feedback.contact_code_sent',
        subjectType: 'feedback_contact',
        subjectId: id,
        after: { channel: phone ? 'sms' : 'email' },
      },
      now,
    );
  });
  return {
    verificationId: id,
    expiresAt,
    channel: phone ? ('sms' as const) : ('email' as const),
    sentTo: phone ? maskVnPhone(phone) : email!,
    uploadToken,
  };
}

/**
 * Check the code in a transaction of its own, so that a wrong try counts even though the filing
 * fails. The code must have gone to the contact given now (the e-mail, or the same phone however written).
 */
async function checkContactCode(
  ctx: FeedbackContext,
  v: { id: string; code: string },
  contact: { email?: string; phone?: string },
) {
  const now = ctx.clock.now();
  const wrong = (code: string, message: string) => ValidationError.field('verification.code', code, message);
  const phone = contact.phone ? normalizeVnPhone(contact.phone) : null;
  const r = await ctx.db.transaction(async (tx) => {
    const row = await repo.lockCode(tx, v.id);
    const matches =
      !!row && (row.phone ? row.phone === phone : !!row.email && row.email === contact.email?.toLowerCase());
    if (!row || !matches)
      return { failure: wrong('CODE_INVALID', 'The code does not match this e-mail or phone.'), row: null };
    if (row.usedAt) return { failure: wrong('CODE_USED', 'This code was used already; ask for a new one.'), row };
    if (row.expiresAt <= now) return { failure: wrong('CODE_EXPIRED', 'The code expired; ask for a new one.'), row };
    if (row.attempts >= CODE_MAX_ATTEMPTS)
      return { failure: wrong('CODE_TOO_MANY_ATTEMPTS', 'Too many wrong codes; ask for a new one.'), row };
    const a = Buffer.from(row.codeHash, 'hex');
    const b = Buffer.from(codeHash(ctx, row.id, v.code), 'hex');
    if (a.length === b.length && timingSafeEqual(a, b)) return { failure: null, row };
    await repo.updateCode(tx, row.id, { attempts: row.attempts + 1 });
    return { failure: wrong('CODE_INVALID', 'The code is wrong.'), row };
  });
  if (r.failure) throw r.failure;
  return r.row!;
}

/** Attachments of feedback: PDF, JPEG, PNG (sniffed from the content), at most this size each. */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_MAX_COUNT = 5;
/**
 * Uploads a logged-in filer may hold unfiled at once (a full form in a few tabs); removing one from
 * the form, filing, or the clean-up after `FEEDBACK_UNFILED_UPLOAD_HOURS` makes room.
 */
export const UNFILED_UPLOAD_MAX = 4 * ATTACHMENT_MAX_COUNT;

/**
 * Store a file an anonymous filer attaches before filing: allowed only with the upload token of a
 * verification still open (not used, not expired); the file belongs to the verification, so nobody
 * can read it through /api/files, and only the filing that verification proves can take it.
 */
export async function uploadForContact(
  ctx: FeedbackContext,
  verificationId: string,
  uploadToken: string | undefined,
  receive: (maxBytes: number) => Promise<{ stored: { sha256: string; size: number; mediaType: string }; name: string }>,
) {
  const row = await repo.lockCode(ctx.db, verificationId);
  const ok =
    !!row && !!uploadToken && !!row.uploadTokenHash && safeEqualHex(row.uploadTokenHash, sha256Hex(uploadToken));
  if (!row || !ok) throw new NotFoundError('VERIFICATION_NOT_FOUND', 'No open verification with this id and token.');
  const owner = contactOwner(row.id);
  // Checked before the bytes are read (no upload for a closed verification), and again under the
  // verification's row lock with the insert, so that parallel uploads cannot pass the count.
  const assertOpen = async (ex: Executor, r: NonNullable<typeof row>) => {
    if (r.usedAt || r.expiresAt <= ctx.clock.now())
      throw new ConflictError('VERIFICATION_CLOSED', 'This verification was used or expired; ask for a new code.');
    if ((await fileRepository.countByOwner(ex, owner)) >= ATTACHMENT_MAX_COUNT)
      throw new ConflictError('TOO_MANY_ATTACHMENTS', `At most ${ATTACHMENT_MAX_COUNT} files.`, {
        max: ATTACHMENT_MAX_COUNT,
      });
  };
  await assertOpen(ctx.db, row);
  const { stored, name } = await receive(ATTACHMENT_MAX_BYTES);
  assertAttachmentType(stored.mediaType, 'file');
  return ctx.db.transaction(async (tx) => {
    await assertOpen(tx, (await repo.lockCode(tx, row.id))!);
    // Stamped with the platform clock, which the clean-up of unfiled uploads measures age by.
    return fileRepository.insert(tx, { ...stored, name, ownerId: owner, createdAt: ctx.clock.now() });
  });
}

export function safeEqualHex(a: string, b: string) {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function assertAttachmentType(mediaType: string, path: string) {
  if (!ATTACHMENT_TYPES.includes(mediaType))
    throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED', 'Attach PDF, JPEG or PNG files.', { allowed: ATTACHMENT_TYPES }, [
      { path, code: 'FILE_TYPE_NOT_ALLOWED', message: 'Attach PDF, JPEG or PNG files.' },
    ]);
}

export interface SubmitInput {
  contentType: ContentType;
  procedureCode?: string;
  dossierCode?: string;
  agencyCode?: string;
  title: string;
  text: string;
  attachments: string[];
  allowPublish: boolean;
  contact?: { name?: string; email?: string; phone?: string };
  verification?: { id: string; code: string };
}

export interface SubmitAnswer {
  code: string;
  status: ItemRow['status'];
  agencyCode: string | null;
  /** ISO instant. */
  dueAt: string | null;
  duplicateOf: string | null;
  /** Anonymous filings only: shown once, lets the submitter see and rate their own feedback. */
  followToken: string | null;
}

/** Where it goes: the dossier's agency, the procedure's (if one), the agency picked; else an operator routes it. */
async function resolveSubject(ctx: FeedbackContext, p: Principal | null, i: SubmitInput) {
  const named = [i.procedureCode, i.dossierCode, i.agencyCode].filter(Boolean).length;
  if (named !== 1)
    throw ValidationError.field(
      'procedureCode',
      'SUBJECT_REQUIRED',
      'Name exactly one of procedureCode, dossierCode, agencyCode.',
    );
  if (i.dossierCode) {
    const d = p ? await ctx.ports.findDossier(i.dossierCode, p) : null;
    if (!p) throw ValidationError.field('dossierCode', 'LOGIN_REQUIRED', 'Log in to give feedback on your dossier.');
    if (!d?.isApplicant)
      throw ValidationError.field('dossierCode', 'DOSSIER_NOT_FOUND', 'You filed no dossier with this code.');
    return {
      subjectKind: 'dossier' as const,
      dossierCode: d.code,
      procedureCode: d.procedureCode,
      procedureName: d.procedureName,
      agencyCode: d.agencyCode,
      candidates: [d.agencyCode],
    };
  }
  if (i.procedureCode) {
    const pr = await ctx.ports.findProcedure(i.procedureCode);
    if (!pr)
      throw ValidationError.field('procedureCode', 'PROCEDURE_NOT_FOUND', 'No published procedure with this code.');
    return {
      subjectKind: 'procedure' as const,
      dossierCode: null,
      procedureCode: pr.code,
      procedureName: pr.name,
      agencyCode: pr.agencies.length === 1 ? pr.agencies[0]! : null,
      candidates: pr.agencies,
    };
  }
  const a = await ctx.ports.directory.find(i.agencyCode!);
  if (!a) throw ValidationError.field('agencyCode', 'AGENCY_NOT_FOUND', 'No agency with this code.');
  return {
    subjectKind: 'agency' as const,
    dossierCode: null,
    procedureCode: null,
    procedureName: null,
    agencyCode: a.code,
    candidates: [a.code],
  };
}

/**
 * File feedback, logged in or anonymous (an e-mail proven by a one-time code). Routed at once when
 * the subject names one competent agency; grouped with a near-identical earlier text on the same
 * subject; idempotent per Idempotency-Key.
 */
export async function submitFeedback(
  ctx: FeedbackContext,
  p: Principal | null,
  actor: ActorContext,
  i: SubmitInput,
  idempotencyKey: string | undefined,
): Promise<{ status: number; body: SubmitAnswer }> {
  const phone = i.contact?.phone ? normalizeVnPhone(i.contact.phone) : null;
  if (i.contact?.phone && !phone)
    throw ValidationError.field(
      'contact.phone',
      'INVALID_PHONE',
      'A Vietnamese mobile number: 10 digits starting 0, or +84.',
    );
  const scope = `feedback.submit:${p?.userId ?? i.contact?.email?.toLowerCase() ?? phone ?? 'anonymous'}`;
  const request = { ...i, verification: i.verification?.id };
  const prev = await storedAnswer<SubmitAnswer>(ctx.db, scope, idempotencyKey, request);
  if (prev) return prev;

  if (!p) {
    if (!i.contact?.email && !phone)
      throw ValidationError.field(
        'contact.email',
        'CONTACT_REQUIRED',
        'Give an e-mail or a phone number to be answered at, or log in.',
      );
    if (!i.verification)
      throw ValidationError.field(
        'verification',
        'VERIFICATION_REQUIRED',
        'Confirm the e-mail or phone with the code sent to it.',
      );
  }
  if (p && p.kind === 'staff')
    throw new AppError(403, 'FEEDBACK_CITIZENS_ONLY', 'Feedback is filed by citizens and businesses.');
  const subject = await resolveSubject(ctx, p, i);
  const account = p ? await ctx.ports.accountOf(p) : null;
  const attachments: FeedbackAttachment[] = [];
  if (i.attachments.length > ATTACHMENT_MAX_COUNT)
    throw ValidationError.field('attachments', 'TOO_MANY_ATTACHMENTS', `At most ${ATTACHMENT_MAX_COUNT} files.`);
  // Logged in: the files uploaded to this form (POST /api/feedback/uploads) and, for API clients
  // that attach them so, the caller's own /api/files uploads. Anonymous: the files uploaded with
  // this verification's token.
  const owners = p ? [userOwner(p.userId), p.userId] : [contactOwner(i.verification!.id)];
  for (const [n, fileId] of i.attachments.entries()) {
    const f = await fileRepository.byId(ctx.db, fileId);
    if (!f || f.ownerId === null || !owners.includes(f.ownerId))
      throw ValidationError.field(`attachments.${n}`, 'FILE_NOT_FOUND', 'No file of yours with this id.');
    if (!ATTACHMENT_TYPES.includes(f.mediaType))
      throw ValidationError.field(`attachments.${n}`, 'FILE_TYPE_NOT_ALLOWED', 'Attach PDF, JPEG or PNG files.');
    if (f.size > ATTACHMENT_MAX_BYTES)
      throw ValidationError.field(
        `attachments.${n}`,
        'FILE_TOO_LARGE',
        `Files are limited to ${ATTACHMENT_MAX_BYTES} bytes.`,
      );
    if (attachments.some((a) => a.fileId === f.id)) continue;
    attachments.push({ fileId: f.id, name: f.name, mediaType: f.mediaType, size: f.size, public: false });
  }
  const verified = p
    ? null
    : await checkContactCode(ctx, i.verification!, { email: i.contact?.email, phone: phone ?? undefined });

  const now = ctx.clock.now();
  const text = i.text.normalize('NFC').trim();
  const title = i.title.normalize('NFC').trim();
  const followToken = p ? null : randomToken(24);
  const r = await withIdempotency(ctx.db, scope, idempotencyKey, request, async (tx) => {
    if (i.verification) {
      const c = await repo.lockCode(tx, i.verification.id);
      if (!c || c.usedAt) throw ValidationError.field('verification.code', 'CODE_USED', 'This code was used already.');
      await repo.updateCode(tx, c.id, { usedAt: now });
    }
    // Removing an upload takes the same lock (the verification's row, or the filer's uploads): a
    // file removed from the form while the filing was being checked is not filed.
    if (p && attachments.length) await fileRepository.lockOwner(tx, userOwner(p.userId));
    const still = await fileRepository.existingIds(
      tx,
      attachments.map((a) => a.fileId),
    );
    const lost = attachments.find((a) => !still.has(a.fileId));
    if (lost)
      throw ValidationError.field(
        `attachments.${i.attachments.indexOf(lost.fileId)}`,
        'FILE_NOT_FOUND',
        'No file of yours with this id.',
      );
    const id = newId('fbk');
    const dup = await repo.nearDuplicate(tx, {
      body: text,
      procedureCode: subject.procedureCode,
      agencyCode: subject.agencyCode,
      since: new Date(now.getTime() - DUPLICATE_WINDOW_MS),
      min: DUPLICATE_SIMILARITY,
    });
    const routed = subject.agencyCode !== null;
    const dueAt = routed ? ctx.ports.calendar.dueDate(now, ctx.rules.answerDays) : null;
    const routeDueAt = ctx.ports.calendar.dueDate(now, ctx.rules.forwardDays);
    const row = {
      id,
      code: feedbackCode(now),
      contentType: i.contentType,
      subjectKind: subject.subjectKind,
      procedureCode: subject.procedureCode,
      procedureName: subject.procedureName,
      dossierCode: subject.dossierCode,
      agencyCode: subject.agencyCode,
      candidateAgencies: subject.candidates,
      title,
      body: text,
      attachments,
      allowPublish: i.allowPublish,
      status: routed ? ('routed' as const) : ('received' as const),
      submitterId: p?.userId ?? null,
      contactName: i.contact?.name?.normalize('NFC').trim() || account?.fullName || null,
      // Anonymous: only the contact the code went to is written to (an e-mail, or the phone by SMS).
      contactEmail: verified?.email ?? null,
      contactPhone: verified?.phone ?? phone,
      followTokenHash: followToken ? sha256Hex(followToken) : null,
      routeDueAt,
      dueAt,
      groupId: dup?.groupId ?? id,
      createdAt: now,
      updatedAt: now,
    };
    await repo.insertItem(tx, row);
    await addEvent(tx, now, id, { kind: 'submitted', actorId: p?.userId ?? null, toAgency: subject.agencyCode });
    if (routed) await addEvent(tx, now, id, { kind: 'routed', toAgency: subject.agencyCode, note: 'auto' });
    if (dup) await addEvent(tx, now, id, { kind: 'grouped', note: dup.code });
    await scheduleEscalation(tx, row, dueAt ?? routeDueAt);
    await notifySubmitter(ctx, tx, { ...row, escalatedAt: null } as ItemRow, {
      email: row.contactEmail ?? account?.email ?? null,
      phone: p ? null : row.contactPhone,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'feedback.submitted',
        subjectType: 'feedback',
        subjectId: row.code,
        after: {
          contentType: row.contentType,
          agencyCode: row.agencyCode,
          procedureCode: row.procedureCode,
          anonymous: !p,
        },
      },
      now,
    );
    const body: SubmitAnswer = {
      code: row.code,
      status: row.status,
      agencyCode: row.agencyCode,
      dueAt: dueAt?.toISOString() ?? null,
      duplicateOf: dup?.code ?? null,
      followToken,
    };
    return { status: 201, body };
  });
  return r;
}
