import type { ReportingContext } from '../reporting.context.js';
import { reportingRepository as repo } from '../reporting.repository.js';

/**
 * How far back each refresh looks past its watermark: a transaction that committed after the last
 * refresh may carry an `updated_at` a little earlier than it. Recomputing a key twice is harmless.
 */
const OVERLAP_MS = 5 * 60_000;

/**
 * Bring the day facts up to date: each source recomputes the (agency, day) keys its rows changed
 * since the watermark touched, whole; the snapshot of procedures is replaced. One source failing
 * leaves the others' facts and its own watermark as they were. The month facts of the touched
 * (agency, month) pairs are recomputed from the day facts in the same transaction.
 */
export async function refreshFacts(ctx: ReportingContext) {
  const states = new Map((await repo.refreshStates(ctx.db)).map((s) => [s.source, s]));
  const sources: Record<string, (since: Date) => Promise<Record<string, string | number>[]>> = {
    ...ctx.ports.sources,
    ratings: (since) => repo.ratingFacts(ctx.db, since),
  };
  let rows = 0;
  for (const [name, source] of Object.entries(sources)) {
    const started = ctx.clock.now();
    const last = states.get(name)?.watermark;
    const since = last ? new Date(last.getTime() - OVERLAP_MS) : new Date(0);
    const facts = await source(since);
    const columns = [...new Set(facts.flatMap((f) => Object.keys(f)))];
    await ctx.db.transaction(async (tx) => {
      await repo.upsertFacts(tx, facts, columns);
      await repo.rollupMonths(tx, facts as { agencyCode: string; day: string }[]);
      await repo.putRefreshState(tx, {
        source: name,
        watermark: started,
        refreshedAt: ctx.clock.now(),
        rows: facts.length,
      });
    });
    rows += facts.length;
  }
  const counts = await ctx.ports.procedureCounts();
  const now = ctx.clock.now();
  await ctx.db.transaction((tx) =>
    repo.replaceSnapshots(
      tx,
      counts.map((c) => ({
        agencyCode: c.agencyCode,
        procedures: c.procedures,
        proceduresFullOnline: c.fullOnline,
        refreshedAt: now,
      })),
    ),
  );
  await repo.putRefreshState(ctx.db, { source: 'procedures', watermark: now, refreshedAt: now, rows: counts.length });
  return { rows, refreshedAt: now };
}

/**
 * The serving processes' periodic refresh, every `everyMs`: a process whose tick finds the facts
 * refreshed less than half a period ago (by another process) leaves them, so that several processes
 * do not each refresh every period. Two ticks that race both refresh, which is harmless (each key is
 * recomputed whole; the month rollup takes an advisory lock).
 */
export async function refreshIfDue(ctx: ReportingContext, everyMs: number) {
  const states = await repo.refreshStates(ctx.db);
  const last = states.length ? Math.min(...states.map((s) => s.refreshedAt.getTime())) : 0;
  if (ctx.clock.now().getTime() - last < everyMs / 2) return null;
  return refreshFacts(ctx);
}

/** When the facts were last brought up to date (the oldest of the sources' refreshes). */
export async function lastRefresh(ctx: ReportingContext): Promise<Date | null> {
  const s = await repo.refreshStates(ctx.db);
  if (!s.length) return null;
  return new Date(Math.min(...s.map((x) => x.refreshedAt.getTime())));
}
