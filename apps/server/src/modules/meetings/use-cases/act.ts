import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { queueMail } from '../../../platform/mail/index.js';
import { vnIsoDateTime } from '../../../platform/time/vn-time.js';
import type { Attendance, Choice, ItemOutcome, Position, VoteMethod } from '../db/schema.js';
import type { MeetingsContext } from '../meetings.context.js';
import { type MeetingAction, MEETING_ACTIONS, mayTakePosition, votesAs } from '../meetings.policy.js';
import { meetingsRepository as repo, type MeetingRow, type ParticipantRow } from '../meetings.repository.js';
import { assertAction, audit, notFound, standing } from './common.js';
import { itemRemoved } from './agenda-edit.js';
import { consentItems } from './read.js';

export interface ActionInput {
  action: MeetingAction;
  /** attendance: whose; assign_task: nothing. */
  userId?: string;
  attendance?: Attendance;
  /** delegate: the deputy attending instead. */
  delegateId?: string;
  itemId?: string;
  /** decide: the outcome and the decision text. */
  outcome?: Exclude<ItemOutcome, 'pending'>;
  decision?: string;
  /** note_opinion: the speech and what was said. */
  speechId?: string;
  opinion?: string;
  /** assign_task. */
  title?: string;
  ownerAgency?: string;
  dueDate?: string;
}

const required = <T>(v: T | undefined, path: string): T => {
  if (v === undefined || v === '')
    throw ValidationError.field(path, 'REQUIRED', `${path} is required for this action.`);
  return v;
};

/** Invitations: in-app (the meeting shows in the invitee's list) and an e-mail with the link. */
async function invite(
  ctx: MeetingsContext,
  tx: Parameters<Parameters<MeetingsContext['db']['transaction']>[0]>[0],
  m: MeetingRow,
  people: ParticipantRow[],
  emails: Map<string, string | null>,
  now: Date,
) {
  for (const x of people) {
    await repo.updateParticipant(tx, m.id, x.userId, { invitedAt: now });
    const to = emails.get(x.userId);
    if (!to) continue;
    const where = m.place ?? 'trực tuyến';
    await queueMail(tx, {
      to,
      subject: `Giấy mời họp: ${m.title}`,
      text: `Kính gửi ${x.fullName},\n\nTrân trọng kính mời dự ${m.title}, lúc ${vnIsoDateTime(m.startsAt)} tại ${where}.${
        m.videoRoom ? `\nPhòng họp trực tuyến: ${ctx.videoLink(m.videoRoom)}` : ''
      }\nTài liệu và xác nhận tham dự: ${ctx.link(`/staff/meetings/${m.id}`)}\n\n---\nYou are invited to this meeting; papers and confirmation at the link above.`,
    });
  }
}

/** At most this many people of the owner agency are mailed a new task. */
const TASK_MAIL_LIMIT = 500;

/** A new task: a mail to each civil servant of the owner agency, with the page where they report it. */
async function mailTaskOwners(
  ctx: MeetingsContext,
  tx: Parameters<Parameters<MeetingsContext['db']['transaction']>[0]>[0],
  m: MeetingRow,
  task: { id: string; title: string; dueDate: string },
  owners: { fullName: string; email: string | null }[],
) {
  const [y, mo, d] = task.dueDate.split('-');
  for (const x of owners) {
    if (!x.email) continue;
    await queueMail(tx, {
      to: x.email,
      subject: `Nhiệm vụ được giao: ${task.title}`,
      text: `Kính gửi ${x.fullName},\n\nKết luận ${m.title} giao cơ quan, đơn vị của Anh/Chị nhiệm vụ: ${task.title}.\nThời hạn: ${d}/${mo}/${y}.\nXem nhiệm vụ và báo cáo kết quả thực hiện: ${ctx.link(`/staff/meetings/tasks/${task.id}`)}\n\n---\nA task was assigned to your agency in a meeting's conclusions; see it and report it done at the link above.`,
    });
  }
}

