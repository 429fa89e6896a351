import type { Principal } from '../../../platform/http/auth.js';
import { AppError, ConflictError, ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { mailboxUnit } from '../lgsp/lgsp-mailbox.js';
import { newId } from '../../../platform/ids/index.js';
import type { ExchangeContext } from '../exchange.context.js';
import { mayActFor } from '../exchange.policy.js';
import { readPackage } from '../edxml/parse.js';
import { decodeUtf8, XmlRefused } from '../edxml/xml.js';
import { attachmentFiles, storeAttachments } from './attachments.js';
import { sendDocument, sendStatus, type StatusInput } from './send.js';
import { getPackage } from './read.js';

/** Parse an edXML upload; every problem is a 422 field error named by its element path. */
export function parseUpload(ctx: ExchangeContext, body: Buffer) {
  let xml: string;
  try {
    xml = decodeUtf8(body);
  } catch (e) {
    throw ValidationError.field('body', (e as XmlRefused).code, (e as Error).message);
  }
  const r = readPackage(xml, {
    maxChars: ctx.settings.maxPackageBytes,
    maxAttachmentBytes: ctx.settings.maxPackageBytes,
  });
  const tooLarge = r.issues.find((i) => i.code === 'PACKAGE_TOO_LARGE');
  if (tooLarge) throw new AppError(413, 'PACKAGE_TOO_LARGE', tooLarge.message);
  if (r.issues.length)
    throw new ValidationError(
      r.issues.map((i) => ({ path: i.path, code: i.code, message: i.message })),
      'The edXML package is not valid.',
    );
  return { xml, pkg: r.package!, signed: r.signed };
}

/**
 * A clerk sends an edXML package made by the agency's own document system (unsigned): exchange
 * seals it with the agency's seal and delivers it like any other. Returns the package per recipient.
 */
export async function submitPackage(ctx: ExchangeContext, p: Principal, body: Buffer) {
  const { pkg, signed } = parseUpload(ctx, body);
  if (pkg.kind !== 'document')
    throw ValidationError.field(
      'edXMLHeader/Status',
      'NOT_A_DOCUMENT',
      'Send statuses with POST /api/exchange/packages/{id}/status.',
    );
  if (signed)
    throw ValidationError.field(
      'edXMLHeader/Signature',
      'ALREADY_SIGNED',
      'Submit the package unsigned: the exchange seals it with the agency seal.',
    );
  if (!(await mayActFor(ctx, p, pkg.from.organId)))
    throw new ForbiddenError('FORBIDDEN_AGENCY', 'You may send only for your own agency.', {
      organId: pkg.from.organId,
    });
  const stored = await storeAttachments(ctx, pkg.attachments);
  const localDocumentId = newId('xdoc');
  return ctx.db.transaction(async (tx) => {
    const attachments = await attachmentFiles(tx, stored, p.userId);
    const b = pkg.business;
    const target =
      b.type === 'new'
        ? undefined
        : {
            organId: pkg.from.organId,
            code: b.documentId.split(',').slice(2).join(','),
            promulgationDate: pkg.header.promulgation.date,
            documentId: b.documentId,
          };
    const r = await sendDocument(ctx, tx, {
      localDocumentId,
      from: pkg.from,
      to: pkg.to,
      header: pkg.header,
      business: { type: b.type, reason: b.reason, paper: b.paper, staff: b.staff, target },
      attachments,
    });
    return { localDocumentId, packageIds: r.packageIds };
  });
}

/** A clerk of the receiving agency answers a received package with a status. */
export async function answerPackage(ctx: ExchangeContext, p: Principal, s: StatusInput) {
  const row = await getPackage(ctx, p, s.packageId, 'in');
  if (row.direction !== 'in' || row.kind !== 'document')
    throw ValidationError.field(
      'packageId',
      'NOT_A_RECEIVED_DOCUMENT',
      'Statuses answer documents this agency received.',
    );
  // Kept for another deployment that uses this hub as its LGSP: that deployment answers, with its own seal.
  if (await mailboxUnit(ctx, row.recipient))
    throw new ConflictError(
      'ANSWERED_BY_LGSP_UNIT',
      `Agency ${row.recipient} is another deployment on this hub's LGSP: it answers with its own seal.`,
      { packageId: row.id },
    );
  return ctx.db.transaction(async (tx) => {
    // A clerk's explicit answer is refused at once when no seal can sign it (automatic 01/02 wait for one).
    await ctx.seals.sealerOf(tx, row.recipient);
    return sendStatus(ctx, tx, s);
  });
}
