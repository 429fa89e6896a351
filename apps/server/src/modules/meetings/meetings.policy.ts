import type { MeetingStatus, ParticipantRole } from './db/schema.js';

/** How the caller stands to one meeting. `null` role: an outsider (sees nothing: 404). */
export interface MeetingActor {
  role: ParticipantRole | null;
  /** A deputy attending for a member: acts as a member. */
  delegate: boolean;
  /** A member who sent a deputy: he has answered (no confirming, declining or a second deputy). */
  sentDeputy?: boolean;
}

/** What a member who sent a deputy may no longer do: the deputy attends in his place. */
export const ANSWERED_BY_DEPUTY: readonly MeetingAction[] = ['confirm', 'decline', 'delegate'];

interface Rule {
  from: readonly MeetingStatus[];
  to: MeetingStatus | null;
  who: readonly ParticipantRole[];
}

/**
 * The workflow of a meeting: draft → convened → in_session → closed → minutes_issued (or cancelled
 * before the session). `allowedActions` comes from this table, so the web app offers exactly what the
 * server accepts.
 */
export const MEETING_ACTIONS = {
  convene: { from: ['draft'], to: 'convened', who: ['chair', 'secretary'] },
  cancel: { from: ['draft', 'convened'], to: 'cancelled', who: ['chair', 'secretary'] },
  confirm: { from: ['convened', 'in_session'], to: null, who: ['member', 'guest'] },
  decline: { from: ['convened'], to: null, who: ['member', 'guest'] },
  delegate: { from: ['convened'], to: null, who: ['member'] },
  attendance: { from: ['convened', 'in_session'], to: null, who: ['secretary'] },
  open: { from: ['convened'], to: 'in_session', who: ['chair'] },
  adopt_consent: { from: ['in_session'], to: null, who: ['chair'] },
  request_speech: { from: ['in_session'], to: null, who: ['member', 'chair'] },
  note_opinion: { from: ['in_session'], to: null, who: ['secretary'] },
  decide: { from: ['in_session'], to: null, who: ['chair', 'secretary'] },
  assign_task: { from: ['in_session', 'closed', 'minutes_issued'], to: null, who: ['chair', 'secretary'] },
  close: { from: ['in_session'], to: 'closed', who: ['chair'] },
  issue_minutes: { from: ['closed'], to: 'minutes_issued', who: ['secretary'] },
} as const satisfies Record<string, Rule>;

export type MeetingAction = keyof typeof MEETING_ACTIONS;
export const MEETING_ACTION_NAMES = Object.keys(MEETING_ACTIONS) as MeetingAction[];

/** What the caller may do now: the actions the table allows from this status to this role. */
export function allowedActions(status: MeetingStatus, a: MeetingActor): MeetingAction[] {
  if (!a.role) return [];
  return MEETING_ACTION_NAMES.filter((n) => {
    const r: Rule = MEETING_ACTIONS[n];
    if (!r.from.includes(status) || !r.who.includes(a.role!)) return false;
    // A deputy attends; he does not delegate further.
    if (a.delegate && n === 'delegate') return false;
    if (a.sentDeputy && ANSWERED_BY_DEPUTY.includes(n)) return false;
    return true;
  });
}

/** Who may add items and papers, record positions, vote: by status. */
export const mayEditAgenda = (role: ParticipantRole | null, status: MeetingStatus) =>
  (role === 'chair' || role === 'secretary') && ['draft', 'convened', 'in_session'].includes(status);
/** Positions are recorded before the session by those who vote (chair and members). */
export const mayTakePosition = (role: ParticipantRole | null, status: MeetingStatus) =>
  (role === 'chair' || role === 'member') && status === 'convened';
export const votesAs = (role: ParticipantRole | null) => role === 'chair' || role === 'member';
