import { AppError } from '../../platform/http/errors.js';
import type { ExchangeContext } from './exchange.context.js';
import { exchangeRepository as repo } from './exchange.repository.js';
import { postSigned, type SignedResponse } from './transport/client.js';
import { checkBodyDigest, SignatureRefused, verifyRequestHeaders } from './transport/http-signature.js';
import { nodeTrust, routeOf } from './use-cases/lookups.js';

/** A deployment of the federation another module may talk to over the exchange's signed HTTP. */
export interface FederationPeer {
  id: string;
  baseUrl: string;
}

/**
 * The exchange's signed-HTTP federation offered to other modules (the gateway): who serves an
 * agency, a signed POST to that deployment, and the check of a signed request that arrived. The
 * same keys, nonces and trust as the edXML packages (ADR 0005); no second transport.
 */
export interface Federation {
  /** This deployment's id in the federation (EXCHANGE_NODE_ID). */
  readonly selfId: string;
  /** Whether this deployment relays between the others (the hub): a node sends everything far through it. */
  readonly relays: boolean;
  /** `local` when this deployment serves the agency; else the peer to ask (a node asks the hub). */
  peerOf(agencyCode: string): Promise<'local' | FederationPeer>;
  /** Whether a request signed by `peerId` may speak for the agency (the deployment that serves it, or the hub). */
  speaksFor(peerId: string, agencyCode: string): Promise<boolean>;
  /** POST a signed body; a network error or the timeout throws (the caller fails fast, nothing retries). */
  post(peer: FederationPeer, path: string, body: Buffer, timeoutMs: number): Promise<SignedResponse>;
  /** The signer of a request (headers and body checked, nonce used), or 401 with the reason. */
  verify(
    req: { method: string; path: string; headers: Record<string, string | undefined> },
    body: Buffer,
  ): Promise<string>;
}

export function federation(ctx: ExchangeContext): Federation {
  const hub = (): FederationPeer => ({ id: 'hub', baseUrl: ctx.settings.hubUrl! });
  async function nodeServing(code: string): Promise<FederationPeer | null> {
    for (const a of await ctx.directory.lineage(code)) {
      const route = await routeOf(ctx, a.code);
      if (!route || route.nodeId === ctx.settings.nodeId) continue;
      const node = await repo.node(ctx.db, route.nodeId);
      return node?.active ? { id: node.id, baseUrl: node.baseUrl } : null;
    }
    return null;
  }
  return {
    selfId: ctx.settings.nodeId,
    relays: ctx.isHub,
    async peerOf(code) {
      if (!ctx.isHub) return (await ctx.servesAgency(code)) ? 'local' : hub();
      return (await nodeServing(code)) ?? 'local';
    },
    async speaksFor(peerId, code) {
      if (!ctx.isHub) return true; // a node trusts only the hub's key: the hub relays for every other deployment
      return (await nodeServing(code))?.id === peerId;
    },
    post(peer, path, body, timeoutMs) {
      return postSigned(
        peer.baseUrl,
        path,
        body,
        'application/json',
        {},
        { keyId: ctx.settings.nodeId, key: ctx.settings.nodeKey, now: ctx.clock.now() },
        timeoutMs,
      );
    },
    async verify(req, body) {
      try {
        const keyId = await verifyRequestHeaders(req, {
          now: ctx.clock.now(),
          keyFor: async (id) => (ctx.isHub ? ((await nodeTrust(ctx, id))?.key ?? null) : ctx.settings.hubKey),
          useNonce: (id, nonce, expiresAt) => repo.useNonce(ctx.db, id, nonce, expiresAt, ctx.clock.now()),
        });
        checkBodyDigest(req.headers, body);
        return keyId;
      } catch (e) {
        if (e instanceof SignatureRefused)
          throw new AppError(401, e.code, e.message, {}, undefined, { 'www-authenticate': 'Signature' });
        throw e;
      }
    },
  };
}
