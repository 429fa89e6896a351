import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { newId } from '../../../platform/ids/index.js';
import type { PkiDeps } from './pki.deps.js';
import { storeSigner, unb64, b64 } from './pki-crypto.js';
import { type CertificateRow, signaturesRepository as repo } from './signatures.repository.js';

const HOUR = 3600 * 1000;
/** A CRL is valid a week and re-signed after a day, or at once when a revocation is added. */
export const CRL_VALIDITY_MS = 7 * 24 * HOUR;
const CRL_REFRESH_MS = 24 * HOUR;

/** The CA's current CRL (DER), signing a new one when it is stale or misses a revocation. */
export async function currentCrl(d: PkiDeps, ca: CertificateRow): Promise<Uint8Array> {
  const revoked = await repo.revokedBy(d.db, ca.id);
  const latest = await repo.latestCrl(d.db, ca.id);
  const now = d.clock.now();
  if (
    latest &&
    latest.revokedCount === revoked.length &&
    now.getTime() < latest.thisUpdate.getTime() + CRL_REFRESH_MS
  ) {
    return unb64(latest.der);
  }
  const number = (latest?.number ?? 0) + 1;
  const caCert = new x509.X509Certificate(unb64(ca.der));
  const ski = caCert.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId;
  const signer = await storeSigner(d.store, ca.keyId!);
  const thisUpdate = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const nextUpdate = new Date(thisUpdate.getTime() + CRL_VALIDITY_MS);
  const crl = await x509.X509CrlGenerator.create(
    {
      issuer: caCert.subjectName,
      thisUpdate,
      nextUpdate,
      signingKey: signer.signingKey,
      signingAlgorithm: signer.signingAlgorithm,
      extensions: [
        new x509.AuthorityKeyIdentifierExtension(ski),
        new x509.Extension('2.5.29.20', false, new asn1js.Integer({ value: number }).toBER()),
      ],
      entries: revoked.map((r) => ({
        serialNumber: r.serial,
        revocationDate: r.revokedAt!,
        // x509 omits the extension for 0 (unspecified), which RFC 5280 asks for anyway.
        reason: (r.reason ?? 0) as x509.X509CrlReason,
      })),
    },
    signer.crypto,
  );
  const der = new Uint8Array(crl.rawData);
  const row = await repo.insertCrl(d.db, {
    id: newId('crl'),
    caId: ca.id,
    number,
    revokedCount: revoked.length,
    thisUpdate,
    nextUpdate,
    der: b64(der),
  });
  if (!row) {
    // Another process signed the same number first: serve theirs.
    const theirs = await repo.latestCrl(d.db, ca.id);
    if (theirs) return unb64(theirs.der);
  }
  return der;
}
