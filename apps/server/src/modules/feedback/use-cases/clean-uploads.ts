import { fileRepository } from '../../../platform/files/index.js';
import type { FeedbackContext } from '../feedback.context.js';
import { feedbackRepository as repo } from '../feedback.repository.js';
import { contactOwner } from './submit.js';

/** The file owner of an anonymous filer's uploads: his verification (`feedback-contact:{id}`). */
const CONTACT_OWNER = contactOwner('');

/** How often a serving process enqueues the clean-up (one run per period across processes). */
export const CLEAN_UPLOADS_EVERY_MS = 60 * 60_000;

/**
 * Forget the attachments anonymous filers uploaded and never filed: file rows owned by a
 * verification (`feedback-contact:{id}`) older than `FEEDBACK_UNFILED_UPLOAD_HOURS`, whose
 * verification is no longer open (used or expired, so no filing can still name them), and that no
 * feedback item lists. Their rows are deleted, which makes them unreachable and frees nothing else.
 *
 * The bytes stay in the blob store: it is content-addressed and shared (the same bytes uploaded by
 * someone else, or written by another module with `putBuffer`, are one blob), and it has no delete;
 * removing a blob safely needs a reference scan over every module's SHA-256 columns (ADR 0020,
 * addendum 4). The run logs how many rows went and how many of their blobs no file row names any more.
 */
export async function cleanUnfiledUploads(ctx: FeedbackContext) {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - ctx.config.FEEDBACK_UNFILED_UPLOAD_HOURS * 3_600_000);
  const out = await ctx.db.transaction(async (tx) => {
    const old = await fileRepository.ownedWithPrefix(tx, CONTACT_OWNER, cutoff);
    if (!old.length) return { files: 0, bytes: 0, blobsUnreferenced: 0 };
    // ownerId matched the prefix, so it is set.
    const codeOf = (ownerId: string | null) => (ownerId ?? '').slice(CONTACT_OWNER.length);
    const [open, attached] = await Promise.all([
      repo.openCodeIds(tx, [...new Set(old.map((f) => codeOf(f.ownerId)))], now),
      repo.attachedFileIds(
        tx,
        old.map((f) => f.id),
      ),
    ]);
    const removed = await fileRepository.deleteRows(
      tx,
      old.filter((f) => !open.has(codeOf(f.ownerId)) && !attached.has(f.id)).map((f) => f.id),
    );
    const shas = [...new Set(removed.map((f) => f.sha256))];
    const still = await fileRepository.referencedBlobs(tx, shas);
    return {
      files: removed.length,
      bytes: removed.reduce((n, f) => n + Number(f.size), 0),
      blobsUnreferenced: shas.filter((x) => !still.has(x)).length,
    };
  });
  if (out.files)
    ctx.log.info({ ...out, olderThan: cutoff.toISOString() }, 'feedback: unfiled anonymous uploads removed');
  return out;
}
