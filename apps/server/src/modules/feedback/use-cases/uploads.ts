import { sha256Hex } from '../../../platform/crypto/secret-box.js';
import type { Executor } from '../../../platform/db/index.js';
import { fileRepository } from '../../../platform/files/index.js';
import type { Principal } from '../../../platform/http/auth.js';
import { AppError, ConflictError, NotFoundError } from '../../../platform/http/errors.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { FEEDBACK_DISCARD_BLOB_JOB } from '../feedback-contract.js';
import type { FeedbackContext } from '../feedback.context.js';
import { feedbackRepository as repo } from '../feedback.repository.js';
import {
  ATTACHMENT_MAX_BYTES,
  assertAttachmentType,
  contactOwner,
  safeEqualHex,
  UNFILED_UPLOAD_MAX,
  userOwner,
} from './submit.js';

type Receive = (
  maxBytes: number,
) => Promise<{ stored: { sha256: string; size: number; mediaType: string }; name: string }>;

/** A blob written again this recently (a put of the same bytes whose row may not be committed yet) stays. */
export const BLOB_MIN_AGE_MS = 60 * 60_000;

/**
 * After the commit that removed their file rows: delete those of these blobs that nothing names any
 * more. The store is content-addressed and shared (the same bytes uploaded by someone else, or kept
 * by another module by their SHA-256, are one blob): the file rows and every module's hash columns
 * are checked (`blobsNamedAnywhere`), and the store moves the blob aside before the last check and
 * keeps one written in the last `BLOB_MIN_AGE_MS`, so a new upload of the same bytes is never lost
 * (`FileStore.discard`; ADR 0020, addendum 5). How many blobs were deleted.
 */
export async function discardUnnamedBlobs(ctx: FeedbackContext, sha256s: string[], now = ctx.clock.now()) {
  const named = await fileRepository.blobsNamedAnywhere(ctx.db, sha256s);
  let deleted = 0;
  for (const sha of sha256s.filter((x) => !named.has(x))) {
    const gone = await ctx.files.discard(sha, {
      now,
      minAgeMs: BLOB_MIN_AGE_MS,
      stillNeeded: async () => (await fileRepository.blobsNamedAnywhere(ctx.db, [sha])).has(sha),
    });
    if (gone) deleted++;
  }
  return deleted;
}

const citizensOnly = (p: Principal) => {
  if (p.kind === 'staff')
    throw new AppError(403, 'FEEDBACK_CITIZENS_ONLY', 'Feedback is filed by citizens and businesses.');
};

/**
 * Store a file a logged-in filer attaches before filing (`feedback-user:{userId}`): the types and
 * size of attachments, and at most `UNFILED_UPLOAD_MAX` not yet filed at once, counted under a lock
 * on his uploads with the insert, so that parallel uploads cannot pass the cap.
 */
export async function uploadForUser(ctx: FeedbackContext, p: Principal, receive: Receive) {
  citizensOnly(p);
  const owner = userOwner(p.userId);
  const assertRoom = async (ex: Executor) => {
    const ids = await fileRepository.idsByOwner(ex, owner);
    const filed = await repo.attachedFileIds(ex, ids, { submitterId: p.userId });
    if (ids.length - filed.size >= UNFILED_UPLOAD_MAX)
      throw new ConflictError(
        'TOO_MANY_UNFILED_UPLOADS',
        `At most ${UNFILED_UPLOAD_MAX} files uploaded and not yet filed; remove some from the form.`,
        { max: UNFILED_UPLOAD_MAX },
      );
  };
  // Checked before the bytes are read, and again under the lock with the insert.
  await assertRoom(ctx.db);
  const { stored, name } = await receive(ATTACHMENT_MAX_BYTES);
  assertAttachmentType(stored.mediaType, 'file');
  return ctx.db.transaction(async (tx) => {
    await fileRepository.lockOwner(tx, owner);
    await assertRoom(tx);
    // Stamped with the platform clock, which the clean-up of unfiled uploads measures age by.
    return fileRepository.insert(tx, { ...stored, name, ownerId: owner, createdAt: ctx.clock.now() });
  });
}

/**
 * Remove a file a filer uploaded and took out of the form: the row in a transaction that holds the
 * lock a filing takes (`lock`), so a file is never both filed and removed; then its bytes, now if
 * nothing names them and they are old enough, else by a job once they are (`discardUnnamedBlobs`).
 * A file some filing lists stays (409 ATTACHMENT_FILED); a file of another owner is "not found".
 */
async function removeUpload(
  ctx: FeedbackContext,
  fileId: string,
  owner: string,
  lock: (tx: Executor) => Promise<void>,
  filed: (tx: Executor) => Promise<boolean>,
) {
  const now = ctx.clock.now();
  const removed = await ctx.db.transaction(async (tx) => {
    await lock(tx);
    const f = await fileRepository.byId(tx, fileId);
    if (!f || f.ownerId !== owner) throw new NotFoundError('FILE_NOT_FOUND', 'No upload of yours with this id.');
    if (await filed(tx))
      throw new ConflictError('ATTACHMENT_FILED', 'This file is attached to feedback already filed; it stays with it.');
    const [row] = await fileRepository.deleteRows(tx, [f.id]);
    // Durable: the bytes go even if this process stops before the attempt below, or they are too
    // young for it (an upload removed at once).
    await enqueueJob(
      tx,
      FEEDBACK_DISCARD_BLOB_JOB,
      { sha256: f.sha256 },
      { runAt: new Date(now.getTime() + BLOB_MIN_AGE_MS + 60_000) },
    );
    return row!;
  });
  await discardUnnamedBlobs(ctx, [removed.sha256], now);
}

/** Remove one of a logged-in filer's unfiled uploads (`DELETE /api/feedback/uploads/{fileId}`). */
export async function removeUserUpload(ctx: FeedbackContext, p: Principal, fileId: string) {
  citizensOnly(p);
  const owner = userOwner(p.userId);
  await removeUpload(
    ctx,
    fileId,
    owner,
    (tx) => fileRepository.lockOwner(tx, owner),
    async (tx) => (await repo.attachedFileIds(tx, [fileId], { submitterId: p.userId })).has(fileId),
  );
}

/**
 * Remove a file an anonymous filer uploaded with a verification (its upload token proves it is
 * his), open or not; a verification not used yet has no filing that could list the file.
 */
export async function removeContactUpload(
  ctx: FeedbackContext,
  verificationId: string,
  uploadToken: string | undefined,
  fileId: string,
) {
  const notFound = () => new NotFoundError('VERIFICATION_NOT_FOUND', 'No verification with this id and token.');
  const check = (row: Awaited<ReturnType<typeof repo.lockCode>>) => {
    if (!row || !uploadToken || !row.uploadTokenHash || !safeEqualHex(row.uploadTokenHash, sha256Hex(uploadToken)))
      throw notFound();
    return row;
  };
  let used = false;
  await removeUpload(
    ctx,
    fileId,
    contactOwner(verificationId),
    // The filing that uses the verification locks its row too.
    async (tx) => {
      used = !!check(await repo.lockCode(tx, verificationId)).usedAt;
    },
    async (tx) => used && (await repo.attachedFileIds(tx, [fileId])).has(fileId),
  );
}
