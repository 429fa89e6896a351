import { randomBytes } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { CertificateProfile } from '../db/schema.js';
import type { KeyStore } from './key-store.js';
import { type ExtensionInput, extensionsFor } from './profiles.js';
import { arrayBuffer, storeSigner } from './pki-crypto.js';

export interface IssuerRef {
  caId: string;
  cert: x509.X509Certificate;
  keyId: string;
}

export interface SignCertificateInput {
  profile: CertificateProfile;
  subject: x509.Name;
  /** DER SubjectPublicKeyInfo of the holder. */
  spki: Uint8Array;
  /** Null for a self-signed root, which signs with `selfKeyId`. */
  issuer: IssuerRef | null;
  selfKeyId?: string;
  notBefore: Date;
  notAfter: Date;
  publicUrl: string;
  email?: string | null;
  altNames?: ExtensionInput['altNames'];
}

/** A positive 16-byte serial whose DER is exactly 16 bytes (RFC 5280 allows up to 20). */
export function randomSerial(): string {
  const b = randomBytes(16);
  b[0] = (b[0]! & 0x7f) | 0x40;
  return b.toString('hex');
}

/** Build, sign (through the key store) and return a certificate. */
export async function signCertificate(store: KeyStore, i: SignCertificateInput): Promise<x509.X509Certificate> {
  const ski = Buffer.from(await new x509.PublicKey(arrayBuffer(i.spki)).getKeyIdentifier()).toString('hex');
  const aki = i.issuer ? i.issuer.cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId : undefined;
  const signer = await storeSigner(store, i.issuer ? i.issuer.keyId : i.selfKeyId!);
  // A child never outlives its issuer.
  const notAfter = i.issuer && i.issuer.cert.notAfter < i.notAfter ? i.issuer.cert.notAfter : i.notAfter;
  return x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject: i.subject,
      issuer: i.issuer ? i.issuer.cert.subjectName : i.subject,
      notBefore: new Date(Math.floor(i.notBefore.getTime() / 1000) * 1000),
      notAfter: new Date(Math.floor(notAfter.getTime() / 1000) * 1000),
      publicKey: arrayBuffer(i.spki),
      signingKey: signer.signingKey,
      signingAlgorithm: signer.signingAlgorithm,
      extensions: extensionsFor({
        profile: i.profile,
        subjectKeyId: ski,
        authorityKeyId: aki ?? (i.issuer ? undefined : ski),
        publicUrl: i.publicUrl,
        issuerCaId: i.issuer?.caId,
        email: i.email,
        altNames: i.altNames,
      }),
    },
    signer.crypto,
  );
}
