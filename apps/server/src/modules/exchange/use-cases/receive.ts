import { newId } from '../../../platform/ids/index.js';
import type { StatusMessage } from '../exchange-contract.js';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeRepository as repo } from '../exchange.repository.js';
import type { DocumentPackage, StatusPackage } from '../edxml/model.js';
import {
  derOf,
  type IncomingDelivery,
  logEvent,
  type Outcome,
  parseIncoming,
  rejected,
  subjectOf,
  verifySeal,
} from './incoming.js';
import type { TrustAnchor } from '../../signatures/index.js';
import { fingerprint } from '../seal/seal-provider.js';
import { attachmentFiles, storeAttachments } from './attachments.js';
import { sendStatus } from './send.js';
import { lgspUnitRoots } from '../lgsp/lgsp-mailbox.js';
import { laterState } from './states.js';

/** Roots this deployment trusts for seals: its own CA and the federation's (from the hub, or the nodes' on the hub). */
export async function federationRoots(ctx: ExchangeContext): Promise<Uint8Array[]> {
  const local = await ctx.seals.localRoots();
  const rows = await repo.trustRoots(ctx.db);
  const nodes = ctx.isHub ? (await repo.nodes(ctx.db)).filter((n) => n.active).flatMap((n) => n.caCertificates) : [];
  // On the hub, deployments that use it as their LGSP count like nodes (ADR 0017 addendum).
  const units = await lgspUnitRoots(ctx);
  return [...local, ...rows.map((r) => derOf(r.der)), ...nodes.map(derOf), ...units.map(derOf)];
}

/**
 * The roots of the other deployments of the federation, for the signatures module's validator
 * (PDF, XML, CMS): a document signed at one deployment validates where it arrives. Category
 * `federation`; this deployment's own roots are already on its trust list.
 */
export async function federationAnchors(ctx: ExchangeContext): Promise<TrustAnchor[]> {
  const local = new Set((await ctx.seals.localRoots()).map((d) => fingerprint(d)));
  const rows = (await repo.trustRoots(ctx.db)).map((r) => r.der);
  const nodes = ctx.isHub ? (await repo.nodes(ctx.db)).filter((n) => n.active).flatMap((n) => n.caCertificates) : [];
  const out = new Map<string, TrustAnchor>();
  for (const b64 of [...rows, ...nodes, ...(await lgspUnitRoots(ctx))]) {
    const der = derOf(b64);
    const fp = fingerprint(der);
    if (!local.has(fp) && !out.has(fp))
      out.set(fp, { id: `federation:${fp.slice(0, 16)}`, category: 'federation', subject: subjectOf(der), der });
  }
  return [...out.values()];
}

/** Hook to refresh the federation roots from the hub when a seal's root is unknown (set by the sync worker). */
export type RootsRefresher = () => Promise<void>;

async function verifyWithRefresh(ctx: ExchangeContext, xml: string | { doc: unknown }, refresh?: RootsRefresher) {
  let seal = await verifySeal(ctx, xml, await federationRoots(ctx));
  if (seal.report.subIndication === 'NO_CERTIFICATE_CHAIN_FOUND' && refresh) {
    await refresh().catch((err) => ctx.log.warn({ err }, 'exchange: refreshing federation roots failed'));
    seal = await verifySeal(ctx, xml, await federationRoots(ctx));
  }
  return seal;
}

/**
 * A package arrives for one of this deployment's agencies. Documents are handed to the inbox
 * (documents module) and answered with 01 in the same transaction as the record of the arrival;
 * a package whose seal does not verify is kept, logged and answered with 02 and the reason. The
 * package id is the idempotency key: a redelivery is acknowledged and nothing runs twice.
 */
export async function receivePackage(
  ctx: ExchangeContext,
  d: IncomingDelivery,
  refresh?: RootsRefresher,
): Promise<Outcome> {
  if (await repo.package(ctx.db, d.packageId, 'in')) {
    await logEvent(ctx, d, 'duplicate');
    return { outcome: 'duplicate', packageId: d.packageId };
  }
  const parsed = parseIncoming(ctx, d);
  if ('outcome' in parsed) {
    if (parsed.outcome === 'rejected')
      await logEvent(ctx, d, 'rejected', { reason: `${parsed.code}: ${parsed.reason}` });
    return parsed;
  }
  if (!(await ctx.servesAgency(d.recipient))) {
    await logEvent(ctx, d, 'rejected', { reason: `RECIPIENT_NOT_SERVED: ${d.recipient}` });
    return rejected(d.packageId, 'RECIPIENT_NOT_SERVED', `Agency ${d.recipient} is not served here.`);
  }
  const seal = await verifyWithRefresh(ctx, { doc: parsed.doc }, refresh);
  return parsed.pkg.kind === 'document'
    ? receiveDocument(ctx, d, parsed.pkg, seal)
    : receiveStatus(ctx, d, parsed.pkg, seal);
}

