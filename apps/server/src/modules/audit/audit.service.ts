import type { Executor } from '../../platform/db/index.js';
import type { ActorContext } from '../../platform/http/auth.js';
import { newId } from '../../platform/ids/index.js';
import { toJsonData } from '../../platform/json.js';
import { GENESIS_HASH, chainHash } from './audit.chain.js';
import { auditRepository } from './audit.repository.js';

export interface AuditInput {
  /** Past-tense, dotted: `user.registered`, `agency.moved`. */
  action: string;
  subjectType: string;
  subjectId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Append an event to the chain inside the caller's transaction. */
export async function recordAudit(tx: Executor, ctx: ActorContext, input: AuditInput, now: Date = new Date()) {
  const head = await auditRepository.lockHead(tx);
  const fields = {
    id: newId('aud'),
    seq: head.seq + 1,
    occurredAt: new Date(Math.floor(now.getTime())),
    actorId: ctx.actorId,
    actorName: ctx.actorName,
    agencyCode: ctx.agencyCode,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    before: toJsonData(input.before ?? null),
    after: toJsonData(input.after ?? null),
  };
  const hash = chainHash(head.hash, fields);
  await auditRepository.append(tx, { ...fields, prevHash: head.hash, hash });
  return fields.id;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId?: string;
  firstBrokenSeq?: number;
  reason?: 'HASH_MISMATCH' | 'CHAIN_LINK_BROKEN' | 'SEQUENCE_GAP' | 'TAIL_MISSING';
}

/** Walk the whole chain: a changed, inserted or deleted row breaks it. */
export async function verifyAuditChain(
  db: Executor,
  onProgress?: (checked: number) => void,
): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const batch = await auditRepository.batchAfter(db, expectedSeq - 1, 2000);
    if (batch.length === 0) break;
    for (const e of batch) {
      if (e.seq !== expectedSeq) return { ok: false, checked, firstBrokenId: e.id, firstBrokenSeq: expectedSeq, reason: 'SEQUENCE_GAP' };
      if (e.prevHash !== prevHash) return { ok: false, checked, firstBrokenId: e.id, firstBrokenSeq: e.seq, reason: 'CHAIN_LINK_BROKEN' };
      const { prevHash: _p, hash, ...fields } = e;
      if (chainHash(prevHash, fields) !== hash) return { ok: false, checked, firstBrokenId: e.id, firstBrokenSeq: e.seq, reason: 'HASH_MISMATCH' };
      prevHash = hash;
      expectedSeq++;
      checked++;
    }
    onProgress?.(checked);
  }
  const head = await auditRepository.head(db);
  if (head && (head.seq !== expectedSeq - 1 || head.hash !== prevHash)) {
    return { ok: false, checked, firstBrokenSeq: expectedSeq, reason: 'TAIL_MISSING' };
  }
  return { ok: true, checked };
}
