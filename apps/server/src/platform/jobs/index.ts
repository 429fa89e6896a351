import { hostname } from 'node:os';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db, Executor } from '../db/index.js';
import { insertInto, type RawStatement } from '../db/insert.js';
import { one } from '../db/rows.js';
import { newId } from '../ids/index.js';
import type { Clock } from '../time/clock.js';
import { jobs } from './db/schema.js';

export type JobRow = typeof jobs.$inferSelect;
export type JobHandler = (payload: Record<string, unknown>, job: JobRow) => Promise<void>;

export interface EnqueueOptions {
  /** Run no earlier than this. */
  runAt?: Date;
  maxAttempts?: number;
  /** A second enqueue with the same key is ignored (idempotent producers). */
  dedupeKey?: string;
}

/** Enqueue a job in the caller's transaction: it exists only if the business change commits. */
export async function enqueueJob(tx: Executor, name: string, payload: Record<string, unknown>, o: EnqueueOptions = {}) {
  const id = newId('job');
  await tx
    .insert(jobs)
    .values({ id, name, payload, runAt: o.runAt, maxAttempts: o.maxAttempts ?? 8, dedupeKey: o.dedupeKey })
    .onConflictDoNothing({ target: jobs.dedupeKey });
  return id;
}

/** The same, as a statement for a batch of writes (`runBatch`). */
export function enqueueJobStatement(
  name: string,
  payload: Record<string, unknown>,
  o: EnqueueOptions = {},
): RawStatement {
  return insertInto(
    jobs,
    [{ id: newId('job'), name, payload, runAt: o.runAt, maxAttempts: o.maxAttempts ?? 8, dedupeKey: o.dedupeKey }],
    { onConflictDoNothing: [jobs.dedupeKey] },
  );
}

/** Exponential backoff: 2 s, 4 s, 8 s … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 1000 * 2 ** Math.max(1, attempts));
}

export interface JobRunnerOptions {
  pollMs: number;
  batchSize?: number;
  /** How long a claimed job stays invisible before another worker may reclaim it (crash recovery). */
  visibilityMs?: number;
  /**
   * This process is the only one on the database (embedded PGlite, data directory locked): jobs
   * left running by a previous process that crashed are taken back at once on start instead of
   * waiting for their lock to expire.
   */
  exclusive?: boolean;
}

/**
 * Polls platform.jobs with FOR UPDATE SKIP LOCKED, so several processes on PostgreSQL share the
 * work and PGlite (one connection) works the same. A job whose worker died is reclaimed once its
 * lock expires; a job that fails is retried with backoff and dead-lettered after maxAttempts.
 */
