import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import type { Tx } from '../../../platform/db/index.js';
import { type AppError, ConflictError, ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import type { PasskeyAssertion } from '../../identity/index.js';
import type { DocumentsContext, LeaderSigner } from '../documents.context.js';
import { type DocActor, type DocState, type DocumentAction, nextStatus, refusal } from '../documents.policy.js';
import { type DocumentRow, documentsRepository as repo, type RecipientRow } from '../documents.repository.js';
import { seriesOf } from '../numbering.js';
import { visibleDocument } from './common.js';
import { INCOMING_STEPS, prepareIncoming } from './incoming-steps.js';
import { OUTGOING_STEPS, prepareOutgoing } from './outgoing-steps.js';

export interface ActionInput {
  action: string;
  note?: string;
  fileIds?: string[];
  signerPosition?: string;
  signerCompetence?: string;
  /** sign: the leader's person certificate, when they hold several. */
  certificateId?: string;
  /** sign: the code of the leader's authenticator, confirming this signature. */
  otp?: string;
  /** sign: instead of `otp`, a passkey assertion for POST /api/auth/mfa/passkey/action-options with `signature:<certificateId>`. */
  passkey?: PasskeyAssertion;
  leadUnit?: string;
  handlerId?: string;
  supportingUnits?: string[];
  handlingDueDate?: string;
}

/** What a step may use: the locked document, the caller, what was read before the transaction. */
export interface StepContext {
  ctx: DocumentsContext;
  tx: Tx;
  d: DocumentRow;
  p: Principal;
  actor: ActorContext;
  input: ActionInput;
  pre: Record<string, unknown>;
  now: Date;
  recipients: RecipientRow[];
}

/** A step's outcome: the columns to change, the note for the history, what the audit event keeps. */
export interface StepResult {
  patch?: Partial<DocumentRow>;
  note?: string | null;
  after?: Record<string, unknown>;
  /** Skip the history line (comments are their own record). */
  quiet?: boolean;
}

export type Step = (s: StepContext) => Promise<StepResult>;

const STEPS: Partial<Record<DocumentAction, Step>> = { ...OUTGOING_STEPS, ...INCOMING_STEPS };

export const stateOf = (d: DocumentRow, recipients: number): DocState => ({
  direction: d.direction,
  status: d.status,
  secrecy: d.secrecy,
  pendingChange: d.pendingChange ?? null,
  hasRecipients: recipients > 0,
});

function refuse(action: string, d: DocumentRow, recipients: number, who: DocActor) {
  const r = refusal(action, stateOf(d, recipients), who);
  if (!r) return;
  if (r === 'UNKNOWN_ACTION') throw ValidationError.field('action', 'UNKNOWN_ACTION', `No action ${action}.`);
  if (r === 'ACTION_FORBIDDEN_FOR_ROLE')
    throw new ForbiddenError(r, 'Your role cannot take this action on this document.', { action });
  if (r === 'SECRET_DOCUMENT_NOT_EXCHANGEABLE')
    throw new ConflictError(r, 'Secret documents (Mật, Tối mật, Tuyệt mật) are never sent through the exchange.', {
      secrecy: d.secrecy,
    });
  if (r === 'NO_RECIPIENTS') throw new ConflictError(r, 'The document has no recipients.');
  throw new ConflictError(r, `Not possible while the document is ${d.status}.`, { action, status: d.status });
}

/** Issues of one agency's series in this process, one at a time (a number is read before the seal and taken after it). */
const issuing = new Map<string, Promise<unknown>>();
async function serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (issuing.get(key) ?? Promise.resolve()).catch(() => undefined).then(fn);
  const tail = run.catch(() => undefined);
  issuing.set(key, tail);
  try {
    return await run;
  } finally {
    if (issuing.get(key) === tail) issuing.delete(key);
  }
}

/**
 * Take an action on a document. Other modules are asked before the transaction (on PGlite a facade
 * call inside it would wait forever); inside, the row is locked and the state checked again, so a
 * double click or a concurrent clerk gets 409 and nothing happens twice.
 *
 * Issuing seals the PDF with its number before the transaction takes that number: the issues of a
 * series are serialised in this process, and when another process took the number meanwhile
 * (DOCUMENT_NUMBER_TAKEN) the whole step is redone with the next one, so the register has no gap.
 */
export async function actOnDocument(
  ctx: DocumentsContext,
  actor: ActorContext,
  p: Principal,
  id: string,
  input: ActionInput,
  /** sign: a batch's signer, confirmed once for the whole list (no `otp` or `passkey` per document). */
  leaderSigner?: LeaderSigner,
) {
  if (input.action !== 'issue') return attempt(ctx, actor, p, id, input, leaderSigner);
  const { d } = await visibleDocument(ctx, p, id);
  return serialised(`${d.agencyCode}|${seriesOf(d.secrecy)}`, async () => {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt(ctx, actor, p, id, input);
      } catch (e) {
        if ((e as AppError).code !== 'DOCUMENT_NUMBER_TAKEN' || tries >= 10) throw e;
      }
    }
  });
}

async function attempt(
  ctx: DocumentsContext,
  actor: ActorContext,
  p: Principal,
  id: string,
  input: ActionInput,
  leaderSigner?: LeaderSigner,
) {
  const { d: d0, who } = await visibleDocument(ctx, p, id);
  const count0 = (await repo.recipients(ctx.db, id)).length;
  refuse(input.action, d0, count0, who);
  const action = input.action as DocumentAction;
  const pre =
    d0.direction === 'outgoing'
      ? await prepareOutgoing(ctx, actor, p, d0, input, leaderSigner)
      : await prepareIncoming(ctx, p, d0, input);
  const step = STEPS[action];
  if (!step) throw ValidationError.field('action', 'UNKNOWN_ACTION', `No action ${action}.`);

  return ctx.db.transaction(async (tx) => {
    const d = (await repo.lockById(tx, id))!;
    const recipients = await repo.recipients(tx, id);
    refuse(action, d, recipients.length, who);
    const now = ctx.clock.now();
    const r = await step({ ctx, tx, d, p, actor, input, pre, now, recipients });
    const status = r.patch?.status ?? nextStatus(action, d.status);
    const updated = await repo.update(tx, id, { ...r.patch, status, updatedAt: now });
    if (!r.quiet) {
      await repo.addHistory(tx, {
        id: newId('dhi'),
        documentId: id,
        action,
        fromStatus: d.status,
        toStatus: status,
        actorId: p.userId,
        actorName: p.fullName,
        note: r.note ?? input.note?.trim() ?? null,
        at: now,
      });
    }
    // Last: the audit chain's head row is a global lock held until commit.
    await recordAudit(
      tx,
      actor,
      {
        action: `document.${action}`,
        subjectType: 'document',
        subjectId: id,
        before: { status: d.status },
        after: { status, ...r.after },
      },
      now,
    );
    return updated;
  });
}
