import { createPublicKey } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { Tx } from '../../../../platform/db/index.js';
import type { ActorContext, Principal } from '../../../../platform/http/auth.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../../platform/http/errors.js';
import { withIdempotency } from '../../../../platform/idempotency/index.js';
import { newId } from '../../../../platform/ids/index.js';
import { recordAudit } from '../../../audit/index.js';
import { findAccount } from '../../../identity/index.js';
import { signCertificate } from '../certificate-factory.js';
import { pkiNotInitialised } from '../../errors.js';
import type { KeyAlgorithm } from '../key-store.js';
import type { PkiContext } from '../pki.deps.js';
import { assertMayManage } from '../pki.policy.js';
import { arrayBuffer, certificateColumns, unb64 } from '../pki-crypto.js';
import { buildName, type NameParts, VALIDITY_MS } from '../profiles.js';
import { type CertificateRow, signaturesRepository as repo } from '../signatures.repository.js';
import { type CertificateView, toView } from './certificate-view.js';

export interface IssueInput {
  profile: 'person' | 'seal';
  userId?: string;
  agencyCode?: string;
  /** PEM PKCS#10 request: the holder keeps the key. Without it the key is generated and held here (remote signing). */
  csr?: string;
  /**
   * Key generated here; ignored with a CSR. Default ECDSA P-256 for a person; RSA-3072 for a seal,
   * because edXML packages (QCVN 102) are sealed with RSA-SHA256 XML-DSig.
   */
  keyAlgorithm?: KeyAlgorithm;
}

interface Holder {
  userId: string | null;
  agencyCode: string | null;
  email: string | null;
  name: NameParts;
}

/** The CA that issues end-entity certificates now. */
export async function currentIssuing(c: PkiContext): Promise<CertificateRow> {
  const ca = await c.cache.roleHolder(c.db, 'issuing');
  if (!ca?.keyId || ca.status !== 'active' || ca.notAfter <= c.clock.now()) throw pkiNotInitialised();
  return ca;
}

/**
 * Issue a person (civil servant, signing) or seal (agency) certificate. Admins for anyone, agency
 * admins within their agency. With an Idempotency-Key a repeated request returns the first
 * certificate; the key pair and signature made for the repeat are discarded unused.
 */
export async function issueCertificate(
  c: PkiContext,
  ctx: ActorContext,
  actor: Principal,
  input: IssueInput,
  idempotencyKey?: string,
): Promise<{ status: number; body: CertificateView; replayed: boolean }> {
  const holder = await resolveHolder(c, actor, input);
  await assertMayManage(c.directory, actor, holder.agencyCode);
  const issuing = await currentIssuing(c);
  const spki = input.csr ? await parseCsr(input.csr) : null;
  const keyId = spki
    ? null
    : await c.store.generate(input.keyAlgorithm ?? (input.profile === 'seal' ? 'RSA-3072' : 'ECDSA-P256'));
  const now = c.clock.now();
  const cert = await signCertificate(c.store, {
    profile: input.profile,
    subject: buildName(holder.name),
    spki: spki ?? (await c.store.publicKey(keyId!)),
    issuer: { caId: issuing.id, cert: new x509.X509Certificate(unb64(issuing.der)), keyId: issuing.keyId! },
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + VALIDITY_MS[input.profile]),
    publicUrl: c.publicUrl,
    email: holder.email,
  });
  const insert = async (tx: Tx) => {
    const row = await repo.insertCertificate(tx, {
      id: newId('crt'),
      profile: input.profile,
      issuerId: issuing.id,
      keyId,
      ownerUserId: holder.userId,
      ownerAgencyCode: holder.agencyCode,
      ...certificateColumns(cert),
    });
    const after = {
      profile: row.profile,
      serial: row.serial,
      subject: row.subject,
      keyHeld: keyId !== null,
      ownerUserId: row.ownerUserId,
      ownerAgencyCode: row.ownerAgencyCode,
    };
    await recordAudit(
      tx,
      ctx,
      { action: 'certificate.issued', subjectType: 'certificate', subjectId: row.id, after },
      now,
    );
    return { status: 201, body: toView(row) };
  };
  if (idempotencyKey === undefined) return { ...(await c.db.transaction(insert)), replayed: false };
  const request = { ...input, actor: actor.userId };
  const r = await withIdempotency(c.db, 'pki.certificates.issue', idempotencyKey, request, insert);
  if (!r.replayed) return r;
  // The stored answer is JSON (dates as strings): answer from the row, as it is now.
  const row = await repo.certificate(c.db, r.body.id);
  return { ...r, body: toView(row!) };
}

