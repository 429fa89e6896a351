import type { ActorContext } from '../../../platform/http/auth.js';
import { AppError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import type { GatewayContext } from '../gateway.context.js';

/** What a refused call asked for, as far as it was readable. */
export interface RefusedCall {
  client?: string | null;
  service?: string | null;
  provider?: string | null;
  purpose?: string | null;
  dossierCode?: string | null;
  actor?: { kind?: string; accountId?: string } | null;
}

/** The audit action of a refused call; its subject is the client subsystem. */
export const CALL_REFUSED = 'gateway.call.refused';

const text = (v: unknown, max = 80) => (typeof v === 'string' ? v.slice(0, max) : null);

/**
 * A call the gateway refused (no right, a purpose outside the list, an unknown or foreign client, a
 * service not offered, a bad request, or the provider's gateway refusing it): a security event with
 * the reason, in the log at warn level and in the audit trail, since it never reaches the message log.
 * Not recorded as audit events: 401 (nobody to name) and 429 (the rate and quota counters already
 * count them; a client hammering past its rate must not flood the trail), which are logged only;
 * nor 5xx failures of a peer, which are not refusals. Recording never hides the refusal itself.
 */
export async function noteRefusal(
  ctx: GatewayContext,
  who: ActorContext,
  asked: RefusedCall,
  err: unknown,
  via: string = 'local',
): Promise<void> {
  if (!(err instanceof AppError) || err.status === 401 || err.status >= 500) return;
  const entry = {
    code: err.code,
    status: err.status,
    fields: err.errors?.map((e) => e.path) ?? [],
    client: text(asked.client),
    service: text(asked.service),
    provider: text(asked.provider),
    purpose: text(asked.purpose),
    dossierCode: text(asked.dossierCode, 40),
    actorKind: text(asked.actor?.kind, 20),
    via,
  };
  ctx.log.warn({ gatewayRefusal: entry, actorId: who.actorId, ip: who.ip }, 'gateway: call refused');
  if (err.status === 429) return;
  try {
    await recordAudit(
      ctx.db,
      who,
      { action: CALL_REFUSED, subjectType: 'gateway_subsystem', subjectId: entry.client, after: entry },
      ctx.clock.now(),
    );
  } catch (e) {
    ctx.log.error({ err: e }, 'gateway: could not record a refused call');
  }
}
