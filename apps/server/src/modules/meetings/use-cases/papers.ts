import { degrees, PDFDocument, rgb } from 'pdf-lib';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, NotFoundError } from '../../../platform/http/errors.js';
import { embedFonts } from '../../../platform/pdf/fonts.js';
import { vnIsoDateTime } from '../../../platform/time/vn-time.js';
import type { MeetingsContext } from '../meetings.context.js';
import { meetingsRepository as repo } from '../meetings.repository.js';
import { audit, standing } from './common.js';
import { visibleItems } from './read.js';

/** Stamp the reader's name and the time across every page (papers of a closed session). */
export async function watermark(pdf: Uint8Array, text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const { bold } = await embedFonts(doc);
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    const size = Math.min(28, (Math.hypot(width, height) * 0.8) / Math.max(1, bold.widthOfTextAtSize(text, 1)));
    const w = bold.widthOfTextAtSize(text, size);
    const angle = Math.atan2(height, width);
    page.drawText(text, {
      x: width / 2 - (Math.cos(angle) * w) / 2,
      y: height / 2 - (Math.sin(angle) * w) / 2,
      size,
      font: bold,
      color: rgb(0.75, 0.1, 0.1),
      opacity: 0.3,
      rotate: degrees((angle * 180) / Math.PI),
    });
    page.drawText(text, { x: 24, y: 14, size: 8, font: bold, color: rgb(0.6, 0.1, 0.1) });
  }
  return doc.save();
}

/**
 * A paper as the participant may read it: a guest only of his items. Papers of a closed session
 * (mật) are shown inline only, watermarked with the reader's name and the time, never as a download,
 * and each reading is audited.
 */
export async function readPaper(
  ctx: MeetingsContext,
  actor: ActorContext,
  p: Principal,
  meetingId: string,
  paperId: string,
) {
  const { m, me } = await standing(ctx, p, meetingId);
  const paper = await repo.paper(ctx.db, m.id, paperId);
  const items = paper ? visibleItems(await repo.itemsOf(ctx.db, m.id), me) : [];
  if (!paper || !items.some((i) => i.id === paper.itemId))
    throw new NotFoundError('PAPER_NOT_FOUND', 'No paper with this id.');
  // An ordinary paper is streamed from the file store (a 5 MB PDF is never held in memory).
  if (!m.secret)
    return { name: paper.name, mediaType: paper.mediaType, body: ctx.files.open(paper.sha256), secret: false };
  const bytes = await ctx.files.read(paper.sha256);
  if (paper.mediaType !== 'application/pdf')
    throw new ConflictError('SECRET_PAPER_NOT_PDF', 'Papers of a closed session are shown as watermarked PDF only.');
  const now = ctx.clock.now();
  const marked = await watermark(bytes, `MẬT – ${me.fullName} – ${vnIsoDateTime(now).slice(0, 16).replace('T', ' ')}`);
  await ctx.db.transaction((tx) => audit(tx, actor, now, 'meeting.secret_paper_read', m.id, { paperId }));
  return { name: paper.name, mediaType: 'application/pdf', body: Buffer.from(marked), secret: true };
}
