import type { ExchangeContext } from '../exchange.context.js';
import { exchangeRepository as repo, type RouteRow } from '../exchange.repository.js';
import { readPackage } from '../edxml/parse.js';
import {
  acceptAndRoute,
  derOf,
  documentIdOfPackage,
  type IncomingDelivery,
  logEvent,
  type Outcome,
  parseIncoming,
  sha256Hex,
  verifySeal,
} from '../use-cases/incoming.js';
import { routeOf } from '../use-cases/lookups.js';
import { LgspError, type LgspUnit, listUnits, sha256 } from './lgsp.js';

/*
 * The hub as the LGSP of deployments that use it as their transport (ADR 0017 addendum). Such a
 * deployment is a unit with seal CA certificates registered by the hub operator: it sends packages it
 * sealed itself (checked against those CAs, as a federation node's are against its pinned CAs), and
 * what is addressed to its agencies waits in the hub's mailbox (`packages` direction `in`, listed by
 * GET /vanbans) instead of being handed to the hub's own documents module.
 */

/** The unit of an agency (either code form) that is an external deployment (has seal CAs); null otherwise. */
export async function mailboxUnit(ctx: ExchangeContext, code: string): Promise<LgspUnit | null> {
  const a = await ctx.directory.find(code);
  const codes = a ? [a.code, ...(a.legacyCode ? [a.legacyCode] : [])] : [code];
  const units = await listUnits(ctx.db);
  return units.find((u) => codes.includes(u.code) && u.caCertificates.length > 0) ?? null;
}

/** The hub's next hop for an agency it routes to: a node, its mailbox for an LGSP deployment, or itself. */
export async function hopFor(ctx: ExchangeContext, code: string, route: RouteRow): Promise<string> {
  if (route.nodeId !== ctx.settings.nodeId) return route.nodeId;
  return (await mailboxUnit(ctx, code)) ? 'lgsp' : 'local';
}

/** The seal CAs of every active LGSP deployment (on the hub: they count like the nodes' for receiving). */
export async function lgspUnitRoots(ctx: ExchangeContext): Promise<string[]> {
  if (!ctx.isHub) return [];
  return (await listUnits(ctx.db)).flatMap((u) => u.caCertificates);
}

/** The package id a unit's upload gets for a recipient: the same bytes sent again get the same ids (idempotent). */
const mailboxId = (unit: string, sha: string, recipient: string) =>
  `pkg_l${sha256(`${unit}|${sha}|${recipient}`).slice(0, 25)}`;

/**
 * POST /vanbans with a package the unit sealed itself: the same parser and checks as a package from
 * a node (signed, of the announced kind, sent for an agency within the unit, sealed under a CA the
 * operator registered for the unit), then one receipt and next hop per recipient, in one statement
 * each. Returns the docId per recipient; sending the same bytes again returns the same ids and
 * routes nothing twice.
 */
