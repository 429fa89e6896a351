import type { Principal } from '../../../platform/http/auth.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import type { ExchangeContext } from '../exchange.context.js';
import { type EventRow, exchangeRepository as repo, type PackageRow } from '../exchange.repository.js';
import { mayActFor, visibleCodes } from '../exchange.policy.js';

export interface PackageView {
  id: string;
  direction: 'in' | 'out';
  kind: 'document' | 'status';
  sender: string;
  recipient: string;
  documentId: string | null;
  subject: string | null;
  localDocumentId: string | null;
  inReplyTo: string | null;
  statusCode: string | null;
  state: PackageRow['state'];
  reason: string | null;
  createdAt: Date;
  updatedAt: Date;
  events: { state: EventRow['state']; description: string | null; at: Date }[];
}

async function withEvents(ctx: ExchangeContext, rows: PackageRow[]): Promise<PackageView[]> {
  const events = await repo.events(
    ctx.db,
    rows.filter((r) => r.direction === 'out').map((r) => r.id),
  );
  const codes = await repo.statusCodes(
    ctx.db,
    rows.filter((r) => r.kind === 'status' && r.messageId).map((r) => r.messageId!),
  );
  return rows.map((r) => ({
    id: r.id,
    direction: r.direction,
    kind: r.kind,
    sender: r.sender,
    recipient: r.recipient,
    documentId: r.documentId,
    subject: r.subject,
    localDocumentId: r.localDocumentId,
    inReplyTo: r.inReplyTo,
    statusCode: (r.messageId && codes.get(r.messageId)) || null,
    state: r.state,
    reason: r.reason,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    events: events
      .filter((e) => r.direction === 'out' && e.packageId === r.id)
      .map((e) => ({ state: e.state, description: e.description, at: e.at })),
  }));
}

/**
 * Per-recipient exchange status of a document this deployment sent, or, for a document that arrived
 * here, the statuses sent (or held for a seal) back to its sender (the documents pages show them).
 */
export async function statusOfDocument(
  ctx: ExchangeContext,
  p: Principal,
  localDocumentId: string,
): Promise<PackageView[]> {
  const rows = await repo.packagesOfDocument(ctx.db, localDocumentId);
  if (rows.length === 0 || !(await mayActFor(ctx, p, rows[0]!.sender)))
    throw new NotFoundError('DOCUMENT_NOT_EXCHANGED', 'This document was not sent through the exchange.', {
      localDocumentId,
    });
  return withEvents(ctx, rows);
}

/** Packages received by (incoming) or sent from (outgoing) the caller's agencies. */
export async function listPackages(
  ctx: ExchangeContext,
  p: Principal,
  f: {
    box: 'incoming' | 'outgoing';
    kind?: 'document' | 'status';
    state?: PackageRow['state'];
    page: number;
    pageSize: number;
  },
) {
  const codes = await visibleCodes(ctx, p);
  const r = await repo.listPackages(ctx.db, {
    direction: f.box === 'incoming' ? 'in' : 'out',
    kind: f.kind ?? 'document',
    state: f.state,
    agencyCodes: codes,
    page: f.page,
    pageSize: f.pageSize,
  });
  return { items: await withEvents(ctx, r.items), total: r.total, page: f.page, pageSize: f.pageSize };
}

/** A package the caller may see: sent from or received by one of its agencies. */
export async function getPackage(
  ctx: ExchangeContext,
  p: Principal,
  id: string,
  prefer: 'in' | 'out' = 'out',
): Promise<PackageRow> {
  // On a hub serving both agencies, the sender's and the receiver's record share the id.
  for (const direction of prefer === 'in' ? (['in', 'out'] as const) : (['out', 'in'] as const)) {
    const row = await repo.package(ctx.db, id, direction);
    if (row && (await mayActFor(ctx, p, direction === 'in' ? row.recipient : row.sender))) return row;
  }
  throw new NotFoundError('PACKAGE_NOT_FOUND', 'No such package.', { packageId: id });
}

export async function packageView(ctx: ExchangeContext, p: Principal, id: string): Promise<PackageView> {
  return (await withEvents(ctx, [await getPackage(ctx, p, id)]))[0]!;
}

/** The signed edXML exactly as it was sent or received. */
export async function packageBytes(ctx: ExchangeContext, p: Principal, id: string): Promise<Buffer> {
  const row = await getPackage(ctx, p, id);
  const sha =
    row.direction === 'in' ? row.sha256 : row.messageId ? (await repo.message(ctx.db, row.messageId))?.sha256 : null;
  if (!sha) throw new NotFoundError('PACKAGE_NOT_SEALED', 'The package is not sealed yet.', { packageId: id });
  return ctx.files.read(sha);
}