export class JobRunner {
  private handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = true;
  private recovered = false;
  private readonly workerId = `${hostname()}:${process.pid}`;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly opts: JobRunnerOptions,
  ) {}

  register(name: string, handler: JobHandler) {
    this.handlers.set(name, handler);
  }

  start() {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      try {
        if (this.opts.exclusive && !this.recovered) {
          await this.recoverAbandoned();
          this.recovered = true;
        }
        await this.runOnce();
      } catch (err) {
        this.log.error({ err }, 'job poll failed');
      }
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.opts.pollMs);
    };
    this.timer = setTimeout(() => void tick(), 10);
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * Give back every job still marked running: only safe when no other process can be running them
   * (see `exclusive`). Returns how many were given back.
   */
  async recoverAbandoned(): Promise<number> {
    const now = this.clock.now();
    const rows = await this.db
      .update(jobs)
      .set({ status: 'pending', lockedUntil: null, lockedBy: null, runAt: now, updatedAt: now })
      .where(eq(jobs.status, 'running'))
      .returning({ id: jobs.id });
    if (rows.length) this.log.warn({ jobs: rows.length }, 'jobs left running by a previous process were taken back');
    return rows.length;
  }

  /** Claim and run due jobs once; returns how many ran. Tests call this directly. */
  async runOnce(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.claimAndRun().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Run until no job is due (tests). */
  async drain(maxRounds = 50): Promise<void> {
    for (let i = 0; i < maxRounds; i++) if ((await this.runOnce()) === 0) return;
  }

  private async claimAndRun(): Promise<number> {
    const now = this.clock.now();
    const lockUntil = new Date(now.getTime() + (this.opts.visibilityMs ?? 5 * 60_000));
    const names = [...this.handlers.keys()];
    if (names.length === 0) return 0;
    const claimed = await this.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(
          and(
            inArray(jobs.name, names),
            sql`(${jobs.status} = 'pending' and (${jobs.runAt} is null or ${jobs.runAt} <= ${now.toISOString()}))
              or (${jobs.status} = 'running' and ${jobs.lockedUntil} <= ${now.toISOString()})`,
          ),
        )
        // Ids are ULIDs: jobs queued in one transaction (same created_at) run in the order queued.
        .orderBy(sql`${jobs.runAt} asc nulls first`, jobs.createdAt, jobs.id)
        .limit(this.opts.batchSize ?? 10)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      const rows = await tx
        .update(jobs)
        .set({
          status: 'running',
          lockedUntil: lockUntil,
          lockedBy: this.workerId,
          attempts: sql`${jobs.attempts} + 1`,
          updatedAt: now,
        })
        .where(
          inArray(
            jobs.id,
            due.map((d) => d.id),
          ),
        )
        .returning();
      // UPDATE … RETURNING has no order of its own: run them in the order the SELECT claimed them.
      const byId = new Map(rows.map((r) => [r.id, r]));
      return due.map((d) => byId.get(d.id)!);
    });
    for (const job of claimed) await this.runJob(job);
    return claimed.length;
  }

  private async runJob(job: JobRow) {
    const handler = this.handlers.get(job.name);
    try {
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      await handler(job.payload, job);
      await this.db
        .update(jobs)
        .set({
          status: 'done',
          finishedAt: this.clock.now(),
          updatedAt: this.clock.now(),
          lockedUntil: null,
          lastError: null,
        })
        .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, this.workerId)));
    } catch (err) {
      const dead = job.attempts >= job.maxAttempts;
      const message = err instanceof Error ? err.message : String(err);
      this.log.warn({ job: job.id, name: job.name, attempts: job.attempts, dead, err: message }, 'job failed');
      await this.db
        .update(jobs)
        .set({
          status: dead ? 'dead' : 'pending',
          runAt: new Date(this.clock.now().getTime() + backoffMs(job.attempts)),
          lockedUntil: null,
          lastError: message.slice(0, 2000),
          updatedAt: this.clock.now(),
          finishedAt: dead ? this.clock.now() : null,
        })
        .where(eq(jobs.id, job.id));
    }
  }
}

/** Admin views of the queue. */
export const jobQueries = {
  async list(db: Executor, f: { status?: JobRow['status']; name?: string; page: number; pageSize: number }) {
    const where = and(f.status ? eq(jobs.status, f.status) : undefined, f.name ? eq(jobs.name, f.name) : undefined);
    const items = await db
      .select()
      .from(jobs)
      .where(where)
      .orderBy(desc(jobs.createdAt))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    const { n } = one(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(jobs)
        .where(where),
      'count',
    );
    return { items, total: n };
  },
  async counts(db: Executor) {
    return db
      .select({ status: jobs.status, n: sql<number>`count(*)::int` })
      .from(jobs)
      .groupBy(jobs.status);
  },
  /** Put a dead (or failed) job back in the queue. */
  async retry(db: Executor, id: string, now: Date) {
    const rows = await db
      .update(jobs)
      .set({ status: 'pending', runAt: null, attempts: 0, lastError: null, finishedAt: null, updatedAt: now })
      .where(and(eq(jobs.id, id), inArray(jobs.status, ['dead', 'pending'])))
      .returning();
    return rows[0] ?? null;
  },
};