async function resolveHolder(c: PkiContext, actor: Principal, input: IssueInput): Promise<Holder> {
  if (input.profile === 'person') {
    if (!input.userId) throw ValidationError.field('userId', 'REQUIRED', 'A person certificate needs userId.');
    const u = await findAccount(c.identity, input.userId);
    if (!u) throw new NotFoundError('USER_NOT_FOUND', `No user ${input.userId}.`, { userId: input.userId });
    if ((u.kind === 'citizen' && u.idNumber) || (u.kind === 'business' && u.taxCode)) {
      // As a licensed CA registers a subscriber (the demo CA stands in for one): the key stays on the
      // holder's token, the subject names him and his personal ID number or tax code (ADR 0015 addendum).
      if (!input.csr)
        throw ValidationError.field(
          'csr',
          'CSR_REQUIRED_FOR_CITIZEN',
          'A citizen or business keeps its key: send the certificate request (CSR) made on its token.',
        );
      if (!actor.roles.includes('admin'))
        throw new ForbiddenError(
          'FORBIDDEN_ROLE',
          'Only platform administrators issue certificates to citizens and businesses.',
          {
            requiredRoles: ['admin'],
          },
        );
      if (!u.active) throw ValidationError.field('userId', 'ACCOUNT_NOT_ACTIVE', 'The account is disabled.');
      // A business gets an organisation's certificate: its name and tax code, no person.
      const name =
        u.kind === 'business'
          ? { commonName: u.fullName, organization: u.fullName, uid: [`MST:${u.taxCode}`] }
          : { commonName: u.fullName, uid: [`CCCD:${u.idNumber}`] };
      return { userId: u.id, agencyCode: null, email: u.email, name };
    }
    if (u.kind !== 'staff' || !u.active)
      throw ValidationError.field('userId', 'NOT_ACTIVE_STAFF', 'Signing certificates are for active civil servants.');
    const agency = u.agencyCode ? await c.directory.find(u.agencyCode) : null;
    return {
      userId: u.id,
      agencyCode: u.agencyCode,
      email: u.email,
      name: {
        commonName: u.fullName,
        organization: agency?.name ?? undefined,
        organizationalUnit: agency ? `Mã định danh ${agency.code}` : undefined,
      },
    };
  }
  if (!input.agencyCode) throw ValidationError.field('agencyCode', 'REQUIRED', 'A seal certificate needs agencyCode.');
  const agency = await c.directory.find(input.agencyCode);
  if (!agency) throw ValidationError.field('agencyCode', 'AGENCY_NOT_FOUND', 'Unknown agency.');
  return {
    userId: null,
    agencyCode: agency.code,
    email: agency.email,
    name: { commonName: agency.name, organization: agency.name, organizationalUnit: `Mã định danh ${agency.code}` },
  };
}

/** Verify a PEM CSR's self-signature (proof of possession) and return its public key; 422 on `csr` otherwise. */
export async function parseCsr(pem: string): Promise<Uint8Array> {
  const bad = (code: string, message: string) => ValidationError.field('csr', code, message);
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(pem.trim());
  } catch {
    throw bad('INVALID_CSR', 'Not a PEM PKCS#10 certificate request.');
  }
  const ok = await csr.verify().catch(() => false);
  if (!ok)
    throw bad('CSR_SIGNATURE_INVALID', 'The request signature does not verify (no proof of possession of the key).');
  const spki = new Uint8Array(csr.publicKey.rawData);
  let details: ReturnType<typeof createPublicKey>['asymmetricKeyDetails'];
  try {
    details = createPublicKey({
      key: Buffer.from(arrayBuffer(spki)),
      format: 'der',
      type: 'spki',
    }).asymmetricKeyDetails;
  } catch {
    throw bad('CSR_KEY_UNSUPPORTED', 'Unsupported public key.');
  }
  const allowed =
    details?.namedCurve === 'prime256v1' ||
    details?.namedCurve === 'secp384r1' ||
    (details?.modulusLength ?? 0) >= 2048;
  if (!allowed) throw bad('CSR_KEY_UNSUPPORTED', 'Use an ECDSA P-256/P-384 or RSA 2048+ key.');
  return spki;
}
