import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError } from '../../../platform/http/errors.js';
import { vnIsoDate } from '../../../platform/time/vn-time.js';
import type { MeetingsContext } from '../meetings.context.js';
import { meetingsRepository as repo } from '../meetings.repository.js';
import { audit, standing } from './common.js';

const OUTCOME: Record<string, string> = {
  adopted: 'Thông qua',
  rejected: 'Không thông qua',
  deferred: 'Hoãn xem xét',
  pending: 'Chưa kết luận',
};

/**
 * The secretary drafts the conclusions (Thông báo kết luận, TB) or the minutes (Biên bản, BB) from
 * the items, in the documents module: the chair signs it there with his certificate, the clerk issues
 * it with its number and sends it through the exchange to the agencies concerned. Once issued, the
 * meeting's `issue_minutes` action records it. One draft per meeting and kind (a retry answers it).
 */
export async function draftMinutes(
  ctx: MeetingsContext,
  actor: ActorContext,
  p: Principal,
  meetingId: string,
  kind: 'conclusions' | 'minutes',
) {
  const { m, me } = await standing(ctx, p, meetingId);
  if (me.role !== 'secretary')
    throw new ForbiddenError('MEETING_ROLE_FORBIDDEN', 'The secretary drafts the conclusions and the minutes.');
  if (m.status !== 'closed' && m.status !== 'minutes_issued')
    throw new ConflictError('MEETING_STATUS_CONFLICT', 'Draft them once the session is closed.', { status: m.status });
  const existing = kind === 'conclusions' ? m.conclusionsDocumentId : m.minutesDocumentId;
  if (existing) return { documentId: existing, created: false };
  const [items, participants, tasks, speeches, votes] = await Promise.all([
    repo.itemsOf(ctx.db, m.id),
    repo.participantsOf(ctx.db, m.id),
    repo.tasksOf(ctx.db, m.id),
    repo.speechesOf(ctx.db, m.id),
    repo.votesOf(ctx.db, m.id),
  ]);
  const chair = participants.find((x) => x.role === 'chair')!;
  const attended = participants.filter(
    (x) => x.attendance && x.attendance !== 'absent' && x.attendance !== 'delegated',
  );
  const date = vnIsoDate(m.openedAt ?? m.startsAt)
    .split('-')
    .reverse()
    .join('/');
  const body: string[] = [];
  if (kind === 'minutes') {
    body.push(
      `Thời gian: ngày ${date}; địa điểm: ${m.place ?? 'họp trực tuyến'}.`,
      `Chủ trì: ${chair.fullName}. Thư ký: ${participants.find((x) => x.role === 'secretary')?.fullName ?? ''}.`,
      `Thành phần tham dự (${attended.length}): ${attended.map((x) => x.fullName + (x.delegateFor ? ' (dự thay)' : '')).join(', ')}.`,
    );
  } else {
    body.push(`Ngày ${date}, ${chair.fullName} chủ trì ${m.title}. Kết luận như sau:`);
  }
  for (const it of items) {
    if (it.removedAt) {
      body.push(`${it.seq}. ${it.title}: rút khỏi chương trình họp.`);
      continue;
    }
    const how = it.byConsent ? ' (thông qua theo danh mục đồng thuận)' : '';
    body.push(`${it.seq}. ${it.title}: ${OUTCOME[it.outcome]}${how}. ${it.decision ?? ''}`.trim());
    if (kind === 'minutes') {
      for (const s of speeches.filter((x) => x.itemId === it.id && x.opinion))
        body.push(`- Ý kiến ${s.fullName}: ${s.opinion}`);
      for (const v of votes.filter((x) => x.itemId === it.id && x.status === 'closed'))
        body.push(
          `- Biểu quyết "${v.question}": tán thành ${v.yes}, không tán thành ${v.no}, không biểu quyết ${v.abstain}.`,
        );
    }
    for (const t of tasks.filter((x) => x.itemId === it.id))
      body.push(`- Giao ${t.ownerAgency}: ${t.title}, hạn ${t.dueDate.split('-').reverse().join('/')}.`);
  }
  for (const t of tasks.filter((x) => !x.itemId))
    body.push(`Giao ${t.ownerAgency}: ${t.title}, hạn ${t.dueDate.split('-').reverse().join('/')}.`);
  const recipients = [...new Set([...items.flatMap((i) => i.agencies), ...tasks.map((t) => t.ownerAgency)])].filter(
    (c) => c !== m.agencyCode,
  );
  const doc = await ctx.ports.draftDocument(
    actor,
    p,
    {
      type: kind === 'conclusions' ? 'TB' : 'BB',
      subject: kind === 'conclusions' ? `Kết luận của ${chair.fullName} tại ${m.title}` : `Biên bản ${m.title}`,
      recipients,
      body,
      signerPosition: 'Chủ tọa',
      signerName: chair.fullName,
      issuingAgency: m.agencyCode,
      secret: m.secret,
    },
    `meeting-${kind}-${m.id}`,
  );
  await ctx.db.transaction(async (tx) => {
    const locked = (await repo.lockMeeting(tx, m.id))!;
    const now = ctx.clock.now();
    if (kind === 'conclusions' ? locked.conclusionsDocumentId : locked.minutesDocumentId) return;
    await repo.updateMeeting(
      tx,
      m.id,
      kind === 'conclusions'
        ? { conclusionsDocumentId: doc.id, updatedAt: now }
        : { minutesDocumentId: doc.id, updatedAt: now },
    );
    await audit(tx, actor, now, `meeting.${kind}_drafted`, m.id, { documentId: doc.id });
  });
  ctx.publish(m.id, kind);
  return { documentId: doc.id, created: true };
}