/** One action of the meeting's workflow (`MEETING_ACTIONS`), by the participant the table names. */
export async function actOnMeeting(
  ctx: MeetingsContext,
  actor: ActorContext,
  p: Principal,
  meetingId: string,
  i: ActionInput,
) {
  const { m: seen, actor: a } = await standing(ctx, p, meetingId);
  assertAction(seen, a, i.action);
  // What other modules know is read before the transaction.
  const participants = await repo.participantsOf(ctx.db, seen.id);
  const emails = new Map<string, string | null>();
  if (i.action === 'convene')
    for (const x of participants) emails.set(x.userId, (await ctx.ports.findAccount(x.userId))?.email ?? null);
  const deputy = i.action === 'delegate' ? await ctx.ports.findAccount(required(i.delegateId, 'delegateId')) : null;
  if (i.action === 'delegate' && (!deputy || !deputy.active || deputy.kind !== 'staff'))
    throw ValidationError.field('delegateId', 'ACCOUNT_NOT_FOUND', 'No active civil servant with this id.');
  if (i.action === 'delegate' && participants.some((x) => x.userId === deputy!.id))
    throw ValidationError.field('delegateId', 'ALREADY_PARTICIPANT', 'This person already takes part.');
  if (i.action === 'issue_minutes') {
    const id = seen.conclusionsDocumentId ?? seen.minutesDocumentId;
    const d = id ? await ctx.ports.findDocument(id, p) : null;
    if (!d || !['issued', 'sent'].includes(d.status))
      throw new ConflictError(
        'MINUTES_NOT_ISSUED',
        'Issue the conclusions or the minutes in the documents module first.',
        {
          documentId: id,
          documentStatus: d?.status ?? null,
        },
      );
  }
  // The owner agency's civil servants (its units included): those who see the task and report it done.
  let owners: { fullName: string; email: string | null }[] = [];
  if (i.action === 'assign_task') {
    const code = required(i.ownerAgency, 'ownerAgency');
    if (!(await ctx.ports.directory.find(code)))
      throw ValidationError.field('ownerAgency', 'AGENCY_NOT_FOUND', 'Unknown agency code.');
    owners = await ctx.ports.findPeople(await ctx.ports.directory.subtreeCodes(code), undefined, TASK_MAIL_LIMIT);
  }

  const out = await ctx.db.transaction(async (tx) => {
    const m = (await repo.lockMeeting(tx, seen.id))!;
    assertAction(m, a, i.action);
    const now = ctx.clock.now();
    const rule = MEETING_ACTIONS[i.action];
    const patch: Partial<MeetingRow> = { updatedAt: now };
    if (rule.to) patch.status = rule.to;
    const after: Record<string, unknown> = {};
    let itemId: string | undefined;
    switch (i.action) {
      case 'convene':
        patch.convenedAt = now;
        await invite(ctx, tx, m, participants, emails, now);
        break;
      case 'cancel':
        break;
      case 'confirm':
      case 'decline':
        await repo.updateParticipant(tx, m.id, p.userId, {
          reply: i.action === 'confirm' ? 'confirmed' : 'declined',
          repliedAt: now,
        });
        break;
      case 'delegate': {
        await repo.updateParticipant(tx, m.id, p.userId, {
          reply: 'delegated',
          repliedAt: now,
          delegateId: deputy!.id,
          delegateName: deputy!.fullName,
          attendance: 'delegated',
        });
        const me = participants.find((x) => x.userId === p.userId)!;
        await repo.insertParticipants(tx, [
          {
            meetingId: m.id,
            userId: deputy!.id,
            role: 'member',
            fullName: deputy!.fullName,
            agencyCode: deputy!.agencyCode,
            delegateFor: p.userId,
            reply: 'confirmed',
            invitedAt: now,
            repliedAt: now,
            itemIds: me.itemIds,
          },
        ]);
        after.delegateId = deputy!.id;
        break;
      }
      case 'attendance': {
        const who = participants.find((x) => x.userId === required(i.userId, 'userId'));
        if (!who) throw ValidationError.field('userId', 'NOT_A_PARTICIPANT', 'This person does not take part.');
        await repo.updateParticipant(tx, m.id, who.userId, { attendance: required(i.attendance, 'attendance') });
        after.userId = who.userId;
        after.attendance = i.attendance;
        break;
      }
      case 'open': {
        const fresh = await repo.participantsOf(tx, m.id);
        // A member who delegated counts through the deputy (the deputy's own row is present or online).
        const attending = fresh.filter(
          (x) =>
            (x.role === 'chair' || x.role === 'member') && (x.attendance === 'present' || x.attendance === 'online'),
        ).length;
        if (attending < m.quorum)
          throw new ConflictError('QUORUM_NOT_MET', `${attending} of the ${m.quorum} members needed are present.`, {
            attending,
            quorum: m.quorum,
          });
        patch.openedAt = now;
        after.attending = attending;
        break;
      }
      case 'adopt_consent': {
        if (m.consentAdoptedAt)
          throw new ConflictError('CONSENT_ALREADY_ADOPTED', 'The consent agenda was adopted already.');
        const block = consentItems(await repo.itemsOf(tx, m.id), await repo.positionsOf(tx, m.id));
        for (const it of block)
          await repo.updateItem(tx, it.id, {
            outcome: 'adopted',
            byConsent: true,
            decision: it.decision ?? 'Thông qua theo danh mục đồng thuận (không có ý kiến khác).',
          });
        patch.consentAdoptedAt = now;
        after.items = block.map((x) => x.id);
        break;
      }
      case 'request_speech': {
        const it = await repo.item(tx, m.id, required(i.itemId, 'itemId'));
        if (!it) throw ValidationError.field('itemId', 'ITEM_NOT_FOUND', 'No item with this id.');
        if (it.removedAt) throw itemRemoved();
        const me = participants.find((x) => x.userId === p.userId)!;
        await repo.insertSpeech(tx, {
          id: newId('msp'),
          meetingId: m.id,
          itemId: it.id,
          userId: p.userId,
          fullName: me.fullName,
          requestedAt: now,
        });
        itemId = it.id;
        break;
      }
      case 'note_opinion': {
        const opinion = required(i.opinion, 'opinion').normalize('NFC').trim();
        if (i.speechId) {
          const ok = await repo.updateSpeech(tx, m.id, i.speechId, { opinion, spokeAt: now });
          if (!ok) throw ValidationError.field('speechId', 'SPEECH_NOT_FOUND', 'No speech with this id.');
          break;
        }
        // Without a request to speak: the secretary notes what a participant said on an item.
        const it = await repo.item(tx, m.id, required(i.itemId, 'itemId'));
        if (!it) throw ValidationError.field('itemId', 'ITEM_NOT_FOUND', 'No item with this id.');
        const who = participants.find((x) => x.userId === required(i.userId, 'userId'));
        if (!who) throw ValidationError.field('userId', 'NOT_A_PARTICIPANT', 'This person does not take part.');
        const id = newId('msp');
        await repo.insertSpeech(tx, {
          id,
          meetingId: m.id,
          itemId: it.id,
          userId: who.userId,
          fullName: who.fullName,
          requestedAt: now,
          spokeAt: now,
          opinion,
        });
        itemId = it.id;
        after.speechId = id;
        break;
      }
      case 'decide': {
        const it = await repo.item(tx, m.id, required(i.itemId, 'itemId'));
        if (!it) throw ValidationError.field('itemId', 'ITEM_NOT_FOUND', 'No item with this id.');
        if (it.removedAt) throw itemRemoved();
        await repo.updateItem(tx, it.id, {
          outcome: required(i.outcome, 'outcome'),
          decision: required(i.decision, 'decision').normalize('NFC').trim(),
        });
        itemId = it.id;
        after.outcome = i.outcome;
        break;
      }
      case 'assign_task': {
        if (i.itemId && !(await repo.item(tx, m.id, i.itemId)))
          throw ValidationError.field('itemId', 'ITEM_NOT_FOUND', 'No item with this id.');
        const task = {
          meetingId: m.id,
          itemId: i.itemId ?? null,
          title: required(i.title, 'title').normalize('NFC').trim(),
          ownerAgency: i.ownerAgency!,
          dueDate: required(i.dueDate, 'dueDate'),
        };
        // The meeting row is locked: a double submit waits here and finds the first one's task.
        const same = await repo.sameTask(tx, task);
        if (same) {
          after.taskId = same;
          after.repeated = true;
          break;
        }
        const id = newId('mtk');
        await repo.insertTask(tx, { id, ...task, status: 'open', createdAt: now });
        after.taskId = id;
        await mailTaskOwners(ctx, tx, m, { id, ...task }, owners);
        break;
      }
      case 'close':
        patch.closedAt = now;
        break;
      case 'issue_minutes':
        break;
    }
    await repo.updateMeeting(tx, m.id, patch);
    await audit(
      tx,
      actor,
      now,
      `meeting.${i.action}`,
      m.id,
      { ...after, status: patch.status ?? m.status },
      { status: m.status },
    );
    return { status: patch.status ?? m.status, itemId };
  });
  ctx.publish(seen.id, i.action, out.itemId);
  return { id: seen.id, status: out.status };
}

