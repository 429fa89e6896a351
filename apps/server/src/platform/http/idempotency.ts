import type { FastifyRequest } from 'fastify';

/** The request's Idempotency-Key header, if it sent one (`withIdempotency` checks its form). */
export function idempotencyKey(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
}

/**
 * Tell the client an answer is the one stored for its Idempotency-Key (`Idempotent-Replayed: true`)
 * when `r` was replayed; answers `r`, to send its body with the route's status.
 */
export function markReplayed<R extends { replayed: boolean }>(
  reply: { header(name: string, value: string): unknown },
  r: R,
): R {
  if (r.replayed) reply.header('idempotent-replayed', 'true');
  return r;
}
