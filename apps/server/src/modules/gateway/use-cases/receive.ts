import { z } from 'zod';
import { AppError, ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import type { GatewayContext } from '../gateway.context.js';
import { PURPOSE_CODE, SERVICE_CODE, SUBSYSTEM_ID } from '../identifiers.js';
import { BACKEND_METHODS } from './backend.js';
import { postToPeer, serveProvider, type Exchange } from './call.js';
import type { RefusedCall } from './refusals.js';
import { memberOf } from './registry.js';

const exchangeBody = z.object({
  messageId: z.string().regex(/^gwx_[0-9a-z]{26}$/),
  client: z.string().regex(SUBSYSTEM_ID),
  service: z.string().regex(SERVICE_CODE),
  provider: z.string().regex(SUBSYSTEM_ID),
  purpose: z.string().regex(PURPOSE_CODE),
  actor: z.object({
    kind: z.enum(['official', 'citizen']),
    accountId: z.string().min(1).max(64),
    agencyCode: z.string().max(35).optional(),
  }),
  dossierCode: z.string().max(40).nullable(),
  params: z.record(z.string().max(40), z.string().max(500)),
  method: z.enum(BACKEND_METHODS).optional(),
  path: z.string().max(1000).optional(),
  body: z.unknown().optional(),
});

/** What a peer's request asked for, as far as it is readable (for the record of a refusal). */
export function askedIn(body: Buffer): RefusedCall {
  try {
    const j = JSON.parse(body.toString('utf8')) as unknown;
    return j && typeof j === 'object' ? (j as RefusedCall) : {};
  } catch {
    return {};
  }
}

/**
 * A call from another deployment's gateway, already authenticated by the federation's signature
 * (`peerId`). The signer must be the deployment that serves the client's member (the hub relays for
 * the others); a request for a provider served elsewhere is relayed once by the hub.
 */
export async function receiveExchange(ctx: GatewayContext, peerId: string, body: Buffer) {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError(400, 'MALFORMED_JSON', 'The body is not JSON.');
  }
  const parsed = exchangeBody.safeParse(json);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: 'INVALID', message: i.message })),
    );
  const x: Exchange = parsed.data;
  const client = await memberOf(ctx, x.client, 'client');
  if (!(await ctx.ports.federation.speaksFor(peerId, client.agencyCode)))
    throw new ForbiddenError(
      'GATEWAY_PEER_NOT_CLIENT_DEPLOYMENT',
      'The signing deployment does not serve the client member.',
      {
        peer: peerId,
        client: x.client,
      },
    );
  const provider = await memberOf(ctx, x.provider, 'provider');
  const next = await ctx.ports.federation.peerOf(provider.agencyCode);
  if (next !== 'local') {
    if (next.id === peerId)
      throw new AppError(508, 'GATEWAY_LOOP', 'The provider is served by the deployment that asked.', { peer: peerId });
    // The hub relays between two nodes: the answer (the provider side's signed record) passes through as it is.
    const res = await postToPeer(ctx, next, x);
    return { status: res.status, body: res.body };
  }
  const answer = await serveProvider(ctx, x, peerId);
  return {
    status: 200,
    body: {
      messageId: x.messageId,
      status: answer.status,
      body: answer.body,
      record: answer.signed.record,
      signature: answer.signed.signature,
    },
  };
}
