import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { type AppError, ConflictError } from '../../../platform/http/errors.js';
import { storedAnswer, withIdempotency } from '../../../platform/idempotency/index.js';
import type { PasskeyAssertion } from '../../identity/index.js';
import type { DocumentsContext } from '../documents.context.js';
import { refusal } from '../documents.policy.js';
import { documentsRepository as repo } from '../documents.repository.js';
import { actOnDocument, stateOf } from './act.js';
import { requireDocumentStaff, visibleDocument } from './common.js';

export interface BulkSignInput {
  documentIds: string[];
  signerPosition: string;
  signerCompetence?: string;
  certificateId?: string;
  otp?: string;
  passkey?: PasskeyAssertion;
}

export interface BulkSignResult {
  id: string;
  subject: string | null;
  /** `signed` now, `already_signed` by this leader earlier (a retry), or `failed` with the error's code. */
  outcome: 'signed' | 'already_signed' | 'failed';
  code: string | null;
  detail: string | null;
}

/**
 * Ký số hàng loạt: the leader signs the documents he reviewed with one confirmation (a TOTP code or a
 * passkey for `signature:<certificateId>`); each document is signed, stored and audited on its own, and
 * a failure stops only its document. Retry-safe: what he already signed is reported, not signed again,
 * and with an Idempotency-Key a repeated request replays the first answer.
 */
export async function signDocuments(
  ctx: DocumentsContext,
  actor: ActorContext,
  principal: Principal,
  input: BulkSignInput,
  idempotencyKey: string | undefined,
): Promise<{ status: number; body: { items: BulkSignResult[] }; replayed: boolean }> {
  const p = requireDocumentStaff(principal, ['leader']);
  const ids = [...new Set(input.documentIds)];
  // The secret (code, assertion) is not part of what is repeated: the same list by the same leader is the same request.
  const request = {
    ids,
    position: input.signerPosition,
    competence: input.signerCompetence,
    cert: input.certificateId,
  };
  const scope = `document.bulk-sign:${p.userId}`;
  const prev = await storedAnswer<{ items: BulkSignResult[] }>(ctx.db, scope, idempotencyKey, request);
  if (prev) return prev;

  // Check each document first, so the confirmation is spent only when there is something to sign.
  const results = new Map<string, BulkSignResult>();
  const todo: string[] = [];
  for (const id of ids) {
    const r: BulkSignResult = { id, subject: null, outcome: 'failed', code: null, detail: null };
    results.set(id, r);
    try {
      const { d, who } = await visibleDocument(ctx, p, id);
      r.subject = d.subject;
      if (d.signerId === p.userId && d.signedAt) {
        r.outcome = 'already_signed';
        continue;
      }
      const count = (await repo.recipients(ctx.db, id)).length;
      const refused = refusal('sign', stateOf(d, count), who);
      if (refused) throw new ConflictError(refused, `This document cannot be signed now (${d.status}).`);
      todo.push(id);
    } catch (e) {
      r.code = (e as AppError).code ?? 'INTERNAL';
      r.detail = (e as Error).message;
    }
  }
  if (todo.length > 0) {
    const signer = await ctx.signing.confirmLeader({
      principal: p,
      actor,
      certificateId: input.certificateId,
      otp: input.otp,
      passkey: input.passkey,
    });
    for (const id of todo) {
      const r = results.get(id)!;
      try {
        await actOnDocument(
          ctx,
          actor,
          p,
          id,
          { action: 'sign', signerPosition: input.signerPosition, signerCompetence: input.signerCompetence },
          signer,
        );
        r.outcome = 'signed';
      } catch (e) {
        r.code = (e as AppError).code ?? 'INTERNAL';
        r.detail = (e as Error).message;
      }
    }
  }
  const body = { items: ids.map((id) => results.get(id)!) };
  if (idempotencyKey === undefined) return { status: 200, body, replayed: false };
  return withIdempotency(ctx.db, scope, idempotencyKey, request, async () => ({ status: 200, body }));
}
