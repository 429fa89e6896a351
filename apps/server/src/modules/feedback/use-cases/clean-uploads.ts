import { fileRepository } from '../../../platform/files/index.js';
import type { FeedbackContext } from '../feedback.context.js';
import { feedbackRepository as repo } from '../feedback.repository.js';
import { contactOwner, userOwner } from './submit.js';
import { discardUnnamedBlobs } from './uploads.js';

/** The file owner of an anonymous filer's uploads: his verification (`feedback-contact:{id}`). */
const CONTACT_OWNER = contactOwner('');
/** The file owner of a logged-in filer's uploads to the form (`feedback-user:{userId}`). */
const USER_OWNER = userOwner('');

/** How often a serving process enqueues the clean-up (one run per period across processes). */
export const CLEAN_UPLOADS_EVERY_MS = 60 * 60_000;

/**
 * Remove the attachments filers uploaded and never filed, older than `FEEDBACK_UNFILED_UPLOAD_HOURS`
 * and listed by no feedback item: file rows owned by a verification (`feedback-contact:{id}`,
 * anonymous filers) whose verification is no longer open (used or expired, so no filing can still
 * name them), and file rows a logged-in filer uploaded to the form (`feedback-user:{userId}`; his
 * own `/api/files` uploads are his account's and stay). Their rows are deleted; then their bytes,
 * when nothing else names the same blob (`discardUnnamedBlobs`; ADR 0020, addenda 4 and 5).
 */
export async function cleanUnfiledUploads(ctx: FeedbackContext) {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - ctx.config.FEEDBACK_UNFILED_UPLOAD_HOURS * 3_600_000);
  const out = await ctx.db.transaction(async (tx) => {
    const [anonymous, users] = await Promise.all([
      fileRepository.ownedWithPrefix(tx, CONTACT_OWNER, cutoff),
      fileRepository.ownedWithPrefix(tx, USER_OWNER, cutoff),
    ]);
    const old = [...anonymous, ...users];
    if (!old.length) return { files: 0, bytes: 0, blobs: [] as string[] };
    // A filing takes its filer's lock and then checks its files are still there: with the lock
    // held here, it sees them gone or lists them before they are looked for below.
    for (const owner of [...new Set(users.map((f) => f.ownerId ?? ''))].sort())
      await fileRepository.lockOwner(tx, owner);
    // ownerId matched the prefix, so it is set.
    const codeOf = (ownerId: string | null) => (ownerId ?? '').slice(CONTACT_OWNER.length);
    const [open, attached] = await Promise.all([
      repo.openCodeIds(tx, [...new Set(anonymous.map((f) => codeOf(f.ownerId)))], now),
      repo.attachedFileIds(
        tx,
        old.map((f) => f.id),
      ),
    ]);
    const removed = await fileRepository.deleteRows(tx, [
      ...anonymous.filter((f) => !open.has(codeOf(f.ownerId)) && !attached.has(f.id)).map((f) => f.id),
      ...users.filter((f) => !attached.has(f.id)).map((f) => f.id),
    ]);
    return {
      files: removed.length,
      bytes: removed.reduce((n, f) => n + Number(f.size), 0),
      blobs: [...new Set(removed.map((f) => f.sha256))],
    };
  });
  // After the rows' commit: a blob is deleted only when nothing names it any more.
  const blobsDeleted = await discardUnnamedBlobs(ctx, out.blobs, now);
  const result = { files: out.files, bytes: out.bytes, blobsDeleted, blobsShared: out.blobs.length - blobsDeleted };
  if (out.files) ctx.log.info({ ...result, olderThan: cutoff.toISOString() }, 'feedback: unfiled uploads removed');
  return result;
}
