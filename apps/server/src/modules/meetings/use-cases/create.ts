import { PDFDocument } from 'pdf-lib';
import { createHash } from 'node:crypto';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, type FieldError, ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { fileRepository } from '../../../platform/files/index.js';
import type { Tx } from '../../../platform/db/index.js';
import { withIdempotency } from '../../../platform/idempotency/index.js';
import { newId } from '../../../platform/ids/index.js';
import type { MeetingKind, ParticipantRole } from '../db/schema.js';
import type { MeetingsContext } from '../meetings.context.js';
import { mayEditAgenda } from '../meetings.policy.js';
import { meetingsRepository as repo } from '../meetings.repository.js';
import { itemRemoved } from './agenda-edit.js';
import { assertAgendaEditor, audit, notFound, organisedBody, standing } from './common.js';

export interface CreateMeetingInput {
  agencyCode?: string;
  title: string;
  kind: MeetingKind;
  startsAt: string;
  endsAt?: string;
  place?: string;
  video?: boolean;
  secret?: boolean;
  quorum?: number;
  chairId: string;
  secretaryId?: string;
  memberIds: string[];
  guests?: { userId: string; itemSeqs?: number[] }[];
}

/** A new meeting in draft, the caller its secretary unless another is named; idempotent per key. */
export async function createMeeting(
  ctx: MeetingsContext,
  actor: ActorContext,
  principal: Principal,
  i: CreateMeetingInput,
  idempotencyKey: string | undefined,
) {
  const { p, body } = await organisedBody(
    ctx,
    principal,
    i.agencyCode,
    'You prepare meetings only of your agency or one above it.',
  );
  const startsAt = new Date(i.startsAt);
  const endsAt = i.endsAt ? new Date(i.endsAt) : null;
  if (endsAt && endsAt <= startsAt)
    throw ValidationError.field('endsAt', 'ENDS_BEFORE_START', 'The meeting must end after it starts.');
  if (!i.place && !i.video && i.kind !== 'online')
    throw ValidationError.field('place', 'REQUIRED', 'Give a place, or hold it by video.');

  // Every participant is an active civil servant; each appears once.
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const wanted: { userId: string; role: ParticipantRole; path: string; itemSeqs?: number[] }[] = [
    { userId: i.chairId, role: 'chair', path: 'chairId' },
    { userId: i.secretaryId ?? p.userId, role: 'secretary', path: 'secretaryId' },
    ...i.memberIds.map((userId, n) => ({ userId, role: 'member' as const, path: `memberIds.${n}` })),
    ...(i.guests ?? []).map((g, n) => ({
      userId: g.userId,
      role: 'guest' as const,
      path: `guests.${n}.userId`,
      itemSeqs: g.itemSeqs,
    })),
  ];
  const rows: ((typeof wanted)[number] & { fullName: string; agencyCode: string | null })[] = [];
  for (const w of wanted) {
    const a = await ctx.ports.findAccount(w.userId);
    if (!a || !a.active || a.kind !== 'staff') {
      errors.push({ path: w.path, code: 'ACCOUNT_NOT_FOUND', message: 'No active civil servant with this id.' });
      continue;
    }
    if (seen.has(w.userId)) {
      errors.push({ path: w.path, code: 'DUPLICATE_PARTICIPANT', message: 'This person is listed twice.' });
      continue;
    }
    seen.add(w.userId);
    rows.push({ ...w, fullName: a.fullName, agencyCode: a.agencyCode });
  }
  if (errors.length) throw new ValidationError(errors);
  const voters = rows.filter((r) => r.role === 'chair' || r.role === 'member').length;
  const quorum = i.quorum ?? Math.floor(voters / 2) + 1;
  if (quorum > voters) throw ValidationError.field('quorum', 'QUORUM_TOO_HIGH', 'More than the members invited.');

  return withIdempotency(ctx.db, `meetings.create:${p.userId}`, idempotencyKey, i, async (tx) => {
    const now = ctx.clock.now();
    const id = newId('mtg');
    const video = i.video || i.kind === 'online';
    await repo.insertMeeting(tx, {
      id,
      agencyCode: body.code,
      title: i.title.normalize('NFC').trim(),
      kind: i.kind,
      status: 'draft',
      startsAt,
      endsAt,
      place: i.place?.normalize('NFC').trim() || null,
      // Not guessable: whoever has the link may join the video room.
      videoRoom: video
        ? `egov-${createHash('sha256').update(`${id}:${ctx.config.publicUrl}`).digest('hex').slice(0, 20)}`
        : null,
      secret: i.secret ?? false,
      quorum,
      createdBy: p.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertParticipants(
      tx,
      rows.map((r) => ({
        meetingId: id,
        userId: r.userId,
        role: r.role,
        fullName: r.fullName,
        agencyCode: r.agencyCode,
        // Guests are bound to items by their number in the agenda until the items exist (set on addItem).
        itemIds: (r.itemSeqs ?? []).map((s) => `seq:${s}`),
      })),
    );
    await audit(tx, actor, now, 'meeting.created', id, {
      agencyCode: body.code,
      kind: i.kind,
      participants: rows.length,
    });
    return { status: 201, body: { id, status: 'draft' as const } };
  });
}

export interface ItemInput {
  title: string;
  summary?: string;
  presenterId?: string;
  agencies?: string[];
  /** Papers: files the caller uploaded (or the documents module stored). */
  fileIds?: string[];
  /** Guests invited to this item only. */
  guestIds?: string[];
}

/** A new agenda item (chair or secretary; before or during the session). */
export async function addItem(
  ctx: MeetingsContext,
  actor: ActorContext,
  p: Principal,
  meetingId: string,
  i: ItemInput,
  /** Runs in the item's transaction (a proposal marked added with it). */
  within?: (tx: Tx, itemId: string, now: Date) => Promise<void>,
  /** A retry or a double click with the same key answers the first item (no second one). */
  idempotencyKey?: string,
) {
  const { m, actor: a } = await standing(ctx, p, meetingId);
  assertAgendaEditor(m, a);
  const presenter = i.presenterId ? await ctx.ports.findAccount(i.presenterId) : null;
  if (i.presenterId && !presenter)
    throw ValidationError.field('presenterId', 'ACCOUNT_NOT_FOUND', 'No account with this id.');
  for (const [n, code] of (i.agencies ?? []).entries())
    if (!(await ctx.ports.directory.find(code)))
      throw ValidationError.field(`agencies.${n}`, 'AGENCY_NOT_FOUND', 'Unknown agency code.');
  const files = await ownFiles(ctx, p, i.fileIds ?? [], 'fileIds');
  const participants = await repo.participantsOf(ctx.db, m.id);
  for (const [n, g] of (i.guestIds ?? []).entries())
    if (!participants.some((x) => x.userId === g && x.role === 'guest'))
      throw ValidationError.field(
        `guestIds.${n}`,
        'NOT_A_GUEST',
        'Invite this person as a guest of the meeting first.',
      );
  const itemId = newId('mit');
  const work = async (tx: Tx) => {
    const locked = (await repo.lockMeeting(tx, m.id))!;
    const now = ctx.clock.now();
    const seq = await repo.nextSeq(tx, m.id);
    await repo.insertItem(tx, {
      id: itemId,
      meetingId: m.id,
      seq,
      title: i.title.normalize('NFC').trim(),
      summary: i.summary?.normalize('NFC').trim() || null,
      presenterId: presenter?.id ?? null,
      presenterName: presenter?.fullName ?? null,
      agencies: i.agencies ?? [],
      createdAt: now,
    });
    for (const x of participants.filter((x) => x.role === 'guest')) {
      const invited = x.itemIds.includes(`seq:${seq}`) || (i.guestIds ?? []).includes(x.userId);
      if (invited)
        await repo.updateParticipant(tx, m.id, x.userId, {
          itemIds: [...x.itemIds.filter((v) => v !== `seq:${seq}`), itemId],
        });
    }
    for (const f of files) await insertPaper(tx, ctx, locked, itemId, f, p.userId, now);
    await audit(tx, actor, now, 'meeting.item_added', m.id, { itemId, seq, papers: files.length });
    await within?.(tx, itemId, now);
    return { status: 201, body: { id: itemId } };
  };
  const r = idempotencyKey
    ? await withIdempotency(ctx.db, `meetings.item:${p.userId}:${m.id}`, idempotencyKey, i, work)
    : await ctx.db.transaction(work);
  if (!('replayed' in r && r.replayed)) ctx.publish(m.id, 'item_added', r.body.id);
  return r.body;
}

type FileRow = NonNullable<Awaited<ReturnType<typeof fileRepository.byId>>>;

async function ownFiles(ctx: MeetingsContext, p: Principal, ids: string[], path: string) {
  const out: FileRow[] = [];
  for (const [n, id] of ids.entries()) {
    const f = await fileRepository.byId(ctx.db, id);
    if (!f || f.ownerId !== p.userId)
      throw ValidationError.field(`${path}.${n}`, 'FILE_NOT_FOUND', 'No file of yours with this id.');
    out.push(f);
  }
  return out;
}

/** Pages of a PDF (for the "pages saved" figure); 1 for other files or an unreadable PDF. */
async function pagesOf(ctx: MeetingsContext, f: FileRow) {
  if (f.mediaType !== 'application/pdf') return 1;
  try {
    const doc = await PDFDocument.load(await ctx.files.read(f.sha256), {
      ignoreEncryption: true,
      updateMetadata: false,
    });
    return Math.max(1, doc.getPageCount());
  } catch {
    return 1;
  }
}

async function insertPaper(
  tx: Parameters<Parameters<MeetingsContext['db']['transaction']>[0]>[0],
  ctx: MeetingsContext,
  m: { id: string; status: string },
  itemId: string,
  f: FileRow,
  by: string,
  now: Date,
  paperKey?: string,
  /** The document of the documents module it was taken from (followed for newer versions). */
  documentId?: string,
) {
  const key = paperKey ?? newId('ppk');
  const prev = paperKey ? await repo.lastVersion(tx, paperKey) : null;
  const id = newId('ppr');
  await repo.insertPaper(tx, {
    id,
    meetingId: m.id,
    itemId,
    paperKey: key,
    version: (prev?.version ?? 0) + 1,
    fileId: f.id,
    name: f.name,
    sha256: f.sha256,
    mediaType: f.mediaType,
    pages: await pagesOf(ctx, f),
    late: m.status !== 'draft',
    addedBy: by,
    addedAt: now,
    documentId: documentId ?? null,
  });
  return { id, paperKey: key, version: (prev?.version ?? 0) + 1 };
}

/** A paper for an item, or a new version of one (`paperKey`); after convening it shows as new, live. */
export async function addPaper(
  ctx: MeetingsContext,
  actor: ActorContext,
  p: Principal,
  meetingId: string,
  itemId: string,
  i: { fileId?: string; documentId?: string; paperKey?: string },
  idempotencyKey?: string,
) {
  const { m, actor: a } = await standing(ctx, p, meetingId);
  const item = await repo.item(ctx.db, m.id, itemId);
  if (!item) throw notFound();
  if (item.removedAt) throw itemRemoved();
  const presenter = item.presenterId === p.userId;
  if (!(mayEditAgenda(a.role, m.status) || (presenter && ['draft', 'convened', 'in_session'].includes(m.status))))
    throw new ForbiddenError('MEETING_ROLE_FORBIDDEN', 'Only the chair, the secretary or the presenter adds papers.');
  if (!i.fileId === !i.documentId)
    throw ValidationError.field('fileId', 'REQUIRED', 'Upload a file or choose a document (one of them).');
  const f = i.documentId
    ? await documentPaper(ctx, p, m, i.documentId)
    : (await ownFiles(ctx, p, [i.fileId!], 'fileId'))[0]!;
  const work = async (tx: Tx) => {
    const locked = (await repo.lockMeeting(tx, m.id))!;
    if (i.paperKey) {
      const prev = await repo.lastVersion(tx, i.paperKey);
      if (!prev || prev.itemId !== item.id)
        throw ValidationError.field('paperKey', 'PAPER_NOT_FOUND', 'No paper of this item with this key.');
      // Taking a linked document's version again would be a silent copy: only a newer one is taken.
      const last = (await repo.paperVersions(tx, m.id, i.paperKey)).at(-1);
      if (i.documentId && last?.documentId === i.documentId && last.fileId === f.id)
        throw new ConflictError('PAPER_UP_TO_DATE', 'The paper is already the current version of this document.', {
          path: 'documentId',
        });
    }
    const now = ctx.clock.now();
    const out = await insertPaper(tx, ctx, locked, item.id, f, p.userId, now, i.paperKey, i.documentId);
    await audit(tx, actor, now, 'meeting.paper_added', m.id, {
      itemId,
      paperId: out.id,
      version: out.version,
      late: locked.status !== 'draft',
      documentId: i.documentId ?? null,
    });
    return { status: 201, body: out };
  };
  const r = idempotencyKey
    ? await withIdempotency(ctx.db, `meetings.paper:${p.userId}:${item.id}`, idempotencyKey, i, work)
    : await ctx.db.transaction(work);
  if (!('replayed' in r && r.replayed)) ctx.publish(m.id, 'paper_added', itemId);
  return r.body;
}

/**
 * A document of the documents module as a paper: only one the caller may read there (else the
 * field is refused, the document not revealed), and a classified one only for a closed session.
 */
async function documentPaper(
  ctx: MeetingsContext,
  p: Principal,
  m: { secret: boolean },
  documentId: string,
): Promise<FileRow> {
  const d = await ctx.ports.documentFile(documentId, p);
  const f = d ? await fileRepository.byId(ctx.db, d.fileId) : null;
  if (!d || !f)
    throw ValidationError.field('documentId', 'DOCUMENT_NOT_FOUND', 'No document you may read with this id.');
  if (d.secrecy !== 'none' && !m.secret)
    throw ValidationError.field(
      'documentId',
      'DOCUMENT_SECRET',
      'A classified document is a paper of a closed session only.',
    );
  const ext = /\.[a-z0-9]{2,5}$/i.exec(f.name)?.[0] ?? '';
  return { ...f, name: `${d.number ?? 'Dự thảo'} – ${d.subject}`.slice(0, 200) + ext };
}
