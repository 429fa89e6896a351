import type { Executor } from '../../../platform/db/index.js';
import type { AppError } from '../../../platform/http/errors.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeRepository as repo } from '../exchange.repository.js';

export const SEAL_JOB = 'exchange.seal-message';

/** Why an agency cannot seal an edXML now: the seal problems a clerk cannot fix by trying again. */
const SEAL_PROBLEMS = new Set(['SEAL_CERTIFICATE_MISSING', 'SEAL_ALGORITHM_NOT_ACCEPTED']);

/** Queue the sealing (and then the delivery) of a message, once. */
export function enqueueSeal(tx: Executor, messageId: string) {
  return enqueueJob(tx, SEAL_JOB, { messageId }, { dedupeKey: `${SEAL_JOB}:${messageId}`, maxAttempts: 25 });
}

/**
 * Null when `agencyCode` (or an agency above it) has a seal usable for edXML, else the code of the
 * reason (SEAL_CERTIFICATE_MISSING, SEAL_ALGORITHM_NOT_ACCEPTED). Reads through `exec`.
 */
export async function sealProblem(ctx: ExchangeContext, exec: Executor, agencyCode: string): Promise<string | null> {
  try {
    await ctx.seals.sealerOf(exec, agencyCode);
    return null;
  } catch (e) {
    const code = (e as AppError).code;
    if (code && SEAL_PROBLEMS.has(code)) return code;
    throw e;
  }
}

export const isSealProblem = (e: unknown) => SEAL_PROBLEMS.has((e as AppError)?.code ?? '');

/**
 * Statuses held for want of a seal (ADR 0013) whose agency now has one: queued for sealing and
 * delivery, oldest first. Agencies still without one keep theirs, with the current
 * reason. Returns how many packages were released.
 */
export async function releaseHeldStatuses(ctx: ExchangeContext): Promise<number> {
  let released = 0;
  for (const sender of await ctx.db.transaction((tx) => repo.heldSenders(tx))) {
    released += await ctx.db.transaction(async (tx) => {
      const problem = await sealProblem(ctx, tx, sender);
      if (problem) {
        await repo.setHeldReason(tx, sender, problem);
        return 0;
      }
      const ids = await repo.releaseHeld(tx, sender, ctx.clock.now());
      for (const id of ids) await enqueueSeal(tx, id);
      return ids.length;
    });
  }
  if (released) ctx.log.info({ released }, 'exchange: statuses held for a seal were queued');
  return released;
}
