import { newId } from '../../../platform/ids/index.js';
import type { ExchangeContext } from '../exchange.context.js';
import { type DeliveryRow, exchangeRepository as repo } from '../exchange.repository.js';
import { PACKAGES_PATH, postSigned } from '../transport/client.js';
import { hubAccept } from './hub-accept.js';
import { type IncomingDelivery, type Outcome, sha256Hex } from './incoming.js';
import { receivePackage, type RootsRefresher } from './receive.js';
import { laterState } from './states.js';
import { LgspCallFailed } from '../lgsp/lgsp-client.js';
import { depositForUnit } from '../lgsp/lgsp-mailbox.js';
import { lgspClientFor, sendViaLgsp } from '../lgsp/lgsp-transport.js';

class Retry extends Error {}
/** The next hop refused to authenticate us (401/403): retried for a bounded time, then set aside. */
class Refused extends Error {}

/** The cause of a failed fetch (`ECONNREFUSED 127.0.0.1:9`), not undici's "fetch failed". */
export function causeOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const c = (err as { cause?: unknown }).cause;
  if (c instanceof Error) {
    const code = (c as { code?: string }).code;
    const inner = (c as { errors?: Error[] }).errors?.[0]?.message;
    return `${err.message}: ${code ? `${code} ` : ''}${inner ?? c.message}`.trim();
  }
  return err.message;
}

/** Hand one delivery to its next hop: over HTTP (signed) to the hub or a node, or in-process on the hub. */
async function handOver(
  ctx: ExchangeContext,
  d: DeliveryRow,
  bytes: Buffer,
  refresh?: RootsRefresher,
): Promise<Outcome> {
  const incoming: IncomingDelivery = {
    bytes,
    packageId: d.packageId,
    recipient: d.recipient,
    kind: d.kind,
    inReplyTo: d.inReplyTo,
    fromNode: ctx.settings.nodeId,
    sha256: sha256Hex(bytes),
  };
  if (d.target === 'local') return receivePackage(ctx, incoming, refresh);
  if (d.target === 'lgsp' && ctx.isHub) return depositForUnit(ctx, incoming);
  if (d.target === 'hub' && ctx.isHub) return hubAccept(ctx, incoming);
  // An external LGSP is this deployment's transport (ADR 0017 addendum): POST /vanbans.
  if (d.target === 'hub' && ctx.lgsp) {
    // Sent as the unit of the sending agency, with that unit's secret (LGSP_UNITS).
    const client = await lgspClientFor(ctx, d);
    if (!client)
      return {
        outcome: 'rejected',
        packageId: d.packageId,
        code: 'NO_LGSP_UNIT',
        reason: 'No LGSP unit of this deployment covers the sending agency (LGSP_UNITS).',
      };
    try {
      return await sendViaLgsp(ctx, client, d, bytes);
    } catch (e) {
      if (e instanceof LgspCallFailed && e.unauthorized) throw new Refused(e.message);
      throw e;
    }
  }
  let baseUrl = ctx.settings.hubUrl;
  if (d.target !== 'hub') {
    const node = await repo.node(ctx.db, d.target);
    if (!node?.active) throw new Retry(`node ${d.target} is not registered or not active`);
    baseUrl = node.baseUrl;
  }
  const headers: Record<string, string> = {
    'exchange-package-id': d.packageId,
    'exchange-recipient': d.recipient,
    'exchange-kind': d.kind,
  };
  if (d.inReplyTo) headers['exchange-in-reply-to'] = d.inReplyTo;
  const res = await postSigned(baseUrl!, PACKAGES_PATH, bytes, 'application/xml', headers, {
    keyId: ctx.settings.nodeId,
    key: ctx.settings.nodeKey,
    now: ctx.clock.now(),
  });
  if (res.status === 200 || res.status === 202)
    return { outcome: res.body?.outcome === 'duplicate' ? 'duplicate' : 'accepted', packageId: d.packageId };
  if (res.status === 422 && res.body?.code)
    return {
      outcome: 'rejected',
      packageId: d.packageId,
      code: String(res.body.code),
      reason: String(res.body.detail ?? res.body.code),
    };
  const what =
    `HTTP ${res.status} ${res.body?.code ?? ''}${res.body?.detail ? `: ${String(res.body.detail)}` : ''}`.trim();
  if (res.status === 401 || res.status === 403) throw new Refused(what);
  throw new Retry(what);
}

/** Record the outcome on the sender's own package (states the sender sees per recipient). */
async function onOutcome(ctx: ExchangeContext, d: DeliveryRow, o: Outcome) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.finishDelivery(
      tx,
      d.id,
      o.outcome === 'rejected' ? 'rejected' : 'done',
      now,
      o.outcome === 'rejected' ? `${o.code}: ${o.reason}` : null,
    );
    const own = await repo.lockPackage(tx, d.packageId, 'out');
    if (d.target !== 'hub' || !own || own.direction !== 'out' || own.kind !== 'document') return;
    const state = o.outcome === 'rejected' ? '02' : 'delivered';
    const reason = o.outcome === 'rejected' ? `${o.code}: ${o.reason}` : null;
    await repo.setPackageState(tx, own.id, 'out', laterState(own.state, state), reason ?? own.reason, now);
    await repo.addEvent(tx, { id: newId('pke'), packageId: own.id, state, description: reason, at: now });
  });
}

/**
 * Refused (401/403) for this long since the delivery was queued: stop retrying, set it aside for the
 * operator and show the sender a failure. A refusal is not a network fault: it will not heal by itself.
 */
export const REFUSED_GIVE_UP_MS = 30 * 60_000;

/** Set a refused delivery aside: the operator sees it (deliveries?state=set_aside), the clerk sees `failed`. */
async function setAside(ctx: ExchangeContext, d: DeliveryRow, reason: string) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.finishDelivery(tx, d.id, 'set_aside', now, reason);
    const own = await repo.lockPackage(tx, d.packageId, 'out');
    if (!own || own.direction !== 'out') return;
    const description = `Trục liên thông từ chối kết nối (${reason}); chờ quản trị viên xử lý.`;
    await repo.setPackageState(tx, own.id, 'out', laterState(own.state, 'failed'), description, now);
    await repo.addEvent(tx, { id: newId('pke'), packageId: own.id, state: 'failed', description, at: now });
  });
  ctx.log.error(
    { delivery: d.id, packageId: d.packageId, target: d.target, reason },
    'exchange delivery refused by the next hop; set aside for the operator',
  );
}

/** Deliver one claimed outbox row; a failure is retried with exponential backoff until it is acknowledged. */
export async function deliverOne(ctx: ExchangeContext, d: DeliveryRow, refresh?: RootsRefresher) {
  try {
    const bytes = await ctx.files.read(d.sha256);
    const o = await handOver(ctx, d, bytes, refresh);
    await onOutcome(ctx, d, o);
  } catch (err) {
    const message = causeOf(err);
    if (err instanceof Refused && ctx.clock.now().getTime() - d.createdAt.getTime() >= ctx.settings.refusedGiveUpMs)
      return setAside(ctx, d, message);
    const delay = Math.min(ctx.settings.retryMaxMs, 1000 * 2 ** Math.min(20, Math.max(0, d.attempts - 1)));
    const jitter = Math.floor(Math.random() * Math.min(1000, delay / 4));
    ctx.log.warn(
      { delivery: d.id, packageId: d.packageId, target: d.target, attempts: d.attempts, err: message },
      'exchange delivery failed; will retry',
    );
    await repo.retryDelivery(ctx.db, d.id, new Date(ctx.clock.now().getTime() + delay + jitter), message);
  }
}
