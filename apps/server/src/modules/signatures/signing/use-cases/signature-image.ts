import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import type { Db } from '../../../../platform/db/index.js';
import type { ActorContext, Principal } from '../../../../platform/http/auth.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../../platform/http/errors.js';
import type { Clock } from '../../../../platform/time/clock.js';
import { recordAudit } from '../../../audit/index.js';
import { certificates, signatureImages } from '../../db/schema.js';

/*
 * The signer's own signature image (chữ ký mẫu). Decree 30/2020 Phụ lục I: a PNG, transparent background,
 * blue ink; the leader's PDF signatures draw it in their widget (the signer's block). Only the holder
 * sets or removes his own; a signature made while none is set shows his name over a flourish as before.
 */

export const SIGNATURE_IMAGE_MAX_BYTES = 300 * 1024;
const LIMITS = { minWidth: 80, minHeight: 30, maxWidth: 3000, maxHeight: 1500 };
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngFacts {
  width: number;
  height: number;
  /** An alpha channel (colour types 4, 6) or a transparent colour (tRNS). */
  transparent: boolean;
}

/** Width, height and transparency from the PNG's chunks; null when the bytes are not a whole PNG. */
export function pngFacts(b: Uint8Array): PngFacts | null {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (buf.length < 8 + 25 + 12 || !buf.subarray(0, 8).equals(PNG_MAGIC)) return null;
  if (buf.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const colourType = buf[25]!;
  let transparent = colourType === 4 || colourType === 6;
  let end = false;
  for (let at = 8; at + 12 <= buf.length;) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (type === 'tRNS') transparent = true;
    if (type === 'IEND') {
      end = true;
      break;
    }
    at += 12 + len;
  }
  return end ? { width, height, transparent } : null;
}

function requireStaff(p: Principal) {
  if (p.kind !== 'staff')
    throw new ForbiddenError('FORBIDDEN_ROLE', 'A signature image is for civil servants who sign documents.');
}

/** Check and store the caller's signature image (replacing his previous one); audited with its hash. */
export async function setSignatureImage(
  db: Db,
  clock: Clock,
  p: Principal,
  actor: ActorContext,
  png: Uint8Array,
): Promise<SignatureImageView> {
  requireStaff(p);
  if (png.byteLength > SIGNATURE_IMAGE_MAX_BYTES)
    throw ValidationError.field('image', 'SIGNATURE_IMAGE_TOO_LARGE', 'The image must be 300 KB or smaller.');
  const facts = pngFacts(png);
  // pdf-lib must be able to draw it: decoding it now refuses a PNG whose chunks look right but whose data is not.
  const drawable =
    facts &&
    (await PDFDocument.create().then((d) =>
      d.embedPng(png).then(
        () => true,
        () => false,
      ),
    ));
  if (!facts || !drawable)
    throw ValidationError.field('image', 'SIGNATURE_IMAGE_NOT_PNG', 'The signature image must be a PNG file.');
  if (!facts.transparent)
    throw ValidationError.field(
      'image',
      'SIGNATURE_IMAGE_NOT_TRANSPARENT',
      'The signature image needs a transparent background (a PNG with an alpha channel).',
    );
  if (
    facts.width < LIMITS.minWidth ||
    facts.height < LIMITS.minHeight ||
    facts.width > LIMITS.maxWidth ||
    facts.height > LIMITS.maxHeight
  )
    throw ValidationError.field('image', 'SIGNATURE_IMAGE_SIZE', 'The image must be 80–3000 × 30–1500 pixels.');
  const now = clock.now();
  const sha256 = createHash('sha256').update(png).digest('hex');
  const row = {
    userId: p.userId,
    png: Buffer.from(png).toString('base64'),
    sha256,
    width: facts.width,
    height: facts.height,
    updatedAt: now,
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(signatureImages)
      .values(row)
      .onConflictDoUpdate({ target: signatureImages.userId, set: { ...row, userId: undefined } });
    await recordAudit(
      tx,
      actor,
      {
        action: 'signature.image.set',
        subjectType: 'user',
        subjectId: p.userId,
        after: { sha256, width: facts.width, height: facts.height },
      },
      now,
    );
  });
  return { sha256, width: facts.width, height: facts.height, updatedAt: now.toISOString() };
}

export interface SignatureImageView {
  sha256: string;
  width: number;
  height: number;
  updatedAt: string;
}

/** The caller's signature image (404 when none is set). */
export async function ownSignatureImage(db: Db, p: Principal): Promise<{ png: Buffer; view: SignatureImageView }> {
  requireStaff(p);
  const [r] = await db.select().from(signatureImages).where(eq(signatureImages.userId, p.userId));
  if (!r) throw new NotFoundError('SIGNATURE_IMAGE_NOT_SET', 'No signature image is set.');
  return {
    png: Buffer.from(r.png, 'base64'),
    view: { sha256: r.sha256, width: r.width, height: r.height, updatedAt: r.updatedAt.toISOString() },
  };
}

/** Remove the caller's signature image (his signatures show his name again); audited. */
export async function removeSignatureImage(db: Db, clock: Clock, p: Principal, actor: ActorContext) {
  requireStaff(p);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(signatureImages)
      .where(eq(signatureImages.userId, p.userId))
      .returning({ sha256: signatureImages.sha256 });
    if (!gone.length) throw new NotFoundError('SIGNATURE_IMAGE_NOT_SET', 'No signature image is set.');
    await recordAudit(
      tx,
      actor,
      {
        action: 'signature.image.removed',
        subjectType: 'user',
        subjectId: p.userId,
        before: { sha256: gone[0]!.sha256 },
      },
      now,
    );
  });
}

/** The image of the holder of a person certificate, for his signatures' widgets; null when none. */
export async function imageOfCertificateHolder(db: Db, certificateId: string): Promise<Uint8Array | null> {
  const [r] = await db
    .select({ png: signatureImages.png })
    .from(certificates)
    .innerJoin(signatureImages, eq(signatureImages.userId, certificates.ownerUserId))
    .where(eq(certificates.id, certificateId));
  return r ? Buffer.from(r.png, 'base64') : null;
}
