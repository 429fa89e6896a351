import { sql, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db, Executor } from '../../platform/db/index.js';
import { insertInto, type RawStatement } from '../../platform/db/insert.js';
import { events } from './db/schema.js';
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

/**
 * Record an event inside the caller's transaction: it exists exactly when the change commits. It
 * joins the hash chain shortly after, when the sealer gives it its place (`sealAudit`): writers
 * never wait for each other on the head of the chain (ADR 0012).
 */
export async function recordAudit(tx: Executor, ctx: ActorContext, input: AuditInput, now: Date = new Date()) {
  const row = pendingEvent(ctx, input, now);
  await auditRepository.insertPending(tx, row);
  return row.id;
}

/** Several events in one statement, inside the caller's transaction (a batch of writes by several actors). */
export async function recordAudits(
  tx: Executor,
  entries: { actor: ActorContext; input: AuditInput }[],
  now: Date = new Date(),
) {
  if (entries.length === 0) return;
  await auditRepository.insertPendingMany(
    tx,
    entries.map((e) => pendingEvent(e.actor, e.input, now)),
  );
}

/** The same, as a statement for a batch of writes (`runBatch`). */
export function auditStatement(ctx: ActorContext, input: AuditInput, now: Date = new Date()): RawStatement {
  return insertInto(events, [pendingEvent(ctx, input, now)]);
}

/**
 * Events for a batch whose outcome the database decides in the same round trip (`runBatchRows`):
 * each entry has a key, and only the entries whose key is among the rows of `keys` (a query of one
 * text column, run in the same transaction after the writes it looks at) are recorded. So a batch of
 * writes some of which may be refused (a repeat) records exactly the events of those that were made.
 */
export function auditStatementFor(
  entries: { key: string; actor: ActorContext; input: AuditInput }[],
  keys: SQL,
  now: Date = new Date(),
): SQL {
  const rows = entries.map((e) => {
    const r = pendingEvent(e.actor, e.input, now);
    return {
      k: e.key,
      id: r.id,
      at: r.occurredAt.toISOString(),
      ai: r.actorId,
      an: r.actorName,
      ac: r.agencyCode,
      a: r.action,
      st: r.subjectType,
      si: r.subjectId,
      ip: r.ip,
      ua: r.userAgent,
      b: r.before,
      af: r.after,
    };
  });
  return sql`insert into ${events} (id, occurred_at, actor_id, actor_name, agency_code, action, subject_type, subject_id, ip, user_agent, before, after)
    select v.id, v.at, v.ai, v.an, v.ac, v.a, v.st, v.si, v.ip, v.ua, v.b, v.af
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as v(k text, id text, at timestamptz, ai text, an text, ac text, a text, st text, si text, ip text, ua text, b jsonb, af jsonb)
    where v.k in (${keys})`;
}

function pendingEvent(ctx: ActorContext, input: AuditInput, now: Date) {
  return {
    id: newId('aud'),
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
}

/**
 * Chain the committed events that have no place yet, in batches, under the head's row lock (one
 * sealer at a time across processes): each gets seq = head + 1 and hash = SHA-256(prev ‖ event),
 * read back from the database exactly as `verifyAuditChain` will read it. Returns how many.
 */
export async function sealAudit(db: Db, batch = 1000): Promise<number> {
  if (!(await auditRepository.hasPending(db))) return 0;
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const head = await auditRepository.lockHead(tx);
      const pending = await auditRepository.pending(tx, batch);
      if (pending.length === 0) return 0;
      let prevHash = head.hash;
      let seq = head.seq;
      const sealed = pending.map((e) => {
        seq++;
        const { seq: _s, prevHash: _p, hash: _h, ...fields } = e;
        const hash = chainHash(prevHash, { ...fields, seq });
        const row = { id: e.id, seq, prevHash, hash };
        prevHash = hash;
        return row;
      });
      await auditRepository.seal(tx, sealed, { seq, hash: prevHash });
      return sealed.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

/** Seals in the background every `pollMs` (the server's workers); stop() seals what is left. */
export class AuditSealer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly pollMs: number,
  ) {}

  start() {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = sealAudit(this.db).catch((err) => this.log.error({ err }, 'audit seal failed'));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.pollMs);
    };
    this.timer = setTimeout(() => void tick(), this.pollMs);
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await sealAudit(this.db).catch((err) => this.log.error({ err }, 'audit seal failed'));
  }
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId?: string;
  firstBrokenSeq?: number;
  reason?: 'HASH_MISMATCH' | 'CHAIN_LINK_BROKEN' | 'SEQUENCE_GAP' | 'TAIL_MISSING';
}

/** Seal what is pending, then walk the whole chain: a changed, inserted or deleted row breaks it. */
export async function verifyAuditChain(db: Db, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  await sealAudit(db);
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const batch = await auditRepository.batchAfter(db, expectedSeq - 1, 2000);
    if (batch.length === 0) break;
    for (const e of batch) {
      if (e.seq !== expectedSeq)
        return { ok: false, checked, firstBrokenId: e.id, firstBrokenSeq: expectedSeq, reason: 'SEQUENCE_GAP' };
      if (e.prevHash !== prevHash)
        return { ok: false, checked, firstBrokenId: e.id, firstBrokenSeq: e.seq, reason: 'CHAIN_LINK_BROKEN' };
      const { prevHash: _p, hash, ...fields } = e;
      if (chainHash(prevHash, { ...fields, seq: e.seq }) !== hash)
        return { ok: false, checked, firstBrokenId: e.id, firstBrokenSeq: e.seq, reason: 'HASH_MISMATCH' };
      prevHash = hash!;
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
