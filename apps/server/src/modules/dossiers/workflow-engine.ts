import type { WorkflowAction, WorkflowDefinition, WorkflowState } from '../procedures/index.js';

/** Who is acting on a dossier, as the workflow sees it. */
export interface Actor {
  roles: string[];
  isApplicant: boolean;
  /** Staff of the receiving agency (or above it). */
  inAgency: boolean;
  /** The specialist the dossier is assigned to (possibly in a department below the receiving agency). */
  isAssignee: boolean;
  /**
   * Staff of the one-stop desk that received the dossier for another competent agency of the province
   * (Decree 118/2025 Art 14(2)): they read it, and take only these actions (returning the result there).
   */
  isReceiver?: boolean;
  receiverActions?: string[];
  /**
   * The receiving desk took the dossier in but could not receive it on the spot (a fee due before
   * receipt was unpaid): once paid, it takes the receipt itself, since the applicant stands there.
   */
  receiverReceives?: boolean;
}

/** The leader's approval: the step a procedure may ask to confirm with a second factor (ADR 0029). */
export const APPROVAL_ACTION = 'approve';

/**
 * Does this action put the dossier before the leader (into a state the approval leaves from)? Such a
 * step (Trình phê duyệt) may carry the specialist's draft result.
 */
export function acceptsDraft(w: WorkflowDefinition, a: WorkflowAction): boolean {
  return w.actions.some((x) => x.key === APPROVAL_ACTION && x.from.includes(a.to));
}

/** May the caller read the drafts put before the leader (the agency's staff and the assignee)? */
export const mayReadDrafts = (a: Actor) => a.inAgency || a.isAssignee;

/** May the caller see the dossier at all? */
export const maySee = (a: Actor) => a.isApplicant || a.inAgency || a.isAssignee || a.isReceiver === true;

export function stateOf(w: WorkflowDefinition, key: string): WorkflowState {
  const s = w.states.find((x) => x.key === key);
  if (!s) throw new Error(`unknown state ${key}`);
  return s;
}

/** The receipt: from the initial state into one where the statutory clock runs. */
export const isReceipt = (w: WorkflowDefinition, a: WorkflowAction) =>
  a.from.includes(w.initial) && stateOf(w, a.to).clock === 'running';

/** May this actor take this action? Applicants act as `applicant`; staff by role within their agency. */
export function mayAct(a: WorkflowAction, actor: Actor, w?: WorkflowDefinition): boolean {
  if (a.roles.includes('applicant') && actor.isApplicant) return true;
  if (actor.receiverActions?.includes(a.key) && a.roles.some((r) => actor.roles.includes(r))) return true;
  if (actor.receiverReceives && w && isReceipt(w, a) && a.roles.some((r) => actor.roles.includes(r))) return true;
  if (!actor.inAgency && !actor.isAssignee) return false;
  // A specialist acts only on dossiers assigned to them.
  if (
    a.roles.includes('specialist') &&
    actor.roles.includes('specialist') &&
    !actor.roles.some((r) => r !== 'specialist' && a.roles.includes(r))
  ) {
    return actor.isAssignee;
  }
  return a.roles.some((r) => r !== 'applicant' && actor.roles.includes(r));
}

/** The actions the actor may take now (for `allowedActions[]`). */
export function allowedActions(w: WorkflowDefinition, state: string, actor: Actor): string[] {
  return w.actions.filter((a) => a.from.includes(state) && mayAct(a, actor, w)).map((a) => a.key);
}

export type TransitionProblem = 'UNKNOWN_ACTION' | 'ACTION_NOT_ALLOWED_IN_STATE' | 'ACTION_FORBIDDEN_FOR_ROLE';

/** Check an action; returns the action or why not (409 for the state, 403 for the role). */
export function checkTransition(
  w: WorkflowDefinition,
  state: string,
  action: string,
  actor: Actor,
): WorkflowAction | TransitionProblem {
  const a = w.actions.find((x) => x.key === action);
  if (!a) return 'UNKNOWN_ACTION';
  if (!mayAct(a, actor, w)) return 'ACTION_FORBIDDEN_FOR_ROLE';
  if (!a.from.includes(state)) return 'ACTION_NOT_ALLOWED_IN_STATE';
  return a;
}
