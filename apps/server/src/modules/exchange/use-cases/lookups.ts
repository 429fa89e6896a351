import type { KeyObject } from 'node:crypto';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeRepository as repo, type RouteRow } from '../exchange.repository.js';
import { importPublicKey } from '../exchange.settings.js';
import { derOf } from './incoming.js';

/** What a signed request from a node needs of it: its request key while active, and its seal roots (DER). */
export interface NodeTrust {
  key: KeyObject | null;
  roots: Uint8Array[];
}

/** A registered node's key and roots, cached for a few seconds (see LookupCache); null when unknown. */
export function nodeTrust(ctx: ExchangeContext, nodeId: string): Promise<NodeTrust | null> {
  return ctx.lookups.get(`node ${nodeId}`, async () => {
    const n = await repo.node(ctx.db, nodeId);
    return n ? { key: n.active ? importPublicKey(n.publicKey) : null, roots: n.caCertificates.map(derOf) } : null;
  });
}

/** The route of an agency (either code form), cached for a few seconds; null when no node serves it. */
export function routeOf(ctx: ExchangeContext, code: string): Promise<RouteRow | null> {
  return ctx.lookups.get(`route ${code}`, () => repo.route(ctx.db, code));
}
