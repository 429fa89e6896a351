import { fileRepository } from '../../../platform/files/index.js';
import type { FeedbackContext } from '../feedback.context.js';
import { feedbackRepository as repo } from '../feedback.repository.js';
import { contactOwner } from './submit.js';

/** The file owner of an anonymous filer's uploads: his verification (`feedback-contact:{id}`). */
const CONTACT_OWNER = contactOwner('');

/** How often a serving process enqueues the clean-up (one run per period across processes). */
export const CLEAN_UPLOADS_EVERY_MS = 60 * 60_000;

/** A blob written again this recently (a put of the same bytes whose row may not be committed yet) stays. */
const BLOB_MIN_AGE_MS = 60 * 60_000;

/**
 * Remove the attachments anonymous filers uploaded and never filed: file rows owned by a
 * verification (`feedback-contact:{id}`) older than `FEEDBACK_UNFILED_UPLOAD_HOURS`, whose
 * verification is no longer open (used or expired, so no filing can still name them), and that no
 * feedback item lists. Their rows are deleted; then their bytes, when nothing else names the same
 * blob (the store is content-addressed and shared: the same bytes uploaded by someone else, or kept
 * by another module by their SHA-256, are one blob): the file rows and every module's hash columns
 * are checked (`blobsNamedAnywhere`), and the store moves the blob aside before the last check, so a
 * new upload of the same bytes is never lost (`FileStore.discard`; ADR 0020, addendum 5).
 */
export async function cleanUnfiledUploads(ctx: FeedbackContext) {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - ctx.config.FEEDBACK_UNFILED_UPLOAD_HOURS * 3_600_000);
  const out = await ctx.db.transaction(async (tx) => {
    const old = await fileRepository.ownedWithPrefix(tx, CONTACT_OWNER, cutoff);
    if (!old.length) return { files: 0, bytes: 0, blobs: [] as string[] };
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
    return {
      files: removed.length,
      bytes: removed.reduce((n, f) => n + Number(f.size), 0),
      blobs: [...new Set(removed.map((f) => f.sha256))],
    };
  });
  // After the rows' commit: a blob is deleted only when nothing names it any more.
  const named = await fileRepository.blobsNamedAnywhere(ctx.db, out.blobs);
  let blobsDeleted = 0;
  for (const sha of out.blobs.filter((x) => !named.has(x))) {
    const gone = await ctx.files.discard(sha, {
      now,
      minAgeMs: BLOB_MIN_AGE_MS,
      stillNeeded: async () => (await fileRepository.blobsNamedAnywhere(ctx.db, [sha])).has(sha),
    });
    if (gone) blobsDeleted++;
  }
  const result = { files: out.files, bytes: out.bytes, blobsDeleted, blobsShared: out.blobs.length - blobsDeleted };
  if (out.files)
    ctx.log.info({ ...result, olderThan: cutoff.toISOString() }, 'feedback: unfiled anonymous uploads removed');
  return result;
}
