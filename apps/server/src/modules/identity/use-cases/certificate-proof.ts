import { randomBytes } from 'node:crypto';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { AppError, ForbiddenError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import { subjectIdentifiers, type SubjectIdentifier } from '../certificate-subject.js';
import type { IdentityContext } from '../identity.context.js';
import { identityRepository as repo, type UserRow } from '../identity.repository.js';
import { setIdentityLevel } from './identity-verification.js';

const CHALLENGE_TTL_MS = 10 * 60_000;

/** A refusal naming its cause (`CERT_*`, `CHALLENGE_*`) and the field that carried it. */
export class CertificateProofError extends AppError {
  constructor(code: string, field: 'signature' | 'nonce', message: string, params: Record<string, unknown> = {}) {
    super(422, code, message, params, [{ path: field, code, message }]);
  }
}

const CODES: Record<string, string> = {
  SIGNATURE_INVALID: 'CERT_SIGNATURE_INVALID',
  UNTRUSTED_CHAIN: 'CERT_UNTRUSTED_CHAIN',
  EXPIRED: 'CERT_EXPIRED',
  NOT_YET_VALID: 'CERT_NOT_YET_VALID',
  REVOKED: 'CERT_REVOKED',
  REVOCATION_UNKNOWN: 'CERT_REVOCATION_UNKNOWN',
  KEY_USAGE: 'CERT_KEY_USAGE',
  WEAK_ALGORITHM: 'CERT_WEAK_ALGORITHM',
};

/**
 * The exact text the account holder signs (UTF-8, LF line ends, a final LF): it names this
 * deployment, the account and the nonce, so a signature answers one challenge of one account here.
 */
export function challengeText(publicUrl: string, username: string, nonce: string, expiresAt: Date): string {
  return [
    'Xác thực danh tính bằng chữ ký số / Identity proof with a digital signature',
    `Cổng dịch vụ công: ${publicUrl}`,
    `Tài khoản: ${username}`,
    `Mã dùng một lần: ${nonce}`,
    `Hết hạn: ${expiresAt.toISOString()}`,
    '',
  ].join('\n');
}

function assertMayProve(p: Principal) {
  if (p.kind !== 'citizen' && p.kind !== 'business')
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Identity proof is for citizens and businesses.');
}

/** A one-time nonce (10 minutes, this account only) and the bytes to sign with the certificate. */
export async function issueCertificateChallenge(ctx: IdentityContext, actor: ActorContext, p: Principal) {
  assertMayProve(p);
  if (!ctx.certificateProof)
    throw new AppError(503, 'CERT_PROOF_UNAVAILABLE', 'Certificate validation is not available on this deployment.');
  const now = ctx.clock.now();
  const nonce = randomBytes(18).toString('base64url');
  // Whole seconds: the text is rebuilt from the stored row when the signature comes back.
  const expiresAt = new Date(Math.floor((now.getTime() + CHALLENGE_TTL_MS) / 1000) * 1000);
  await ctx.db.transaction(async (tx) => {
    await repo.replaceIdentityChallenge(
      tx,
      { id: newId('idc'), userId: p.userId, purpose: 'certificate', secret: nonce, expiresAt },
      now,
    );
    await recordAudit(
      tx,
      actor,
      { action: 'user.certificate_challenge_issued', subjectType: 'user', subjectId: p.userId },
      now,
    );
  });
  const content = challengeText(ctx.config.publicUrl, p.username, nonce, expiresAt);
  return {
    nonce,
    content,
    contentBase64: Buffer.from(content, 'utf8').toString('base64'),
    fileName: `xac-thuc-${p.username}.txt`,
    expiresAt,
  };
}

/** PEM or base64 text of a CMS signature to its bytes; 422 on `signature` when it is neither. */
function signatureBytes(text: string): Uint8Array {
  const t = text.trim();
  const body = t.startsWith('-----BEGIN') ? t.replace(/-----[^-]+-----/g, '') : t;
  const b64 = body.replace(/\s+/g, '');
  if (!b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64))
    throw new CertificateProofError(
      'CERT_SIGNATURE_INVALID',
      'signature',
      'Not a CMS/PKCS#7 signature in base64 or PEM.',
    );
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

/** Which identifier of the certificate proves this account: its personal ID number, or a business's tax code. */
export function matchAccount(u: UserRow, ids: SubjectIdentifier[]): SubjectIdentifier {
  if (!ids.length)
    throw new CertificateProofError(
      'CERT_NO_PERSONAL_ID',
      'signature',
      'The certificate names no personal ID number (UID=CCCD:…, CMND:…, MST:…).',
    );
  let match: SubjectIdentifier | undefined;
  if (u.kind === 'citizen') match = ids.find((i) => i.kind === 'personal_id' && i.value === u.idNumber);
  // A business proves its tax code with the organisation's certificate; a certificate naming a
  // person besides the company's MST is an employee's, which does not speak for the company.
  else if (u.kind === 'business' && !ids.some((i) => i.kind === 'personal_id' || i.kind === 'old_id_card'))
    match = ids.find((i) => i.kind === 'tax_code' && i.value === u.taxCode);
  if (!match)
    throw new CertificateProofError(
      'CERT_ID_MISMATCH',
      'signature',
      'The certificate belongs to someone else: its ID number is not this account’s.',
      { found: ids.map((i) => i.kind) },
    );
  return match;
}

/**
 * The account holder sends back a CMS signature of the challenge text: the nonce is answered once
 * (used or not, a signature cannot be tried twice), then the signature is validated by the platform
 * (chain to the trust list, validity now, key usage, revocation), the ID number in the certificate's
 * subject must be the account's, and the account's identity level becomes `certificate`, with the
 * certificate as evidence (ADR 0015).
 */
export async function verifyCertificateProof(
  ctx: IdentityContext,
  actor: ActorContext,
  p: Principal,
  input: { nonce: string; signature: string },
) {
  assertMayProve(p);
  const port = ctx.certificateProof;
  if (!port)
    throw new AppError(503, 'CERT_PROOF_UNAVAILABLE', 'Certificate validation is not available on this deployment.');
  const signature = signatureBytes(input.signature);
  const now = ctx.clock.now();
  const answered = await repo.answerCertificateChallenge(ctx.db, p.userId, input.nonce, now);
  if (!answered)
    throw new CertificateProofError(
      'CHALLENGE_NOT_FOUND',
      'nonce',
      'No such challenge for this account; ask for a new one.',
    );
  if (answered.alreadyUsed)
    throw new CertificateProofError(
      'CHALLENGE_USED',
      'nonce',
      'This challenge was already answered; ask for a new one.',
    );
  if (answered.row.expiresAt <= now)
    throw new CertificateProofError('CHALLENGE_EXPIRED', 'nonce', 'This challenge expired; ask for a new one.');
  const u = await repo.userById(ctx.db, p.userId);
  if (!u || u.status !== 'active') throw new ForbiddenError('FORBIDDEN', 'The account is not active.');
  const content = Buffer.from(challengeText(ctx.config.publicUrl, u.username, input.nonce, answered.row.expiresAt));
  const check = await port.checkIdentitySignature(signature, content);
  /** A refusal is audited, in a transaction of its own. */
  const auditRefusal = (code: string, certificate: string | null) =>
    ctx.db.transaction((tx) =>
      recordAudit(
        tx,
        actor,
        {
          action: 'user.certificate_proof_refused',
          subjectType: 'user',
          subjectId: u.id,
          after: { code, certificate },
        },
        now,
      ),
    );
  if (!check.ok) {
    const code = CODES[check.failure] ?? 'CERT_SIGNATURE_INVALID';
    await auditRefusal(code, check.signer?.fingerprint ?? null);
    throw new CertificateProofError(code, 'signature', `The signature does not prove this identity: ${check.detail}.`);
  }
  let ids: SubjectIdentifier[];
  try {
    ids = subjectIdentifiers(check.certificate);
  } catch {
    ids = [];
  }
  let matched: SubjectIdentifier;
  try {
    matched = matchAccount(u, ids);
  } catch (e) {
    const code = e instanceof AppError ? e.code : 'CERT_ID_MISMATCH';
    await auditRefusal(code, check.signer.fingerprint);
    throw e;
  }
  const evidence = {
    method: 'certificate',
    issuer: check.signer.issuer,
    serial: check.signer.serial,
    fingerprint: check.signer.fingerprint,
    subject: check.signer.subject,
    notAfter: check.signer.notAfter,
    identifier: matched.source,
    trustAnchor: { id: check.anchor.id, category: check.anchor.category },
  };
  const row = await ctx.db.transaction((tx) => setIdentityLevel(ctx, tx, actor, u, 'certificate', evidence));
  return {
    identityLevel: row.identityLevel,
    identityVerifiedAt: row.identityVerifiedAt!,
    certificate: {
      subject: evidence.subject,
      issuer: evidence.issuer,
      serial: evidence.serial,
      fingerprint: evidence.fingerprint,
      notAfter: evidence.notAfter,
    },
  };
}
