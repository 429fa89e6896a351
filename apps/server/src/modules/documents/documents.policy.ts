import type { Direction, PendingChange, Secrecy } from './db/schema.js';

/** Roles that work with documents: văn thư, chuyên viên, lãnh đạo. */
export const DOCUMENT_ROLES = ['clerk', 'specialist', 'leader'] as const;

export const OUTGOING_STATUSES = ['draft', 'in_review', 'to_sign', 'returned', 'signed', 'issued', 'sent'] as const;
export const INCOMING_STATUSES = [
  'arrived',
  'registered',
  'rejected',
  'assigned',
  'in_progress',
  'completed',
  'revoked',
  'replaced',
] as const;

/** How the caller stands to one document. */
export interface DocActor {
  roles: string[];
  /** Staff of the owning agency or above it. */
  inAgency: boolean;
  isCreator: boolean;
  isHandler: boolean;
  /** Staff of the lead unit or a supporting unit the leader named. */
  inHandlingUnit: boolean;
}

export interface DocState {
  direction: Direction;
  status: string;
  secrecy: Secrecy;
  pendingChange: PendingChange | null;
  hasRecipients: boolean;
}

interface ActionRule {
  direction: Direction | 'both';
  from: readonly string[] | 'any';
  /** The status after; `null`: unchanged. */
  to: string | null;
  who: (a: DocActor) => boolean;
  /** Extra condition on the document (beyond the status). */
  when?: (d: DocState) => boolean;
}

const has = (a: DocActor, r: string) => a.roles.includes(r);
const agencyRole = (r: string) => (a: DocActor) => a.inAgency && has(a, r);
const handler = (a: DocActor) =>
  a.isHandler || (a.inHandlingUnit && (has(a, 'specialist') || has(a, 'leader'))) || (a.inAgency && has(a, 'leader'));

export const ACTIONS = {
  comment: {
    direction: 'both',
    from: 'any',
    to: null,
    who: (a) => (a.inAgency || a.isHandler || a.inHandlingUnit) && DOCUMENT_ROLES.some((r) => has(a, r)),
  },
  add_version: {
    direction: 'outgoing',
    from: ['draft', 'returned'],
    to: null,
    who: (a) => a.isCreator || agencyRole('leader')(a),
  },
  submit: { direction: 'outgoing', from: ['draft', 'returned'], to: 'in_review', who: (a) => a.isCreator },
  review: { direction: 'outgoing', from: ['in_review'], to: 'to_sign', who: agencyRole('leader') },
  return: { direction: 'outgoing', from: ['in_review', 'to_sign'], to: 'returned', who: agencyRole('leader') },
  sign: { direction: 'outgoing', from: ['in_review', 'to_sign'], to: 'signed', who: agencyRole('leader') },
  issue: { direction: 'outgoing', from: ['signed'], to: 'issued', who: agencyRole('clerk') },
  send: {
    direction: 'outgoing',
    from: ['issued'],
    to: 'sent',
    who: agencyRole('clerk'),
    when: (d) => d.secrecy === 'none' && d.hasRecipients,
  },
  revoke: { direction: 'outgoing', from: ['sent'], to: null, who: agencyRole('clerk') },
  update: { direction: 'outgoing', from: ['sent'], to: null, who: agencyRole('clerk') },
  replace: { direction: 'outgoing', from: ['sent'], to: null, who: agencyRole('clerk') },
  register: { direction: 'incoming', from: ['arrived'], to: 'registered', who: agencyRole('clerk') },
  reject: { direction: 'incoming', from: ['arrived'], to: 'rejected', who: agencyRole('clerk') },
  assign: { direction: 'incoming', from: ['registered', 'assigned'], to: 'assigned', who: agencyRole('leader') },
  progress: { direction: 'incoming', from: ['assigned', 'in_progress'], to: 'in_progress', who: handler },
  complete: { direction: 'incoming', from: ['assigned', 'in_progress'], to: 'completed', who: handler },
  accept_change: {
    direction: 'incoming',
    from: 'any',
    to: null,
    who: agencyRole('clerk'),
    when: (d) => d.pendingChange !== null,
  },
  refuse_change: {
    direction: 'incoming',
    from: 'any',
    to: null,
    who: agencyRole('clerk'),
    when: (d) => d.pendingChange !== null,
  },
} satisfies Record<string, ActionRule>;

export type DocumentAction = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as DocumentAction[];

const rule = (name: DocumentAction): ActionRule => ACTIONS[name];

function applies(r: ActionRule, d: DocState) {
  return (
    (r.direction === 'both' || r.direction === d.direction) &&
    (r.from === 'any' || r.from.includes(d.status)) &&
    (!r.when || r.when(d))
  );
}

/** The actions the caller may take now (`allowedActions[]`); secret documents never offer `send`. */
export function allowedActions(d: DocState, a: DocActor): DocumentAction[] {
  return ACTION_NAMES.filter((n) => applies(rule(n), d) && rule(n).who(a));
}

export type Refusal =
  | 'UNKNOWN_ACTION'
  | 'ACTION_FORBIDDEN_FOR_ROLE'
  | 'ACTION_NOT_ALLOWED_IN_STATE'
  | 'SECRET_DOCUMENT_NOT_EXCHANGEABLE'
  | 'NO_RECIPIENTS';

/** Why an action cannot be taken (403 for the role, 409 for the state), or null when it can. */
export function refusal(name: string, d: DocState, a: DocActor): Refusal | null {
  if (!(name in ACTIONS)) return 'UNKNOWN_ACTION';
  const r = rule(name as DocumentAction);
  if (!r.who(a)) return 'ACTION_FORBIDDEN_FOR_ROLE';
  if (name === 'send' && d.direction === 'outgoing' && d.status === 'issued') {
    if (d.secrecy !== 'none') return 'SECRET_DOCUMENT_NOT_EXCHANGEABLE';
    if (!d.hasRecipients) return 'NO_RECIPIENTS';
  }
  return applies(r, d) ? null : 'ACTION_NOT_ALLOWED_IN_STATE';
}

export function nextStatus(name: DocumentAction, current: string): string {
  return rule(name).to ?? current;
}
