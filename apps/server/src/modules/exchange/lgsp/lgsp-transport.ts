import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ExchangeContext } from '../exchange.context.js';
import { type DeliveryRow, exchangeRepository as repo } from '../exchange.repository.js';
import { readPackage } from '../edxml/parse.js';
import { fingerprint } from '../seal/seal-provider.js';
import { type IncomingDelivery, type Outcome, sha256Hex, subjectOf } from '../use-cases/incoming.js';
import { receivePackage } from '../use-cases/receive.js';
import { type LgspClient, LgspCallFailed } from './lgsp-client.js';
import type { VanBan } from './lgsp-example-client.js';

/*
 * A deployment whose transport is an external LGSP (EXCHANGE_TRANSPORT=lgsp, ADR 0017 addendum).
 * Sending: the outbox's deliveries to `hub` are POSTed to /vanbans (the sealed edXML in base64), with
 * the outbox's retries and backoff. Receiving: GET /vanbans is polled, each package fetched and handed
 * to the same receive path as a federation delivery (parser, validation, seal check against this
 * deployment's roots and the CAs of LGSP_TRUSTED_CAS), then acknowledged PROCESSING → DONE, or FAIL
 * with the reason. The LGSP's docId is the package id here, so a package fetched twice is stored once.
 */

/** HTTP statuses with which an LGSP refuses the package itself (not us, not a fault of its own). */
const REFUSES_PACKAGE = new Set([400, 404, 409, 413, 415, 422]);

/**
 * Send a package with POST /vanbans; a refusal of the package is an outcome, anything else throws.
 * An LGSP routes a package to every `To` it names, so a document for several recipients (one outbox
 * delivery each, the same sealed bytes) is POSTed once: when another delivery of the same bytes is
 * already acknowledged, this one is too, without a second POST. The worker hands such siblings over
 * one after the other (`deliverClaimed`), so the second sees the first's acknowledgement.
 */
export async function sendViaLgsp(
  ctx: ExchangeContext,
  client: LgspClient,
  d: DeliveryRow,
  bytes: Buffer,
): Promise<Outcome> {
  if (await repo.deliveredSibling(ctx.db, d.sha256, d.id)) return { outcome: 'accepted', packageId: d.packageId };
  try {
    const r = await client.send(bytes, d.kind === 'document' ? 'edoc' : 'status');
    const ids = (r.data && typeof r.data === 'object' ? r.data : {}) as Record<string, string>;
    ctx.log.info(
      { packageId: d.packageId, recipient: d.recipient, lgspDocId: ids[d.recipient] ?? r.docId },
      'exchange: package handed to the LGSP',
    );
    return { outcome: 'accepted', packageId: d.packageId };
  } catch (e) {
    if (e instanceof LgspCallFailed && REFUSES_PACKAGE.has(e.http))
      return { outcome: 'rejected', packageId: d.packageId, code: e.code, reason: e.desc || e.message };
    throw e;
  }
}

/**
 * The unit a package goes out as: the one whose agency is the sender's or the nearest above it; else
 * the unit without an agency (LGSP_UNIT_CODE); else none (the package is refused: no unit may send it).
 */
export async function lgspClientFor(ctx: ExchangeContext, d: DeliveryRow): Promise<LgspClient | null> {
  const clients = ctx.lgspUnits;
  if (clients.length === 1 && clients[0]!.agency === null) return clients[0]!;
  const sender = (await repo.package(ctx.db, d.packageId, 'out'))?.sender;
  const line = sender ? await ctx.directory.lineage(sender) : [];
  for (const a of line)
    for (const c of clients) {
      if (c.agency === null) continue;
      const u = await ctx.directory.find(c.agency);
      if (u && u.id === a.id) return c;
    }
  return clients.find((c) => c.agency === null) ?? null;
}

/**
 * Where an item of a unit's mailbox goes: its `to` when that is the unit's agency or below it (or any
 * agency, for the unit without one); the unit's agency when `to` is the unit's own code on the LGSP;
 * else nowhere (the LGSP put another unit's package in this mailbox: refused, not received).
 */
