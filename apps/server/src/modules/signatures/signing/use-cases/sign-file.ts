import { fileRepository, type FileInfo, toFileInfo } from '../../../../platform/files/index.js';
import type { ActorContext, Principal } from '../../../../platform/http/auth.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../../platform/http/errors.js';
import { storedAnswer, withIdempotency } from '../../../../platform/idempotency/index.js';
import { recordAudit } from '../../../audit/index.js';
import type { PasskeyAssertion } from '../../../identity/index.js';
import { certInfo, openPkcs12, signCades, signPades, signXml, type VisibleBlock } from '../formats/index.js';
import { digest, toHex } from '../formats/der.js';
import { formatError, type SigningService } from '../signing.service.js';
import type { SigningKey } from '../../signing-ports.js';

export type SignFormat = 'pades' | 'xades' | 'cades';

export interface SignFileInput {
  fileId: string;
  format: SignFormat;
  certificateId?: string;
  otp?: string;
  /** Instead of `otp`: a passkey assertion for `signature:<certificateId>`. */
  passkey?: PasskeyAssertion;
  /** A certificate and key the user holds (public CA): used for this request only, never stored. */
  pkcs12?: { data: string; password: string };
  visible?: boolean | VisibleBlock;
  reason?: string;
  location?: string;
}

const OUTPUT: Record<SignFormat, { mediaType: string; name: (n: string) => string }> = {
  pades: { mediaType: 'application/pdf', name: (n) => n.replace(/(\.pdf)?$/i, '.signed.pdf') },
  xades: { mediaType: 'application/xml', name: (n) => n.replace(/(\.(xml|edxml))?$/i, (m) => `.signed${m || '.xml'}`) },
  cades: { mediaType: 'application/pkcs7-signature', name: (n) => `${n}.p7s` },
};

/** One's own uploaded file (someone else's is "not found": no probing of ids). */
export async function ownFile(s: SigningService, p: Principal, fileId: string, field = 'fileId') {
  const f = await fileRepository.byId(s.db, fileId);
  if (!f || f.ownerId !== p.userId) throw new NotFoundError('FILE_NOT_FOUND', 'No such file.', { field });
  return { row: f, bytes: new Uint8Array(await s.files.read(f.sha256)) };
}

/** A PKCS#12 key may sign only while its certificate is valid, unrevoked and chains to the trust list. */
async function pkcs12Key(s: SigningService, p12: NonNullable<SignFileInput['pkcs12']>): Promise<SigningKey> {
  const key = await openPkcs12(Buffer.from(p12.data, 'base64'), p12.password).catch((e) => formatError(e, 'pkcs12'));
  const leaf = certInfo(key.chain[0]!);
  const now = s.clock.now();
  if (now > leaf.notAfter)
    throw new ConflictError('CERTIFICATE_EXPIRED', 'The certificate in the PKCS#12 has expired.', {
      notAfter: leaf.notAfter.toISOString(),
    });
  if (now < leaf.notBefore)
    throw new ConflictError('CERTIFICATE_NOT_YET_VALID', 'The certificate in the PKCS#12 is not valid yet.', {
      notBefore: leaf.notBefore.toISOString(),
    });
  // Validate a throwaway signature: the same path-building and revocation rules as for any signature.
  const probe = await signCades(Buffer.from('probe'), key);
  const report = await s.validateBytes(probe, { detachedContent: Buffer.from('probe') });
  const sig = report.signatures[0];
  if (sig?.revocation?.status === 'revoked')
    throw new ConflictError('CERTIFICATE_REVOKED', 'The certificate in the PKCS#12 is revoked.');
  if (!sig?.trustAnchor)
    throw new ConflictError(
      'CERTIFICATE_NOT_TRUSTED',
      'The certificate in the PKCS#12 is not issued by a CA on the trust list.',
    );
  return key;
}

async function produce(
  s: SigningService,
  key: SigningKey,
  format: SignFormat,
  bytes: Uint8Array,
  input: SignFileInput,
): Promise<Uint8Array> {
  const tsa = s.pki.timestampAuthority();
  if (format === 'pades')
    return signPades(bytes, key, { tsa, visible: input.visible, reason: input.reason, location: input.location }).catch(
      (e) => formatError(e, 'fileId'),
    );
  if (format === 'xades') return Buffer.from(await signXml(bytes, key).catch((e) => formatError(e, 'fileId')));
  return signCades(bytes, key, { tsa });
}

/**
 * POST /api/signatures/sign: sign one's own uploaded file, store the result as a new file. A
 * retry or double click with the same Idempotency-Key returns the first answer without asking for
 * (or spending) another one-time code or passkey assertion.
 */
export async function signFile(
  s: SigningService,
  actor: ActorContext,
  p: Principal,
  input: SignFileInput,
  idempotencyKey?: string,
): Promise<{ status: number; body: FileInfo; replayed: boolean }> {
  const scope = `signature.sign:${p.userId}`;
  const request = {
    ...input,
    otp: undefined,
    passkey: undefined,
    pkcs12: input.pkcs12 ? toHex(digest('SHA-256', Buffer.from(input.pkcs12.data))) : undefined,
  };
  const prev = await storedAnswer<FileInfo>(s.db, scope, idempotencyKey, request);
  if (prev) return prev;
  if (!!input.certificateId === !!input.pkcs12) {
    throw ValidationError.field(
      'certificateId',
      'CERTIFICATE_OR_PKCS12',
      'Choose a certificate held here, or upload a PKCS#12 — one of them.',
    );
  }
  const { row, bytes } = await ownFile(s, p, input.fileId);
  const key = input.pkcs12
    ? await pkcs12Key(s, input.pkcs12)
    : await s.confirmedKey(p, actor, input.certificateId!, input.otp, input.passkey);
  const out = Buffer.from(await produce(s, key, input.format, bytes, input));
  const stored = await s.files.putBuffer(out);
  const now = s.clock.now();
  const work = async (tx: Parameters<Parameters<typeof withIdempotency>[4]>[0]) => {
    const file = await fileRepository.insert(tx, {
      ...stored,
      mediaType: OUTPUT[input.format].mediaType,
      name: OUTPUT[input.format].name(row.name),
      ownerId: p.userId,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'signature.created',
        subjectType: 'file',
        subjectId: file.id,
        after: {
          format: input.format,
          certificateId: input.certificateId ?? null,
          pkcs12: !!input.pkcs12,
          sourceFileId: row.id,
          inputSha256: row.sha256,
          outputSha256: stored.sha256,
        },
      },
      now,
    );
    return { status: 201, body: toFileInfo(file) };
  };
  if (idempotencyKey !== undefined) return withIdempotency(s.db, scope, idempotencyKey, request, work);
  return { ...(await s.db.transaction(work)), replayed: false };
}