/** A member's position on an item before the session: an upsert, so a retry or a change keeps one row. */
export async function setPosition(
  ctx: MeetingsContext,
  actor: ActorContext,
  p: Principal,
  meetingId: string,
  itemId: string,
  i: { position: Position; note?: string },
) {
  const { m, me } = await standing(ctx, p, meetingId);
  const item = await repo.item(ctx.db, m.id, itemId);
  if (!item || (me.role === 'guest' && !me.itemIds.includes(itemId))) throw notFound();
  if (me.role !== 'chair' && me.role !== 'member')
    throw new ForbiddenError('MEETING_ROLE_FORBIDDEN', 'Only the chair and the members record positions.');
  if (me.reply === 'delegated')
    throw new ForbiddenError('MEETING_DELEGATED', 'Your deputy attends for you and records the positions.');
  if (item.removedAt) throw itemRemoved();
  if (!mayTakePosition(me.role, m.status))
    throw new ConflictError('MEETING_STATUS_CONFLICT', 'Positions are recorded once convened, before the session.', {
      status: m.status,
    });
  const note = i.note?.normalize('NFC').trim() || null;
  if (i.position === 'object' && !note) throw ValidationError.field('note', 'REQUIRED', 'Say why you object.');
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await repo.upsertPosition(tx, {
      itemId,
      meetingId: m.id,
      userId: p.userId,
      position: i.position,
      note,
      updatedAt: now,
    });
    await audit(tx, actor, now, 'meeting.position_recorded', m.id, { itemId, position: i.position });
  });
  ctx.publish(m.id, 'position', itemId);
  return { itemId, position: i.position, note };
}