async function receiveDocument(
  ctx: ExchangeContext,
  d: IncomingDelivery,
  pkg: DocumentPackage,
  seal: Awaited<ReturnType<typeof verifySeal>>,
): Promise<Outcome> {
  const now = ctx.clock.now();
  const sha256 = d.sha256;
  await ctx.files.putBuffer(d.bytes, d.sha256);
  const stored = seal.reason ? [] : await storeAttachments(ctx, pkg.attachments);
  const base = {
    id: d.packageId,
    direction: 'in' as const,
    kind: 'document' as const,
    sender: pkg.from.organId,
    recipient: d.recipient,
    documentId: pkg.documentId,
    subject: pkg.header.subject,
    sha256,
    createdAt: now,
    updatedAt: now,
  };
  return ctx.db.transaction(async (tx): Promise<Outcome> => {
    if (seal.reason) {
      if (!(await repo.insertReceived(tx, { ...base, state: '02', reason: seal.reason })))
        return { outcome: 'duplicate', packageId: d.packageId };
      await logEvent(
        ctx,
        d,
        'rejected',
        { sender: pkg.from.organId, documentId: pkg.documentId, reason: seal.reason },
        tx,
      );
      await sendStatus(ctx, tx, {
        packageId: d.packageId,
        statusCode: '02',
        description: `Từ chối tiếp nhận: chữ ký số không hợp lệ (${seal.reason})`,
      });
      return { outcome: 'accepted', packageId: d.packageId };
    }
    if (!(await repo.insertReceived(tx, { ...base, state: 'delivered' })))
      return { outcome: 'duplicate', packageId: d.packageId };
    const attachments = await attachmentFiles(tx, stored, null);
    const { localDocumentId } = await ctx.inbox.documentArrived(tx, {
      packageId: d.packageId,
      recipient: d.recipient,
      from: pkg.from,
      to: pkg.to,
      documentId: pkg.documentId,
      header: pkg.header,
      business: {
        type: pkg.business.type,
        reason: pkg.business.reason,
        paper: pkg.business.paper,
        staff: pkg.business.staff,
        target: targetRef(pkg),
      },
      attachments,
      signatureReport: seal.report,
      receivedAt: now,
    });
    await repo.linkLocalDocument(tx, d.packageId, localDocumentId);
    await logEvent(ctx, d, 'received', { sender: pkg.from.organId, documentId: pkg.documentId }, tx);
    await sendStatus(ctx, tx, { packageId: d.packageId, statusCode: '01', description: 'Đã đến' });
    return { outcome: 'accepted', packageId: d.packageId };
  });
}

function targetRef(pkg: DocumentPackage) {
  if (pkg.business.type === 'new') return undefined;
  const m = /^([0-9A-Z.]+),(\d{4})\/(\d{2})\/(\d{2}),(.+)$/.exec(pkg.business.documentId);
  return m
    ? { organId: m[1]!, code: m[5]!, promulgationDate: `${m[2]}-${m[3]}-${m[4]}`, documentId: pkg.business.documentId }
    : undefined;
}

async function receiveStatus(
  ctx: ExchangeContext,
  d: IncomingDelivery,
  st: StatusPackage,
  seal: Awaited<ReturnType<typeof verifySeal>>,
): Promise<Outcome> {
  const target = d.inReplyTo ? await repo.package(ctx.db, d.inReplyTo, 'out') : null;
  if (!target || target.direction !== 'out' || target.recipient !== st.from.organId) {
    await logEvent(ctx, d, 'rejected', {
      sender: st.from.organId,
      statusCode: st.statusCode,
      reason: 'STATUS_FOR_UNKNOWN_PACKAGE',
    });
    return rejected(
      d.packageId,
      'STATUS_FOR_UNKNOWN_PACKAGE',
      `No package ${d.inReplyTo ?? '(none)'} was sent to ${st.from.organId}.`,
    );
  }
  if (seal.reason) {
    await logEvent(ctx, d, 'rejected', { sender: st.from.organId, statusCode: st.statusCode, reason: seal.reason });
    return rejected(d.packageId, 'SIGNATURE_INVALID', seal.reason);
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<Outcome> => {
    const row = {
      id: d.packageId,
      direction: 'in' as const,
      kind: 'status' as const,
      sender: st.from.organId,
      recipient: d.recipient,
      documentId: st.responseFor.documentId,
      inReplyTo: target.id,
      localDocumentId: target.localDocumentId,
      state: st.statusCode,
      reason: st.description ?? null,
      sha256: d.sha256,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await repo.insertReceived(tx, row))) return { outcome: 'duplicate', packageId: d.packageId };
    await repo.addEvent(tx, {
      id: newId('pke'),
      packageId: target.id,
      state: st.statusCode,
      description: st.description ?? null,
      statusPackageId: d.packageId,
      at: now,
    });
    // Locked: two statuses for one package arriving at once must not both read the old state.
    const current = (await repo.lockPackage(tx, target.id, 'out'))!;
    await repo.setPackageState(
      tx,
      target.id,
      'out',
      laterState(current.state, st.statusCode),
      st.statusCode === '02' ? (st.description ?? null) : current.reason,
      now,
    );
    const msg: StatusMessage = {
      localDocumentId: target.localDocumentId ?? undefined,
      packageId: target.id,
      from: st.from,
      responseFor: st.responseFor,
      statusCode: st.statusCode,
      description: st.description,
      staff: st.staff,
      timestamp: st.timestamp,
    };
    await ctx.inbox.statusArrived(tx, msg);
    await logEvent(
      ctx,
      d,
      'received',
      { sender: st.from.organId, documentId: st.responseFor.documentId, statusCode: st.statusCode },
      tx,
    );
    return { outcome: 'accepted', packageId: d.packageId };
  });
}
