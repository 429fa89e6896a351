import type { Tx } from '../../../platform/db/index.js';
import type { ActorContext } from '../../../platform/http/auth.js';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { isLegacyCode, isQd20Code } from '../../directory/index.js';
import type { EdxmlStaffInfo, EdxmlStatusCode, ExchangeOutbox, OutgoingDocumentMessage } from '../exchange-contract.js';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeRepository as repo } from '../exchange.repository.js';
import { edxmlDocumentId } from '../edxml/dates.js';
import { STATUS_CODES } from '../edxml/model.js';
import { enqueueSeal, SEAL_JOB, sealProblem } from './held-statuses.js';

export { SEAL_JOB };

const validCode = (c: string) => isLegacyCode(c) || isQd20Code(c);

/** The edXML DocumentId of an outgoing document. */
export function documentIdOf(msg: OutgoingDocumentMessage): string {
  return edxmlDocumentId(
    msg.from.organId,
    msg.header.promulgation.date,
    msg.header.codeNumber,
    msg.header.codeNotation,
  );
}

function checkDocument(msg: OutgoingDocumentMessage) {
  const errors = [];
  if (!validCode(msg.from.organId))
    errors.push({ path: 'from.organId', code: 'INVALID_ORGAN_ID', message: 'Not an agency identifier code.' });
  if (msg.to.length === 0) errors.push({ path: 'to', code: 'REQUIRED', message: 'At least one recipient.' });
  msg.to.forEach((t, i) => {
    if (!validCode(t.organId))
      errors.push({ path: `to.${i}.organId`, code: 'INVALID_ORGAN_ID', message: 'Not an agency identifier code.' });
  });
  if (new Set(msg.to.map((t) => t.organId)).size !== msg.to.length)
    errors.push({ path: 'to', code: 'DUPLICATE_RECIPIENT', message: 'A recipient is listed twice.' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(msg.header.promulgation.date))
    errors.push({ path: 'header.promulgation.date', code: 'INVALID_DATE', message: 'YYYY-MM-DD.' });
  if (msg.business.type !== 'new' && !msg.business.target)
    errors.push({
      path: 'business.target',
      code: 'REQUIRED',
      message: 'Revoke, update and replace name the document concerned.',
    });
  if (errors.length) throw new ValidationError(errors);
}

/**
 * Queue a document for each recipient, in the caller's transaction; sealing and delivery follow,
 * exactly once. 409 SEAL_CERTIFICATE_MISSING (nothing queued) when neither the sender nor an agency
 * above it has a seal.
 */
export async function sendDocument(ctx: ExchangeContext, tx: Tx, msg: OutgoingDocumentMessage) {
  checkDocument(msg);
  // Refused now, in the sender's transaction, rather than failing later in the seal job.
  await ctx.seals.sealerOf(tx, msg.from.organId);
  const now = ctx.clock.now();
  const messageId = newId('msg');
  const documentId = documentIdOf(msg);
  const packageIds: Record<string, string> = {};
  for (const t of msg.to) packageIds[t.organId] = newId('pkg');
  await repo.insertMessage(tx, {
    id: messageId,
    kind: 'document',
    fromCode: msg.from.organId,
    localDocumentId: msg.localDocumentId,
    payload: msg as unknown as Record<string, unknown>,
    createdAt: now,
  });
  await repo.insertPackages(
    tx,
    msg.to.map((t) => ({
      id: packageIds[t.organId]!,
      direction: 'out' as const,
      kind: 'document' as const,
      messageId,
      sender: msg.from.organId,
      recipient: t.organId,
      documentId,
      subject: msg.header.subject,
      localDocumentId: msg.localDocumentId,
      state: 'queued' as const,
      createdAt: now,
      updatedAt: now,
    })),
  );
  for (const id of Object.values(packageIds))
    await repo.addEvent(tx, { id: newId('pke'), packageId: id, state: 'queued', at: now });
  await enqueueSeal(tx, messageId);
  return { packageIds, messageId };
}

export interface StatusInput {
  packageId: string;
  statusCode: EdxmlStatusCode;
  description?: string;
  staff?: EdxmlStaffInfo;
}

/**
 * Queue a status about a received package back to its sender. Each code is sent once per package
 * (a double click or a retry sends nothing more), except 05 "processing", which may repeat. When the
 * receiving agency has no seal usable for edXML, the status is kept (`awaiting_seal`, with the
 * reason) and sent once one is issued (ADR 0013): the clerk's own step is never refused for it.
 */
export async function sendStatus(ctx: ExchangeContext, tx: Tx, s: StatusInput): Promise<{ packageId: string | null }> {
  if (!STATUS_CODES.includes(s.statusCode))
    throw ValidationError.field('statusCode', 'INVALID_STATUS_CODE', 'Not an edXML status code.');
  const received = await repo.package(tx, s.packageId, 'in');
  if (!received || received.direction !== 'in' || received.kind !== 'document')
    throw new NotFoundError('PACKAGE_NOT_FOUND', 'No received package with this id.', { packageId: s.packageId });
  const now = ctx.clock.now();
  const messageId = newId('msg');
  const statusPackageId = newId('pkg');
  const problem = await sealProblem(ctx, tx, received.recipient);
  const inserted = await repo.insertMessage(tx, {
    id: messageId,
    kind: 'status',
    fromCode: received.recipient,
    localDocumentId: received.localDocumentId,
    payload: {
      inReplyTo: received.id,
      statusCode: s.statusCode,
      description: s.description ?? null,
      staff: s.staff ?? null,
      at: now.toISOString(),
    },
    dedupeKey: s.statusCode === '05' ? null : `${received.id}:${s.statusCode}`,
    createdAt: now,
  });
  if (!inserted) return { packageId: null };
  await repo.insertPackages(tx, [
    {
      id: statusPackageId,
      direction: 'out',
      kind: 'status',
      messageId,
      sender: received.recipient,
      recipient: received.sender,
      documentId: received.documentId,
      inReplyTo: received.id,
      localDocumentId: received.localDocumentId,
      state: problem ? 'awaiting_seal' : 'queued',
      reason: problem,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  await repo.setPackageState(tx, received.id, 'in', s.statusCode, s.description ?? null, now);
  if (!problem) await enqueueSeal(tx, messageId);
  return { packageId: statusPackageId };
}

/** The ExchangeOutbox of the contract, for the documents module. */
export function exchangeOutbox(ctx: ExchangeContext): ExchangeOutbox {
  return {
    sendDocument: async (tx: Tx, _actor: ActorContext, msg) => {
      const { packageIds } = await sendDocument(ctx, tx, msg);
      return { packageIds };
    },
    sendStatus: async (tx: Tx, _actor: ActorContext, s) => {
      await sendStatus(ctx, tx, s);
    },
  };
}
