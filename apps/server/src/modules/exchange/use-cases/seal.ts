import { createHash } from 'node:crypto';
import { fileRepository } from '../../../platform/files/index.js';
import { newId } from '../../../platform/ids/index.js';
import type { EdxmlOrgan, OutgoingDocumentMessage } from '../exchange-contract.js';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeRepository as repo, type MessageRow } from '../exchange.repository.js';
import { buildDocumentPackage, buildStatusPackage } from '../edxml/build.js';
import { signPackage } from '../edxml/dsig.js';
import type { DocumentPackage, PackageAttachment } from '../edxml/model.js';
import { documentIdOf } from './send.js';
import { splitDocumentId } from './states.js';
import { isSealProblem } from './held-statuses.js';
import type { AppError } from '../../../platform/http/errors.js';

async function organOf(ctx: ExchangeContext, code: string): Promise<EdxmlOrgan> {
  const a = await ctx.directory.find(code);
  return {
    organId: code,
    organName: a?.name ?? code,
    organAdd: a?.address ?? undefined,
    email: a?.email ?? undefined,
    telephone: a?.phone ?? undefined,
    website: a?.website ?? undefined,
  };
}

async function documentXml(ctx: ExchangeContext, m: MessageRow): Promise<string> {
  const msg = m.payload as unknown as OutgoingDocumentMessage;
  const attachments: PackageAttachment[] = [];
  for (const [i, a] of msg.attachments.entries()) {
    const f = await fileRepository.byId(ctx.db, a.fileId);
    if (!f) throw new Error(`attachment ${a.fileId} is not in the file store`);
    attachments.push({
      contentId: `cid:${i + 1}-${f.sha256.slice(0, 16)}`,
      name: a.name,
      mediaType: a.mediaType,
      description: a.description,
      data: await ctx.files.read(f.sha256),
    });
  }
  const documentId = documentIdOf(msg);
  const t = msg.business.target;
  const pkg: DocumentPackage = {
    kind: 'document',
    from: msg.from,
    to: msg.to,
    documentId,
    // Real senders write DocumentType/Type 1 and SteeringType 1 unless the document says otherwise.
    header: {
      ...msg.header,
      documentType: { ...msg.header.documentType, type: msg.header.documentType.type || 1 },
      steeringType: msg.header.steeringType ?? 1,
    },
    business: {
      documentId: t?.documentId ?? documentId,
      type: msg.business.type,
      reason: msg.business.reason,
      paper: msg.business.paper,
      staff: msg.business.staff,
      replacement:
        msg.business.type === 'replace' && t
          ? { documentId: t.documentId, organIds: msg.to.map((x) => x.organId) }
          : undefined,
    },
    traces: [{ organId: msg.from.organId, timestamp: m.createdAt }],
    attachments,
  };
  return buildDocumentPackage(pkg);
}

async function statusXml(ctx: ExchangeContext, m: MessageRow): Promise<{ xml: string; statusCode: string }> {
  const p = m.payload as {
    inReplyTo: string;
    statusCode: string;
    description: string | null;
    staff: Record<string, string> | null;
    at: string;
  };
  const received = await repo.package(ctx.db, p.inReplyTo, 'in');
  if (!received?.documentId) throw new Error(`status for unknown package ${p.inReplyTo}`);
  const ref = splitDocumentId(received.documentId);
  const at = new Date(p.at);
  const xml = buildStatusPackage({
    kind: 'status',
    from: await organOf(ctx, received.recipient),
    responseFor: {
      organId: received.sender,
      code: ref?.code ?? received.documentId,
      promulgationDate: ref?.date ?? at.toISOString().slice(0, 10),
      documentId: received.documentId,
    },
    statusCode: p.statusCode as never,
    description: p.description ?? undefined,
    staff: p.staff ?? undefined,
    timestamp: at,
    traces: [{ organId: received.recipient, timestamp: at }],
  });
  return { xml, statusCode: p.statusCode };
}

/**
 * Build the edXML of a queued message, seal it with the sending agency's seal (or the nearest one
 * above it), store it by hash and put one delivery per package in the outbox. Runs as a job, outside
 * the sender's transaction (the seal key is the signatures module's); running it twice changes
 * nothing. A status whose agency lost its seal since it was queued is held (`awaiting_seal`) like
 * one queued without a seal, and released when a seal is issued (ADR 0013); a document is retried.
 */
export async function sealMessage(ctx: ExchangeContext, messageId: string) {
  const m = await repo.message(ctx.db, messageId);
  if (!m || m.sealedAt) return;
  const built = m.kind === 'document' ? { xml: await documentXml(ctx, m), statusCode: null } : await statusXml(ctx, m);
  const seal = await ctx.seals.sealFor(m.fromCode).catch(async (e) => {
    if (m.kind !== 'status' || !isSealProblem(e)) throw e;
    await repo.holdMessage(ctx.db, messageId, (e as AppError).code, ctx.clock.now());
    return null;
  });
  if (!seal) return;
  const signed = Buffer.from(await signPackage(built.xml, seal.key), 'utf8');
  const sha256 = createHash('sha256').update(signed).digest('hex');
  await ctx.files.putBuffer(signed);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const again = await repo.message(tx, messageId);
    if (again?.sealedAt) return;
    const pkgs = await repo.packagesOfMessage(tx, messageId);
    await repo.updateMessage(tx, messageId, { sha256, size: signed.length, sealedAt: now });
    await repo.insertDeliveries(
      tx,
      pkgs.map((p) => ({
        id: newId('dlv'),
        packageId: p.id,
        kind: p.kind,
        sha256,
        recipient: p.recipient,
        inReplyTo: p.inReplyTo,
        target: 'hub',
        createdAt: now,
        nextAttemptAt: now,
      })),
    );
    for (const p of pkgs) {
      await repo.setPackageState(tx, p.id, 'out', p.kind === 'document' ? 'sent' : p.state, null, now);
      if (p.kind === 'document') await repo.addEvent(tx, { id: newId('pke'), packageId: p.id, state: 'sent', at: now });
      await repo.log(tx, {
        id: newId('plg'),
        packageId: p.id,
        kind: p.kind,
        event: 'sealed',
        sender: p.sender,
        recipient: p.recipient,
        documentId: p.documentId,
        statusCode: built.statusCode,
        sha256,
        size: signed.length,
        at: now,
      });
    }
  });
}
