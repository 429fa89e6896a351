import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { Tx } from '../../../platform/db/index.js';
import { recordAudit } from '../../audit/index.js';
import type { MeetingsContext } from '../meetings.context.js';
import {
  ANSWERED_BY_DEPUTY,
  mayEditAgenda,
  type MeetingActor,
  type MeetingAction,
  MEETING_ACTIONS,
} from '../meetings.policy.js';
import { meetingsRepository as repo, type MeetingRow, type ParticipantRow } from '../meetings.repository.js';

export const notFound = () => new NotFoundError('MEETING_NOT_FOUND', 'No meeting with this id.');

/** Roles that prepare meetings at the body's agency (văn phòng: chuyên viên, văn thư; lãnh đạo). */
export const ORGANISER_ROLES = ['leader', 'specialist', 'clerk'];

/** How `p` stands to the meeting: his participant row; an outsider gets 404 (not 403: the meeting is not revealed). */
export async function standing(
  ctx: MeetingsContext,
  p: Principal,
  meetingId: string,
  ex: Tx | MeetingsContext['db'] = ctx.db,
): Promise<{ m: MeetingRow; me: ParticipantRow; actor: MeetingActor }> {
  const r = await repo.meetingAndParticipant(ex, meetingId, p.userId);
  const m = r?.m;
  const me = r?.me;
  if (!m || !me) throw notFound();
  return { m, me, actor: { role: me.role, delegate: !!me.delegateFor, sentDeputy: me.reply === 'delegated' } };
}

/** 403 unless the role may take the action, 409 unless the status allows it. */
export function assertAction(m: MeetingRow, a: MeetingActor, action: MeetingAction) {
  const r = MEETING_ACTIONS[action];
  if (!a.role || !(r.who as readonly string[]).includes(a.role))
    throw new ForbiddenError('MEETING_ROLE_FORBIDDEN', 'Your part in this meeting does not allow this.', {
      action,
      role: a.role,
    });
  if (a.sentDeputy && ANSWERED_BY_DEPUTY.includes(action))
    throw new ConflictError('MEETING_DEPUTY_SENT', 'You sent a deputy to this meeting; he attends in your place.', {
      action,
    });
  if (!(r.from as readonly string[]).includes(m.status))
    throw new ConflictError('MEETING_STATUS_CONFLICT', `Not possible while the meeting is ${m.status}.`, {
      action,
      status: m.status,
    });
}

export async function audit(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  action: string,
  subjectId: string,
  after?: Record<string, unknown>,
  before?: Record<string, unknown>,
) {
  await recordAudit(tx, actor, { action, subjectType: 'meeting', subjectId, after, before }, now);
}

/** Staff only: citizens and businesses take no part in meetings. */
export function requireStaff(p: Principal) {
  if (p.kind !== 'staff')
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Meetings are for civil servants.', { requiredKind: 'staff' });
  return p;
}

/** 403 unless the civil servant has an organiser's role (leader, specialist, clerk). */
export function assertOrganiser(p: Principal) {
  if (!ORGANISER_ROLES.some((r) => p.roles.includes(r)))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not allow this.', { requiredRoles: ORGANISER_ROLES });
}

/**
 * The body an organiser prepares for: the agency named (his own when none is), which must be his or
 * one above it (`refusal` says what he may do otherwise).
 */
export async function organisedBody(
  ctx: MeetingsContext,
  principal: Principal,
  agencyCode: string | undefined,
  refusal: string,
) {
  const p = requireStaff(principal);
  assertOrganiser(p);
  const code = agencyCode ?? p.agencyCode;
  const body = code ? await ctx.ports.directory.find(code) : null;
  if (!body) throw ValidationError.field('agencyCode', 'AGENCY_NOT_FOUND', 'Unknown agency code.');
  if (!p.agencyCode || !(await ctx.ports.directory.isWithin(body.code, p.agencyCode)))
    throw new ForbiddenError('FORBIDDEN_AGENCY', refusal);
  return { p, body };
}

/** 403 to a member or a guest; 409 once the session is closed (or the meeting cancelled). */
export function assertAgendaEditor(m: MeetingRow, a: MeetingActor) {
  if (a.role !== 'chair' && a.role !== 'secretary')
    throw new ForbiddenError('MEETING_ROLE_FORBIDDEN', 'Only the chair or the secretary sets the agenda.');
  if (!mayEditAgenda(a.role, m.status))
    throw new ConflictError('MEETING_STATUS_CONFLICT', `Not possible while the meeting is ${m.status}.`, {
      status: m.status,
    });
}
