import type { Executor } from '../../../platform/db/index.js';
import { fileRepository } from '../../../platform/files/index.js';
import type { PackageAttachment } from '../edxml/model.js';
import type { EdxmlAttachment } from '../exchange-contract.js';
import type { ExchangeContext } from '../exchange.context.js';

/** A package's attachments with their bytes put in the file store (before the transaction). */
export type StoredAttachment = Awaited<ReturnType<typeof storeAttachments>>[number];

export function storeAttachments(ctx: ExchangeContext, attachments: PackageAttachment[]) {
  return Promise.all(attachments.map(async (a) => ({ a, ...(await ctx.files.putBuffer(a.data)) })));
}

/** The file rows of stored attachments (owned by `ownerId`; by nobody when they came from outside), as the package names them. */
export async function attachmentFiles(
  tx: Executor,
  stored: StoredAttachment[],
  ownerId: string | null,
): Promise<EdxmlAttachment[]> {
  const attachments: EdxmlAttachment[] = [];
  for (const s of stored) {
    const f = await fileRepository.insert(tx, {
      sha256: s.sha256,
      size: s.size,
      mediaType: s.a.mediaType,
      name: s.a.name,
      ownerId,
    });
    attachments.push({ fileId: f.id, name: s.a.name, mediaType: s.a.mediaType, description: s.a.description });
  }
  return attachments;
}