export interface VoteInput {
  /** Open a vote (electronic or roll call), or record a show of hands counted by the secretary. */
  method?: VoteMethod;
  question?: string;
  yes?: number;
  no?: number;
  abstain?: number;
  /** Cast a ballot in the item's open vote (a member). */
  choice?: Choice;
  /** Close the open vote and count it (chair or secretary). */
  close?: boolean;
}

/**
 * Votes on an item, in session: the chair or the secretary opens an electronic or roll-call vote,
 * each member casts one ballot (the first stands: a retry answers the same ballot, another choice is
 * 409), the chair or secretary closes and counts it; a show of hands is recorded counted.
 */
export interface VoteAnswer {
  voteId: string;
  status: 'open' | 'closed';
  choice?: Choice;
  yes?: number;
  no?: number;
  abstain?: number;
  result?: 'adopted' | 'rejected';
}

export async function vote(
  ctx: MeetingsContext,
  actor: ActorContext,
  p: Principal,
  meetingId: string,
  itemId: string,
  i: VoteInput,
) {
  const { m, me } = await standing(ctx, p, meetingId);
  const item = await repo.item(ctx.db, m.id, itemId);
  if (!item || (me.role === 'guest' && !me.itemIds.includes(itemId))) throw notFound();
  const leads = me.role === 'chair' || me.role === 'secretary';
  const r = await ctx.db.transaction(async (tx): Promise<{ status: 200 | 201; body: VoteAnswer }> => {
    const locked = (await repo.lockMeeting(tx, m.id))!;
    if (locked.status !== 'in_session')
      throw new ConflictError('MEETING_STATUS_CONFLICT', 'Votes are taken in session.', { status: locked.status });
    // Under the meeting's lock: an item withdrawn meanwhile takes no vote.
    if ((await repo.item(tx, m.id, itemId))?.removedAt) throw itemRemoved();
    const now = ctx.clock.now();
    if (i.choice) {
      if (!votesAs(me.role) || me.reply === 'delegated')
        throw new ForbiddenError('MEETING_ROLE_FORBIDDEN', 'Only the chair and the members vote.');
      const v = await repo.openVoteOf(tx, itemId);
      if (!v || v.method === 'show_of_hands') throw new ConflictError('VOTE_NOT_OPEN', 'No vote is open on this item.');
      const b = await repo.castBallot(tx, { voteId: v.id, userId: p.userId, choice: i.choice, castAt: now });
      if (b.choice !== i.choice)
        throw new ConflictError('BALLOT_ALREADY_CAST', 'You voted already in this vote.', { choice: b.choice });
      if (b.castAt.getTime() === now.getTime())
        await audit(tx, actor, now, 'meeting.ballot_cast', m.id, { itemId, voteId: v.id });
      return { status: 200, body: { voteId: v.id, status: v.status, choice: b.choice } };
    }
    if (!leads) throw new ForbiddenError('MEETING_ROLE_FORBIDDEN', 'The chair or the secretary conducts votes.');
    if (i.close) {
      const v = await repo.openVoteOf(tx, itemId);
      if (!v) throw new ConflictError('VOTE_NOT_OPEN', 'No vote is open on this item.');
      const bs = await repo.ballotsOf(tx, [v.id]);
      const n = (c: Choice) => bs.filter((b) => b.choice === c).length;
      const counted = { yes: n('yes'), no: n('no'), abstain: n('abstain') };
      const result = outcomeOf(counted);
      await repo.updateVote(tx, v.id, { ...counted, status: 'closed', result, closedAt: now });
      await audit(tx, actor, now, 'meeting.vote_closed', m.id, { itemId, voteId: v.id, ...counted, result });
      return { status: 200, body: { voteId: v.id, status: 'closed', ...counted, result } };
    }
    const method = required(i.method, 'method');
    const question = required(i.question, 'question').normalize('NFC').trim();
    if (await repo.openVoteOf(tx, itemId)) throw new ConflictError('VOTE_ALREADY_OPEN', 'A vote is open on this item.');
    const id = newId('mvt');
    const opened = { id, meetingId: m.id, itemId, question, method, openedBy: p.userId, openedAt: now };
    if (method === 'show_of_hands') {
      const counted = { yes: required(i.yes, 'yes'), no: required(i.no, 'no'), abstain: i.abstain ?? 0 };
      const voters = (await repo.participantsOf(tx, m.id)).filter(
        (x) => (x.role === 'chair' || x.role === 'member') && x.attendance !== 'absent' && x.attendance !== 'delegated',
      ).length;
      if (counted.yes + counted.no + counted.abstain > voters)
        throw ValidationError.field('yes', 'MORE_VOTES_THAN_MEMBERS', `Only ${voters} members may vote.`);
      const result = outcomeOf(counted);
      await repo.insertVote(tx, { ...opened, status: 'closed', ...counted, result, closedAt: now });
      await audit(tx, actor, now, 'meeting.vote_recorded', m.id, { itemId, voteId: id, ...counted, result });
      return { status: 201, body: { voteId: id, status: 'closed', ...counted, result } };
    }
    await repo.insertVote(tx, { ...opened, status: 'open' });
    await audit(tx, actor, now, 'meeting.vote_opened', m.id, { itemId, voteId: id, method });
    return { status: 201, body: { voteId: id, status: 'open' } };
  });
  ctx.publish(m.id, 'vote', itemId);
  return r;
}

