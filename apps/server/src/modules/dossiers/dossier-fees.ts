import type { WorkflowState } from '../procedures/index.js';
import type { DossierRow } from './dossiers.repository.js';

/**
 * The fee rule (ADR 0005): with `before` collection a dossier is not received until its fee is
 * paid; with `after` (and a fee an officer set on a free procedure) the result is not returned
 * until it is paid. While a dossier waits for its fee the national portal shows status 6
 * (Yêu cầu thực hiện nghĩa vụ tài chính).
 */
export type FeeFields = Pick<DossierRow, 'feeCollection' | 'feeAmount' | 'feePaidAt'>;

export const AWAITING_FEE_STATUS = 6;
export const AWAITING_FEE_LABEL = { vi: 'Chờ thực hiện nghĩa vụ tài chính', en: 'Awaiting fee payment' };

export function feeDue(d: FeeFields): boolean {
  return d.feeCollection !== 'free' && d.feeAmount > 0 && !d.feePaidAt;
}

/**
 * Portal codes of the states in which a dossier ends without a result: refused (3), withdrawn (7),
 * processing stopped (8). An unpaid fee is no longer owed there.
 */
export const ENDED_WITHOUT_RESULT: ReadonlySet<number> = new Set([3, 7, 8]);

/** Does the applicant still owe the fee? Not once the dossier ended without a result. */
export function feeOwed(d: FeeFields & { statusCode: number }): boolean {
  return feeDue(d) && !ENDED_WITHOUT_RESULT.has(d.statusCode);
}

/** Is the dossier held in this state by its unpaid fee? */
export function heldByFee(d: FeeFields, state: Pick<WorkflowState, 'clock' | 'statusCode'>): boolean {
  if (!feeDue(d)) return false;
  if (state.clock === 'not_started' && state.statusCode === 1) return d.feeCollection === 'before';
  return state.statusCode === 9;
}

/** The portal status code: the state's, or 6 while the fee holds the dossier. */
export function statusCodeOf(d: FeeFields, state: Pick<WorkflowState, 'clock' | 'statusCode'>): number {
  return heldByFee(d, state) ? AWAITING_FEE_STATUS : state.statusCode;
}

/** Does the unpaid fee forbid this transition (receipt for `before`, returning the result always)? */
export function feeBlocks(
  d: FeeFields,
  from: Pick<WorkflowState, 'clock'>,
  to: Pick<WorkflowState, 'clock' | 'statusCode'>,
): boolean {
  if (!feeDue(d)) return false;
  if (to.statusCode === 10) return true;
  return d.feeCollection === 'before' && from.clock === 'not_started' && to.clock === 'running';
}
