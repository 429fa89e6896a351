import type { ActorContext } from '../../../platform/http/auth.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { runBatchRows } from '../../../platform/db/batch.js';
import { auditStatementFor, recordAudit, recordAudits } from '../../audit/index.js';
import { PETITION_NOTIFY_JOB } from '../feedback-contract.js';
import type { FeedbackContext } from '../feedback.context.js';
import { feedbackRepository as repo, type PetitionRow } from '../feedback.repository.js';

/** One person's support waiting for its batch. */
export interface SupportRequest {
  personKey: string;
  userId: string;
  level: string;
  actor: ActorContext;
}

/** What happened to one support: added now, or already there / refused because the petition is closed. */
export interface SupportOutcome {
  added: boolean;
  supportCount: number;
  status: PetitionRow['status'];
  closesAt: Date;
}

interface Waiting extends SupportRequest {
  resolve(o: SupportOutcome): void;
  reject(e: unknown): void;
}

/** At most this many supports in one transaction. */
const MAX_BATCH = 500;

/**
 * Supports to one petition, written in batches (ADR 0020, addendum): every support changes the
 * petition's row (the exact count), and that row lock is held to the commit, so one transaction per
 * support serialises them at one commit each. Here the supports that arrive while a batch is being
 * written wait for the next one, and each batch is one transaction: the rows (the primary key keeps
 * one per person), the count moved by the rows inserted, the threshold crossed at most once, one
 * audit event per support added. No timer: a lone support is written at once; under load a batch
 * holds whatever arrived during the previous commit. One batch at a time per petition in a process;
 * other processes' batches wait on the row lock as single supports did, so the count stays exact.
 */
export class SupportBatcher {
  private readonly queues = new Map<string, Waiting[]>();

  constructor(private readonly ctx: FeedbackContext) {}

  add(petitionId: string, r: SupportRequest): Promise<SupportOutcome> {
    return new Promise<SupportOutcome>((resolve, reject) => {
      const q = this.queues.get(petitionId);
      if (q) {
        q.push({ ...r, resolve, reject });
        return;
      }
      const fresh: Waiting[] = [{ ...r, resolve, reject }];
      this.queues.set(petitionId, fresh);
      void this.drain(petitionId, fresh);
    });
  }

  private async drain(petitionId: string, q: Waiting[]) {
    try {
      while (q.length > 0) await this.flush(petitionId, q.splice(0, MAX_BATCH), true);
    } finally {
      this.queues.delete(petitionId);
    }
  }

  /** One transaction for the batch; if it fails as a whole, each support alone (each gets its own error). */
  private async flush(petitionId: string, batch: Waiting[], retrySingly: boolean): Promise<void> {
    try {
      const outcomes = await this.write(petitionId, batch);
      batch.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (e) {
      if (!retrySingly || batch.length === 1 || e instanceof NotFoundError) {
        for (const w of batch) w.reject(e);
        return;
      }
      for (const w of batch) await this.flush(petitionId, [w], false);
    }
  }

  /**
   * The batch in one round trip (ADR 0020, addendum 5): the petition's row locked, the rows and the
   * count, the audit events of the supports this transaction inserted, committed together at the
   * end (`runBatchRows`: one implicit transaction). A batch that might cross the threshold writes
   * nothing there and is written again in a transaction that opens the response case.
   */
  private async write(petitionId: string, batch: Waiting[]): Promise<SupportOutcome[]> {
    const { ctx } = this;
    const now = ctx.clock.now();
    // The same person twice in one batch (a double click): the first is the candidate, the rest repeats.
    const first = new Map<string, Waiting>();
    for (const w of batch) if (!first.has(w.personKey)) first.set(w.personKey, w);
    const candidates = [...first.values()];
    const statements = repo.addSupportsStatements(
      {
        petitionId,
        people: candidates.map((w) => ({ personKey: w.personKey, userId: w.userId, level: w.level })),
        now,
      },
      (added) =>
        auditStatementFor(
          candidates.map((w) => ({
            key: w.personKey,
            actor: w.actor,
            input: { action: 'petition.supported', subjectType: 'petition', subjectId: petitionId },
          })),
          added,
          now,
        ),
    );
    const rows = await runBatchRows(ctx.db, statements);
    const r = repo.parseAddSupports(rows[1]?.[0]);
    if (!r) throw new NotFoundError('PETITION_NOT_FOUND', `No petition ${petitionId}.`, { id: petitionId });
    if (r.mayCross) return this.writeCrossing(petitionId, batch);
    return batch.map((w) => ({
      added: first.get(w.personKey) === w && r.added.has(w.personKey),
      supportCount: r.supportCount,
      status: r.status,
      closesAt: r.closesAt,
    }));
  }

  /** A batch that may cross the threshold: one transaction with the response case (job, audit). */
  private async writeCrossing(petitionId: string, batch: Waiting[]): Promise<SupportOutcome[]> {
    const { ctx } = this;
    const pet = await repo.petition(ctx.db, petitionId);
    if (!pet) throw new NotFoundError('PETITION_NOT_FOUND', `No petition ${petitionId}.`, { id: petitionId });
    const now = ctx.clock.now();
    const days =
      (await repo.petitionSettings(ctx.db, pet.agencyCode))?.responseWorkingDays ?? ctx.rules.petition.responseDays;
    const responseDueAt = ctx.ports.calendar.dueDate(now, days);
    const first = new Map<string, Waiting>();
    for (const w of batch) if (!first.has(w.personKey)) first.set(w.personKey, w);
    return ctx.db.transaction(async (tx) => {
      const r = await repo.addSupports(tx, {
        petitionId,
        people: [...first.values()].map((w) => ({ personKey: w.personKey, userId: w.userId, level: w.level })),
        now,
        responseDueAt,
      });
      if (!r) throw new NotFoundError('PETITION_NOT_FOUND', `No petition ${petitionId}.`, { id: petitionId });
      const added = [...first.values()].filter((w) => r.added.has(w.personKey));
      await recordAudits(
        tx,
        added.map((w) => ({
          actor: w.actor,
          input: { action: 'petition.supported', subjectType: 'petition', subjectId: petitionId },
        })),
        now,
      );
      if (r.crossed) {
        await enqueueJob(
          tx,
          PETITION_NOTIFY_JOB,
          { id: petitionId, event: 'threshold' },
          { dedupeKey: `petition-threshold:${petitionId}` },
        );
        await recordAudit(
          tx,
          // The support that crossed it: the last one added in the batch.
          added[added.length - 1]!.actor,
          {
            action: 'petition.threshold_reached',
            subjectType: 'petition',
            subjectId: petitionId,
            after: { supportCount: r.supportCount, responseDueAt },
          },
          now,
        );
      }
      const addedSet = new Set(added);
      return batch.map((w) => ({
        added: addedSet.has(w),
        supportCount: r.supportCount,
        status: r.status,
        closesAt: r.closesAt,
      }));
    });
  }
}