/** A vote's result: adopted when the yes votes are more than half of all counted (yes, no, abstain). */
const outcomeOf = (c: { yes: number; no: number; abstain: number }): 'adopted' | 'rejected' =>
  c.yes > (c.yes + c.no + c.abstain) / 2 ? 'adopted' : 'rejected';

/** The owner agency reports an assigned task done (a civil servant of that agency). */
export async function reportTask(
  ctx: MeetingsContext,
  actor: ActorContext,
  p: Principal,
  meetingId: string,
  taskId: string,
  report: string,
) {
  const m = await repo.meeting(ctx.db, meetingId);
  const t = m ? (await repo.tasksOf(ctx.db, m.id)).find((x) => x.id === taskId) : null;
  const member = m ? await repo.participant(ctx.db, m.id, p.userId) : null;
  const ofOwner = !!t && !!p.agencyCode && (await ctx.ports.directory.isWithin(t.ownerAgency, p.agencyCode));
  if (!m || !t || (!member && !ofOwner)) throw notFound();
  if (!ofOwner) throw new ForbiddenError('FORBIDDEN_AGENCY', 'The owner agency reports on its task.');
  if (t.status === 'done') return { id: t.id, status: 'done' as const };
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await repo.updateTask(tx, m.id, t.id, {
      status: 'done',
      report: report.normalize('NFC').trim(),
      reportedBy: p.userId,
      reportedAt: now,
    });
    await audit(tx, actor, now, 'meeting.task_reported', m.id, { taskId: t.id });
  });
  ctx.publish(m.id, 'task', undefined);
  return { id: t.id, status: 'done' as const };
}
