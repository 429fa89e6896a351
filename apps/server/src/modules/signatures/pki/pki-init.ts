import * as x509 from '@peculiar/x509';
import type { ActorContext } from '../../../platform/http/auth.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import { signCertificate } from './certificate-factory.js';
import type { KeyAlgorithm } from './key-store.js';
import type { PkiDeps } from './pki.deps.js';
import { certificateColumns, unb64 } from './pki-crypto.js';
import { buildName, ISSUING_NAME, type NameParts, ROOT_NAME, TSA_NAME, VALIDITY_MS } from './profiles.js';
import { type CertificateRow, type PkiRole, signaturesRepository as repo } from './signatures.repository.js';

export interface PkiInitResult {
  root: { id: string; subject: string; created: boolean };
  issuing: { id: string; subject: string; created: boolean };
  tsa: { id: string; subject: string; created: boolean };
}

interface RoleSpec {
  role: PkiRole;
  profile: 'root' | 'issuing' | 'tsa';
  alg: KeyAlgorithm;
  name: NameParts;
  /** Null for the self-signed root. */
  issuer: CertificateRow | null;
}

/** Another process claimed the role first: roll back and use theirs. */
class LostRace extends Error {}

// Back-dated a day so a client with a slow clock does not see our CAs as not yet valid.
const BACKDATE_MS = 24 * 3600 * 1000;

/**
 * Create the root CA, the issuing CA and the time-stamping unit when missing; safe to run again and
 * from two processes at once (the first to claim a role wins, the other discards its key and
 * certificate and uses the winner's). Keys and signatures are made before the transaction, which
 * only inserts: the key store may read the database, and PGlite has one connection.
 */
export async function initPki(d: PkiDeps, ctx: ActorContext): Promise<PkiInitResult> {
  const root = await ensureRole(d, ctx, {
    role: 'root',
    profile: 'root',
    alg: 'ECDSA-P384',
    name: ROOT_NAME,
    issuer: null,
  });
  const issuing = await ensureRole(d, ctx, {
    role: 'issuing',
    profile: 'issuing',
    alg: 'ECDSA-P384',
    name: ISSUING_NAME,
    issuer: root.row,
  });
  const tsa = await ensureRole(d, ctx, {
    role: 'tsa',
    profile: 'tsa',
    alg: 'ECDSA-P256',
    name: TSA_NAME,
    issuer: issuing.row,
  });
  const view = (r: { row: CertificateRow; created: boolean }) => ({
    id: r.row.id,
    subject: r.row.subject,
    created: r.created,
  });
  return { root: view(root), issuing: view(issuing), tsa: view(tsa) };
}

async function ensureRole(
  d: PkiDeps,
  ctx: ActorContext,
  spec: RoleSpec,
): Promise<{ row: CertificateRow; created: boolean }> {
  const existing = await repo.roleHolder(d.db, spec.role);
  if (existing) return { row: existing, created: false };
  const now = d.clock.now();
  const keyId = await d.store.generate(spec.alg);
  const spki = await d.store.publicKey(keyId);
  const id = newId('ca');
  const cert = await signCertificate(d.store, {
    profile: spec.profile,
    subject: buildName(spec.name),
    spki,
    issuer: spec.issuer
      ? { caId: spec.issuer.id, cert: new x509.X509Certificate(unb64(spec.issuer.der)), keyId: spec.issuer.keyId! }
      : null,
    selfKeyId: keyId,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + VALIDITY_MS[spec.profile]),
    publicUrl: d.publicUrl,
  });
  try {
    const row = await d.db.transaction(async (tx) => {
      if (!(await repo.claimRole(tx, spec.role, id))) throw new LostRace();
      const inserted = await repo.insertCertificate(tx, {
        id,
        profile: spec.profile,
        issuerId: spec.issuer?.id ?? id,
        keyId,
        ...certificateColumns(cert),
      });
      if (spec.profile === 'root') {
        await repo.insertTrustAnchor(tx, {
          id: newId('tan'),
          category: 'government',
          subject: cert.subject,
          fingerprint: inserted.fingerprint,
          der: inserted.der,
          caId: id,
          notAfter: cert.notAfter,
        });
      }
      await recordAudit(
        tx,
        ctx,
        {
          action: `pki.${spec.role}.created`,
          subjectType: 'certificate',
          subjectId: id,
          after: { subject: cert.subject, serial: inserted.serial, algorithm: spec.alg },
        },
        now,
      );
      return inserted;
    });
    return { row, created: true };
  } catch (e) {
    if (!(e instanceof LostRace)) throw e;
    const theirs = await repo.roleHolder(d.db, spec.role);
    if (!theirs) throw new Error(`PKI role ${spec.role} claimed but not readable`, { cause: e });
    return { row: theirs, created: false };
  }
}
