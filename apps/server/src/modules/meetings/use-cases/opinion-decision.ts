import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../platform/http/errors.js';
import { vnIsoDateTime } from '../../../platform/time/vn-time.js';
import { recordAudit } from '../../audit/index.js';
import type { OpinionAnswer } from '../db/schema.js';
import type { MeetingsContext } from '../meetings.context.js';
import { meetingsRepository as repo } from '../meetings.repository.js';
import { requireStaff } from './common.js';

const LABEL: Record<OpinionAnswer, string> = { agree: 'Đồng ý', disagree: 'Không đồng ý', other: 'Ý kiến khác' };

/** `2026-12-08T17:00:00+07:00` → `17:00 ngày 08/12/2026` */
const vnWhen = (d: Date) => {
  const [date, time] = vnIsoDateTime(d).split('T') as [string, string];
  return `${time.slice(0, 5)} ngày ${date.split('-').reverse().join('/')}`;
};

export interface OpinionDecisionInput {
  /** `TB`: Thông báo kết quả lấy ý kiến; `QD`: Quyết định. */
  type: 'TB' | 'QD';
  signerName: string;
  signerPosition: string;
}

/**
 * The result of a closed written-opinion round becomes a document (issue 15: "the result closes the question
 * and can become a decision document"): who sent the question drafts, in the documents module, a Thông báo
 * kết quả lấy ý kiến (TB) or a Quyết định (QĐ) whose text is the tally — the question, the papers, each member
 * asked with his answer, its text and time (or no answer), the counts and the result. From there it follows the
 * documents module's own path as the conclusions of a meeting do (`minutes.ts`, the same `draftDocument`
 * port): submitted, signed by the leader with his certificate, issued with its number. One document per round
 * (the documents module's idempotency key `opinion-decision-<id>`: a retry answers the same document).
 */
export async function draftOpinionDecision(
  ctx: MeetingsContext,
  actor: ActorContext,
  principal: Principal,
  id: string,
  i: OpinionDecisionInput,
) {
  const p = requireStaff(principal);
  const r = await repo.request(ctx.db, id);
  const answers = r ? await repo.answersOf(ctx.db, r.id) : [];
  const asked = answers.some((x) => x.userId === p.userId);
  if (!r || (r.createdBy !== p.userId && !asked))
    throw new NotFoundError('OPINION_REQUEST_NOT_FOUND', 'No written opinion request with this id.');
  if (r.createdBy !== p.userId)
    throw new ForbiddenError('OPINION_OWNER_ONLY', 'Only who sent the question drafts its result.');
  if (r.status !== 'closed' || !r.result)
    throw new ConflictError('OPINION_NOT_CLOSED', 'Draft the result once the round is closed.', { status: r.status });

  const n = (a: OpinionAnswer) => answers.filter((x) => x.answer === a).length;
  const answered = answers.filter((x) => x.answeredAt);
  const inTime = answered.filter((x) => x.answeredAt! <= r.deadline).length;
  const body = [
    `Câu hỏi lấy ý kiến: ${r.question}`,
    ...(r.papers.length ? [`Tài liệu kèm theo: ${r.papers.map((x) => x.name).join('; ')}.`] : []),
    `Hạn trả lời: ${vnWhen(r.deadline)}. Số thành viên được lấy ý kiến: ${answers.length}; đã trả lời: ${answered.length} (đúng hạn: ${inTime}).`,
    `Đồng ý: ${n('agree')}; không đồng ý: ${n('disagree')}; ý kiến khác: ${n('other')}; không trả lời: ${answers.length - answered.length}.`,
    'Ý kiến của từng thành viên (phiếu có chữ ký số):',
    ...answers.map((x, k) =>
      x.answer && x.answeredAt
        ? `${k + 1}. ${x.fullName}: ${LABEL[x.answer]}${x.text ? ` – ${x.text}` : ''} (${vnWhen(x.answeredAt)}).`
        : `${k + 1}. ${x.fullName}: không trả lời.`,
    ),
    r.result === 'agreed'
      ? `Kết quả: đa số thành viên được lấy ý kiến (${n('agree')}/${answers.length}) đồng ý; nội dung được thông qua.`
      : `Kết quả: không đủ đa số thành viên được lấy ý kiến đồng ý (${n('agree')}/${answers.length}); nội dung chưa được thông qua.`,
  ];
  const doc = await ctx.ports.draftDocument(
    actor,
    p,
    {
      type: i.type,
      subject:
        i.type === 'QD'
          ? `Quyết định theo kết quả lấy ý kiến thành viên về: ${r.question}`
          : `Thông báo kết quả lấy ý kiến thành viên về: ${r.question}`,
      recipients: [],
      body,
      signerPosition: i.signerPosition,
      signerName: i.signerName,
      issuingAgency: r.agencyCode,
      secret: false,
    },
    `opinion-decision-${r.id}`,
  );
  if (doc.replayed) return { documentId: doc.id, created: false };
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      actor,
      {
        action: 'meeting.opinion_decision_drafted',
        subjectType: 'opinion_request',
        subjectId: r.id,
        after: { documentId: doc.id, type: i.type, result: r.result },
      },
      ctx.clock.now(),
    ),
  );
  return { documentId: doc.id, created: true };
}