export async function recipientFor(ctx: ExchangeContext, client: LgspClient, to: string): Promise<string | null> {
  if (client.agency === null) return to;
  const unitAgency = await ctx.directory.find(client.agency);
  if (!unitAgency) return null;
  const a = await ctx.directory.find(to);
  if (a && (await ctx.directory.isWithin(unitAgency.code, a.code))) return to;
  if (to === client.unitCode) return unitAgency.legacyCode ?? unitAgency.code;
  return null;
}

/** The CA certificates of LGSP_TRUSTED_CAS (PEM), stored as trust roots (`lgsp`); returns how many. */
export async function loadTrustedCas(ctx: ExchangeContext): Promise<number> {
  const path = ctx.settings.lgsp?.trustedCas;
  if (!path) return 0;
  const pem = await readFile(path, 'utf8');
  let n = 0;
  for (const m of pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
    const der = Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
    const cert = new X509Certificate(der);
    if (!cert.ca) {
      ctx.log.warn({ subject: cert.subject }, 'LGSP_TRUSTED_CAS: not a CA certificate; ignored');
      continue;
    }
    await repo.addTrustRoot(ctx.db, {
      fingerprint: fingerprint(der),
      subject: subjectOf(der),
      der: der.toString('base64'),
      source: 'lgsp',
    });
    n++;
  }
  return n;
}

/** The package a status answers: the document this deployment sent with that DocumentId to its sender. */
async function answeredPackage(ctx: ExchangeContext, bytes: Buffer): Promise<string | null> {
  const st = readPackage(bytes, {
    maxChars: ctx.settings.maxPackageBytes,
    maxAttachmentBytes: ctx.settings.maxPackageBytes,
  }).package;
  if (!st || st.kind !== 'status') return null;
  const rows = await repo.documentsWithId(ctx.db, 'out', st.responseFor.documentId);
  const from = await ctx.directory.find(st.from.organId);
  const same = async (code: string) => {
    if (code === st.from.organId) return true;
    const a = await ctx.directory.find(code);
    return !!a && !!from && a.id === from.id;
  };
  for (const r of rows) if (await same(r.recipient)) return r.id;
  return null;
}

export type LgspReceipt = Outcome | { outcome: 'failed'; packageId: string; error: string };

/**
 * One item of GET /vanbans: PROCESSING, fetch, receive, then DONE — or FAIL with the reason when the
 * package is refused (it is set aside: the log keeps it, FAIL items are not fetched again). A network
 * or LGSP fault leaves the item as it is for the next poll; the receive is idempotent on the docId,
 * so a crash between the receipt and DONE stores nothing twice.
 */
export async function receiveFromLgsp(ctx: ExchangeContext, client: LgspClient, item: VanBan): Promise<LgspReceipt> {
  try {
    const recipient = await recipientFor(ctx, client, item.to);
    if (!recipient) {
      const reason = `NOT_FOR_THIS_UNIT: ${item.to} is not ${client.unitCode} (${client.agency}) nor a unit below it`;
      ctx.log.warn(
        { docId: item.docId, unit: client.unitCode, to: item.to },
        'exchange: LGSP item for another unit; refused',
      );
      await client.setState(item.docId, 'FAIL', reason);
      return { outcome: 'rejected', packageId: item.docId, code: 'NOT_FOR_THIS_UNIT', reason };
    }
    if (item.status === 'INITIAL') await client.setState(item.docId, 'PROCESSING');
    const bytes = await client.fetchPackage(item.docId);
    const kind = item.messageType === 'status' ? ('status' as const) : ('document' as const);
    const d: IncomingDelivery = {
      bytes,
      packageId: item.docId,
      recipient,
      kind,
      inReplyTo: kind === 'status' ? await answeredPackage(ctx, bytes) : null,
      fromNode: 'lgsp',
      sha256: sha256Hex(bytes),
    };
    const o = await receivePackage(ctx, d);
    let refusal = o.outcome === 'rejected' ? `${o.code}: ${o.reason}` : null;
    if (!refusal && kind === 'document') {
      // Kept but refused for its seal (answered with 02): the LGSP is told FAIL too, with why.
      const row = await repo.package(ctx.db, item.docId, 'in');
      if (row?.state === '02' && row.reason) refusal = `SIGNATURE_INVALID: ${row.reason}`;
    }
    if (refusal) {
      ctx.log.warn(
        { docId: item.docId, from: item.from, reason: refusal },
        'exchange: LGSP package refused; set aside',
      );
      await client.setState(item.docId, 'FAIL', refusal);
    } else await client.setState(item.docId, 'DONE');
    return o;
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    ctx.log.warn({ docId: item.docId, err: error }, 'exchange: receiving from the LGSP failed; will retry');
    return { outcome: 'failed', packageId: item.docId, error };
  }
}

