import type { ExchangeContext } from '../exchange.context.js';
import { exchangeRepository as repo } from '../exchange.repository.js';
import {
  acceptAndRoute,
  type IncomingDelivery,
  logEvent,
  type Outcome,
  parseIncoming,
  rejected,
  senderOf,
  verifySeal,
} from './incoming.js';
import { nodeTrust, routeOf } from './lookups.js';
import { hopFor } from '../lgsp/lgsp-mailbox.js';

/** The CA roots a node registered: the only roots its agencies' seals may chain to. */
async function rootsOfNode(ctx: ExchangeContext, nodeId: string): Promise<Uint8Array[]> {
  if (nodeId === ctx.settings.nodeId) return ctx.seals.localRoots();
  return (await nodeTrust(ctx, nodeId))?.roots ?? [];
}

/**
 * The hub takes a package from a node (or from itself): it checks the package, that the sending
 * agency is served by that node, that the seal chains to that node's CA, and that someone serves
 * the recipient; then it stores the package and queues the next hop in one transaction. A retried
 * upload is acknowledged without routing it twice. A refusal is logged with its reason; the sender
 * records it as status 02.
 */
export async function hubAccept(ctx: ExchangeContext, d: IncomingDelivery): Promise<Outcome> {
  const dup = await repo.hubReceipt(ctx.db, d.packageId);
  if (dup) {
    await logEvent(ctx, d, 'duplicate');
    return { outcome: 'duplicate', packageId: d.packageId };
  }
  const parsed = parseIncoming(ctx, d);
  const refuse = async (o: Outcome, sender?: string) => {
    if (o.outcome === 'rejected') await logEvent(ctx, d, 'rejected', { reason: `${o.code}: ${o.reason}`, sender });
    return o;
  };
  if ('outcome' in parsed) return refuse(parsed);
  const { pkg, doc } = parsed;
  const sender = senderOf(pkg);
  const senderRoute = await routeOf(ctx, sender);
  if (!senderRoute || senderRoute.nodeId !== d.fromNode) {
    return refuse(
      rejected(d.packageId, 'SENDER_NOT_SERVED_BY_NODE', `Agency ${sender} is not served by node ${d.fromNode}.`),
      sender,
    );
  }
  const addressed = pkg.kind === 'document' ? pkg.to.map((t) => t.organId) : [pkg.responseFor.organId];
  if (!addressed.includes(d.recipient))
    return refuse(
      rejected(d.packageId, 'RECIPIENT_NOT_ADDRESSED', `The package is not addressed to ${d.recipient}.`),
      sender,
    );
  const target = await routeOf(ctx, d.recipient);
  if (!target)
    return refuse(rejected(d.packageId, 'RECIPIENT_UNKNOWN', `No node serves agency ${d.recipient}.`), sender);
  const seal = await verifySeal(ctx, { doc }, await rootsOfNode(ctx, d.fromNode));
  if (seal.reason) return refuse(rejected(d.packageId, 'SIGNATURE_INVALID', seal.reason), sender);

  await ctx.files.putBuffer(d.bytes, d.sha256);
  const now = ctx.clock.now();
  // A node, the mailbox of a deployment that uses this hub as its LGSP, or the hub's own agencies.
  const hop = await hopFor(ctx, d.recipient, target);
  // Receipt, next hop and log entry together (one statement); a concurrent retry writes none of them.
  const fresh = await acceptAndRoute(ctx, d, pkg, { nodeId: d.fromNode, hop, sender, at: now });
  return { outcome: fresh ? 'accepted' : 'duplicate', packageId: d.packageId };
}
