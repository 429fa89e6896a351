import { sql } from 'drizzle-orm';
import type { FeedbackContext } from '../feedback.context.js';

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
  const r = (await ctx.db.execute(sql`
    delete from platform.files f
    where f.owner_id like 'feedback-contact:%'
      and f.created_at < ${cutoff.toISOString()}
      and not exists (
        select 1 from feedback.contact_codes c
        where f.owner_id = 'feedback-contact:' || c.id and c.used_at is null and c.expires_at > ${now.toISOString()})
      and not exists (
        select 1 from feedback.items i
        where i.attachments @> jsonb_build_array(jsonb_build_object('fileId', f.id)))
    returning f.id, f.sha256, f.size`)) as unknown as { rows: { id: string; sha256: string; size: string | number }[] };
  const removed = r.rows;
  if (!removed.length) return { files: 0, bytes: 0, blobsUnreferenced: 0 };
  const shas = [...new Set(removed.map((f) => f.sha256))];
  const still = (await ctx.db.execute(sql`
    select distinct sha256 from platform.files where sha256 in (${sql.join(
      shas.map((s) => sql`${s}`),
      sql`, `,
    )})`)) as unknown as { rows: { sha256: string }[] };
  const out = {
    files: removed.length,
    bytes: removed.reduce((n, f) => n + Number(f.size), 0),
    blobsUnreferenced: shas.length - still.rows.length,
  };
  ctx.log.info({ ...out, olderThan: cutoff.toISOString() }, 'feedback: unfiled anonymous uploads removed');
  return out;
}