/**
 * Items whose receipt failed (fetch, receive or acknowledgement) wait before they are tried again:
 * 1 s, 2 s, 4 s … up to EXCHANGE_RETRY_MAX_MS, as the outbox's deliveries do, so that one item the
 * LGSP cannot serve is not fetched on every poll. Kept in memory: after a restart every item is tried
 * once at once, which the idempotent receive makes harmless. Items no longer listed are forgotten.
 */
export class LgspItemBackoff {
  private readonly failed = new Map<string, { failures: number; retryAt: number }>();
  constructor(private readonly maxMs: number) {}

  due(docId: string, now: number) {
    const f = this.failed.get(docId);
    return !f || f.retryAt <= now;
  }
  record(docId: string, ok: boolean, now: number) {
    if (ok) return void this.failed.delete(docId);
    const failures = (this.failed.get(docId)?.failures ?? 0) + 1;
    const delay = Math.min(this.maxMs, 1000 * 2 ** Math.min(20, failures - 1));
    this.failed.set(docId, { failures, retryAt: now + delay });
  }
  /** Forget items the LGSP no longer lists (done or removed). */
  keepOnly(listed: Set<string>) {
    for (const id of this.failed.keys()) if (!listed.has(id)) this.failed.delete(id);
  }
  get size() {
    return this.failed.size;
  }
}

/**
 * Poll the LGSP once, for every unit with its own secret: every listed item not already refused (FAIL)
 * and not waiting after a failure; returns what each item tried became. A unit the LGSP refuses (its
 * secret revoked) is logged and skipped: the other units' mail still arrives.
 */
export async function pollLgsp(
  ctx: ExchangeContext,
  clients: LgspClient | LgspClient[],
  backoff: LgspItemBackoff = new LgspItemBackoff(ctx.settings.retryMaxMs),
): Promise<LgspReceipt[]> {
  const units = Array.isArray(clients) ? clients : [clients];
  const lists: { client: LgspClient; items: VanBan[] }[] = [];
  let failure: unknown = null;
  for (const client of units) {
    try {
      lists.push({ client, items: await client.incoming() });
    } catch (err) {
      failure = err;
      ctx.log.warn(
        { unit: client.unitCode, err: err instanceof Error ? err.message : String(err) },
        'exchange: listing a unit’s mailbox on the LGSP failed; will retry',
      );
    }
  }
  // Every unit failed (the LGSP is down): the caller's retry, as before.
  if (lists.length === 0 && failure) throw failure;
  backoff.keepOnly(new Set(lists.flatMap((l) => l.items.map((i) => i.docId))));
  const out: LgspReceipt[] = [];
  // One at a time: a document and the statuses that follow it arrive in order.
  for (const { client, items } of lists)
    for (const item of items) {
      if (item.status === 'FAIL' || item.status === 'DONE') continue;
      if (!backoff.due(item.docId, ctx.clock.now().getTime())) continue;
      const o = await receiveFromLgsp(ctx, client, item);
      backoff.record(item.docId, o.outcome !== 'failed', ctx.clock.now().getTime());
      out.push(o);
    }
  return out;
}

/**
 * At start and every EXCHANGE_SYNC_MS: the trusted CAs, and a check that the LGSP knows each unit and
 * that each unit's agency is one this deployment serves (warnings: the operator's to fix).
 */
export async function syncWithLgsp(ctx: ExchangeContext, clients: LgspClient | LgspClient[]) {
  await loadTrustedCas(ctx);
  const units = Array.isArray(clients) ? clients : [clients];
  const listed = await units[0]!.units();
  for (const c of units) {
    if (!listed.some((u) => u.code === c.unitCode))
      ctx.log.warn({ unit: c.unitCode }, 'exchange: the LGSP does not list this unit among its connected units');
    if (c.agency !== null && !(await ctx.servesAgency(c.agency)))
      ctx.log.warn(
        { unit: c.unitCode, agency: c.agency },
        'exchange: LGSP_UNITS names an agency this deployment does not serve (EXCHANGE_AGENCIES)',
      );
  }
}