export async function acceptFromUnit(
  ctx: ExchangeContext,
  unit: LgspUnit,
  bytes: Buffer,
  type: 'edoc' | 'status',
): Promise<Record<string, string>> {
  const sha = sha256Hex(bytes);
  const kind = type === 'edoc' ? ('document' as const) : ('status' as const);
  const probe: IncomingDelivery = {
    bytes,
    packageId: `lgsp:${unit.code}`,
    recipient: '',
    kind,
    inReplyTo: null,
    fromNode: `lgsp:${unit.code}`,
    sha256: sha,
  };
  const parsed = parseIncoming(ctx, probe);
  if ('outcome' in parsed) {
    const o = parsed as Extract<Outcome, { outcome: 'rejected' }>;
    await logEvent(ctx, probe, 'rejected', { reason: `${o.code}: ${o.reason}` });
    throw new LgspError(422, o.code, o.reason);
  }
  const { pkg, doc } = parsed;
  const sender = pkg.from.organId;
  const mine = await ctx.directory.find(unit.code);
  if (!mine || !(await ctx.directory.isWithin(mine.code, sender)))
    throw new LgspError(403, 'FORBIDDEN_AGENCY', `From/OrganId: ${sender} is not ${unit.code} or an agency under it.`);
  if (unit.caCertificates.length === 0)
    throw new LgspError(
      422,
      'SIGNATURE_NOT_ACCEPTED',
      `The hub has no seal CA registered for unit ${unit.code}: send the package unsigned, or ask the operator to register the unit's CA.`,
    );
  const seal = await verifySeal(ctx, { doc }, unit.caCertificates.map(derOf));
  if (seal.reason) {
    await logEvent(ctx, probe, 'rejected', { sender, reason: `SIGNATURE_INVALID: ${seal.reason}` });
    throw new LgspError(422, 'SIGNATURE_INVALID', seal.reason);
  }

  let inReplyTo: string | null = null;
  if (pkg.kind === 'status') {
    // The document it answers: what the unit's mailbox received with this DocumentId from that agency.
    const codes = [mine.code, ...(mine.legacyCode ? [mine.legacyCode] : [])];
    const rows = await repo.documentsWithId(ctx.db, 'in', pkg.responseFor.documentId);
    // Received by the agency that answers (or the unit), from the agency the status is addressed to.
    const target = rows.find(
      (r) => (r.recipient === pkg.from.organId || codes.includes(r.recipient)) && r.sender === pkg.responseFor.organId,
    );
    if (!target)
      throw new LgspError(
        404,
        'NOT_FOUND',
        `ResponseFor/DocumentId: no document ${pkg.responseFor.documentId.slice(0, 80)} was received by this unit.`,
      );
    inReplyTo = target.id;
  }
  const recipients = pkg.kind === 'document' ? pkg.to.map((t) => t.organId) : [pkg.responseFor.organId];
  const hops: { recipient: string; hop: string }[] = [];
  for (const r of recipients) {
    const route = await routeOf(ctx, r);
    if (!route) throw new LgspError(422, 'RECIPIENT_UNKNOWN', `To/OrganId: no deployment serves agency ${r}.`);
    hops.push({ recipient: r, hop: await hopFor(ctx, r, route) });
  }
  await ctx.files.putBuffer(bytes, sha);
  const now = ctx.clock.now();
  const ids: Record<string, string> = {};
  for (const { recipient, hop } of hops) {
    const id = mailboxId(unit.code, sha, recipient);
    ids[recipient] = id;
    const d: IncomingDelivery = { ...probe, packageId: id, recipient, inReplyTo };
    await acceptAndRoute(ctx, d, pkg, { nodeId: `lgsp:${unit.code}`, hop, sender, at: now });
  }
  return ids;
}

/**
 * The hub's `lgsp` hop: keep the package in the mailbox of the recipient's unit, where its
 * deployment fetches it (GET /vanbans). The package id is the key: a second deposit changes nothing.
 */
export async function depositForUnit(ctx: ExchangeContext, d: IncomingDelivery): Promise<Outcome> {
  const r = readPackage(d.bytes, {
    maxChars: ctx.settings.maxPackageBytes,
    maxAttachmentBytes: ctx.settings.maxPackageBytes,
  });
  const pkg = r.package;
  if (!pkg) throw new Error(`package ${d.packageId} no longer parses`);
  await ctx.files.putBuffer(d.bytes, d.sha256);
  const now = ctx.clock.now();
  const fresh = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertReceived(tx, {
      id: d.packageId,
      direction: 'in',
      kind: d.kind,
      sender: pkg.from.organId,
      recipient: d.recipient,
      documentId: documentIdOfPackage(pkg),
      subject: pkg.kind === 'document' ? pkg.header.subject : null,
      inReplyTo: d.inReplyTo,
      state: pkg.kind === 'status' ? pkg.statusCode : 'delivered',
      reason: pkg.kind === 'status' ? (pkg.description ?? null) : null,
      sha256: d.sha256,
      createdAt: now,
      updatedAt: now,
    });
    if (row)
      await logEvent(
        ctx,
        d,
        'delivered',
        { sender: pkg.from.organId, documentId: documentIdOfPackage(pkg), reason: 'lgsp mailbox' },
        tx,
      );
    return !!row;
  });
  return { outcome: fresh ? 'accepted' : 'duplicate', packageId: d.packageId };
}
