import { isUtf8 } from 'node:buffer';
import { createHash, X509Certificate as NodeX509 } from 'node:crypto';
import { newId } from '../../../platform/ids/index.js';
import type { ValidationReport } from '../../signatures/index.js';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeRepository as repo } from '../exchange.repository.js';
import { verifyPackage } from '../edxml/dsig.js';
import type { EdxmlPackage } from '../edxml/model.js';
import { type PackageIssue, readPackage } from '../edxml/parse.js';
import { XmlRefused } from '../edxml/xml.js';

/** A package handed to this deployment by the previous hop, with its transport metadata. */
export interface IncomingDelivery {
  bytes: Buffer;
  packageId: string;
  recipient: string;
  kind: 'document' | 'status';
  inReplyTo: string | null;
  /** The node that sent it (hub side), or the hub (node side). */
  fromNode: string;
  /** SHA-256 (hex) of `bytes`, computed once where they were received. */
  sha256: string;
}

export type Outcome =
  | { outcome: 'accepted' | 'duplicate'; packageId: string }
  | { outcome: 'rejected'; packageId: string; code: string; reason: string; issues?: PackageIssue[] };

export const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function rejected(packageId: string, code: string, reason: string, issues?: PackageIssue[]): Outcome {
  return { outcome: 'rejected', packageId, code, reason, issues };
}

/** Parse and validate; a package that is not edXML is refused with every problem named. */
export function parseIncoming(
  ctx: ExchangeContext,
  d: IncomingDelivery,
): { pkg: EdxmlPackage; doc: unknown } | Outcome {
  if (!isUtf8(d.bytes)) {
    const e = new XmlRefused('NOT_UTF8', 'The package is not valid UTF-8.');
    return rejected(d.packageId, e.code, e.message);
  }
  const r = readPackage(d.bytes, {
    maxChars: ctx.settings.maxPackageBytes,
    maxAttachmentBytes: ctx.settings.maxPackageBytes,
  });
  if (!r.package || !r.doc)
    return rejected(d.packageId, 'PACKAGE_INVALID', r.issues.map((i) => `${i.path}: ${i.message}`).join(' '), r.issues);
  if (!r.signed)
    return rejected(d.packageId, 'SIGNATURE_MISSING', 'The package carries no XML signature of the sending agency.');
  if (r.package.kind !== d.kind)
    return rejected(d.packageId, 'KIND_MISMATCH', `The package is a ${r.package.kind}, announced as ${d.kind}.`);
  return { pkg: r.package, doc: r.doc };
}

/** Verify the seal against the given roots (DER); the reason for a failure is the report's first message. */
export async function verifySeal(
  ctx: ExchangeContext,
  xml: string | { doc: unknown },
  roots: Uint8Array[],
): Promise<{ report: ValidationReport; reason: string | null }> {
  const local = new Set((await ctx.seals.localRoots()).map((d) => Buffer.from(d).toString('base64')));
  const report = await verifyPackage(xml, {
    roots: async () => roots,
    now: () => ctx.clock.now(),
    policy: ctx.settings.signaturePolicy,
    // This deployment's own root is the government hierarchy; any other came through the federation.
    categoryOf: (der) => (local.has(Buffer.from(der).toString('base64')) ? 'government' : 'federation'),
  });
  if (report.indication === 'TOTAL_PASSED') return { report, reason: null };
  const msg =
    report.signatures[0]?.messages[0] ??
    `${report.indication}${report.subIndication ? ` / ${report.subIndication}` : ''}`;
  return { report, reason: `${report.subIndication ?? report.indication}: ${msg}` };
}

export const derOf = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

export function subjectOf(der: Uint8Array): string {
  try {
    return new NodeX509(der).subject.replace(/\n/g, ', ');
  } catch {
    return '(unreadable)';
  }
}

type LogExtra = {
  sender?: string | null;
  documentId?: string | null;
  statusCode?: string | null;
  reason?: string | null;
  nodeId?: string | null;
};

/** The log entry of a package event (its hash is the SHA-256 of the package's bytes). */
export function logRow(
  ctx: ExchangeContext,
  d: IncomingDelivery,
  event: 'received' | 'routed' | 'rejected' | 'duplicate' | 'delivered',
  extra: LogExtra = {},
) {
  return {
    id: newId('plg'),
    packageId: d.packageId,
    kind: d.kind,
    event,
    sender: extra.sender ?? null,
    recipient: d.recipient,
    documentId: extra.documentId ?? null,
    statusCode: extra.statusCode ?? null,
    nodeId: extra.nodeId ?? d.fromNode,
    sha256: d.sha256,
    size: d.bytes.length,
    reason: extra.reason?.slice(0, 2000) ?? null,
    at: ctx.clock.now(),
  };
}

/** Log a package event outside any transaction (a refusal is logged even though nothing else is stored). */
export async function logEvent(
  ctx: ExchangeContext,
  d: IncomingDelivery,
  event: Parameters<typeof logRow>[2],
  extra: LogExtra = {},
  db = ctx.db,
) {
  await repo.log(db, logRow(ctx, d, event, extra));
}

export function senderOf(pkg: EdxmlPackage) {
  return pkg.from.organId;
}

export function documentIdOfPackage(pkg: EdxmlPackage) {
  return pkg.kind === 'document' ? pkg.documentId : pkg.responseFor.documentId;
}

/**
 * The hub takes a package: its receipt (from `nodeId`), the delivery to the next hop and the log entry,
 * in one statement. False when a concurrent retry had written them (a duplicate).
 */
export function acceptAndRoute(
  ctx: ExchangeContext,
  d: IncomingDelivery,
  pkg: EdxmlPackage,
  o: { nodeId: string; hop: string; sender: string | null; at: Date },
) {
  return repo.acceptAtHub(
    ctx.db,
    { packageId: d.packageId, nodeId: o.nodeId, sha256: d.sha256, at: o.at },
    {
      id: newId('dlv'),
      packageId: d.packageId,
      sha256: d.sha256,
      kind: d.kind,
      recipient: d.recipient,
      inReplyTo: d.inReplyTo,
      target: o.hop,
      createdAt: o.at,
      nextAttemptAt: o.at,
    },
    logRow(ctx, d, 'routed', {
      sender: o.sender,
      documentId: documentIdOfPackage(pkg),
      statusCode: pkg.kind === 'status' ? pkg.statusCode : null,
      reason: `to ${o.hop}`,
    }),
  );
}
