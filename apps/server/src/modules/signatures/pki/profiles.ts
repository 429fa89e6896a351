import * as x509 from '@peculiar/x509';
import type { CertificateProfile } from '../db/schema.js';

/** Marks every name of this demo hierarchy: these CAs are for trying out, not for real transactions. */
export const DEMO_MARK = '(thử nghiệm)';
export const PLATFORM_ORG = 'Nền tảng Chính phủ điện tử';

/** id-kp-documentSigning (Microsoft), which Adobe and most signing tools accept. */
export const DOCUMENT_SIGNING_EKU = '1.3.6.1.4.1.311.10.3.12';

const YEAR_MS = 365 * 24 * 3600 * 1000;
export const VALIDITY_MS: Record<CertificateProfile, number> = {
  root: 20 * YEAR_MS,
  issuing: 10 * YEAR_MS,
  tsa: 5 * YEAR_MS,
  ocsp: 1 * YEAR_MS,
  person: 2 * YEAR_MS,
  seal: 3 * YEAR_MS,
  'tls-client': 1 * YEAR_MS,
  'tls-server': 1 * YEAR_MS,
};

export interface NameParts {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  locality?: string;
  /**
   * userId (UID, 0.9.2342.19200300.100.1.1) values after CN, as Vietnamese CAs name a subscriber's
   * identifiers: `CCCD:<personal ID number>`, `MST:<tax code>`.
   */
  uid?: string[];
}

/** A name with UTF8String values (RFC 5280 §4.1.2.6), C as PrintableString, text in NFC. */
export function buildName(p: NameParts): x509.Name {
  const u = (s: string) => [{ utf8String: s.normalize('NFC') }];
  const json: x509.JsonNameParams = [{ C: [{ printableString: 'VN' }] }];
  if (p.locality) json.push({ L: u(p.locality) });
  if (p.organization) json.push({ O: u(p.organization) });
  if (p.organizationalUnit) json.push({ OU: u(p.organizationalUnit) });
  json.push({ CN: u(p.commonName) });
  for (const v of p.uid ?? []) json.push({ '0.9.2342.19200300.100.1.1': u(v) });
  return new x509.Name(json);
}

export const ROOT_NAME: NameParts = {
  commonName: `Cơ quan chứng thực điện tử chuyên dùng Chính phủ ${DEMO_MARK}`,
  organization: PLATFORM_ORG,
  organizationalUnit: 'Chỉ dùng để thử nghiệm - không có giá trị pháp lý',
};
export const ISSUING_NAME: NameParts = {
  commonName: `CA cấp chứng thư số chuyên dùng Chính phủ ${DEMO_MARK}`,
  organization: PLATFORM_ORG,
  organizationalUnit: 'Chỉ dùng để thử nghiệm - không có giá trị pháp lý',
};
export const TSA_NAME: NameParts = {
  commonName: `Dịch vụ cấp dấu thời gian ${DEMO_MARK}`,
  organization: PLATFORM_ORG,
};

export interface ExtensionInput {
  profile: CertificateProfile;
  subjectKeyId: string;
  /** Absent for a self-signed root. */
  authorityKeyId?: string;
  publicUrl: string;
  /** The CA whose CRL and certificate the URLs point at. */
  issuerCaId?: string;
  email?: string | null;
  /** subjectAltName of a TLS certificate: DNS names, IP addresses and URIs. */
  altNames?: { dns?: string[]; ip?: string[]; uri?: string[] };
}

/** Extensions per profile: CAs, the time-stamping unit, and end-entity signing certificates. */
export function extensionsFor(i: ExtensionInput): x509.Extension[] {
  const ext: x509.Extension[] = [new x509.SubjectKeyIdentifierExtension(i.subjectKeyId)];
  if (i.authorityKeyId) ext.push(new x509.AuthorityKeyIdentifierExtension(i.authorityKeyId));
  const F = x509.KeyUsageFlags;
  switch (i.profile) {
    case 'root':
      ext.push(
        new x509.BasicConstraintsExtension(true, 1, true),
        new x509.KeyUsagesExtension(F.keyCertSign | F.cRLSign, true),
      );
      break;
    case 'issuing':
      // digitalSignature too: this CA signs its OCSP responses itself (see the OCSP signer ADR).
      ext.push(
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(F.keyCertSign | F.cRLSign | F.digitalSignature, true),
      );
      break;
    case 'tsa':
      ext.push(
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(F.digitalSignature | F.nonRepudiation, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
      );
      break;
    case 'ocsp':
      ext.push(
        new x509.KeyUsagesExtension(F.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.ocspSigning], false),
      );
      break;
    case 'person':
    case 'seal':
      ext.push(
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(F.digitalSignature | F.nonRepudiation, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.emailProtection, DOCUMENT_SIGNING_EKU], false),
      );
      if (i.email) ext.push(new x509.SubjectAlternativeNameExtension([{ type: 'email', value: i.email }]));
      break;
    case 'tls-client':
    case 'tls-server': {
      // digitalSignature only: (EC)DHE key exchange signs; static RSA key transport (keyEncipherment) is not offered.
      ext.push(
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(F.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension(
          [i.profile === 'tls-client' ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.serverAuth],
          false,
        ),
      );
      const names = [
        ...(i.altNames?.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
        ...(i.altNames?.ip ?? []).map((value) => ({ type: 'ip' as const, value })),
        ...(i.altNames?.uri ?? []).map((value) => ({ type: 'url' as const, value })),
      ];
      if (names.length) ext.push(new x509.SubjectAlternativeNameExtension(names));
      break;
    }
  }
  if (i.issuerCaId) {
    // The root stays offline in spirit: it publishes a CRL only; the issuing CA answers OCSP too.
    const ocsp = i.profile === 'issuing' ? [] : [`${i.publicUrl}/pki/ocsp`];
    ext.push(
      new x509.CRLDistributionPointsExtension([`${i.publicUrl}/pki/${i.issuerCaId}.crl`]),
      new x509.AuthorityInfoAccessExtension({ ocsp, caIssuers: [`${i.publicUrl}/pki/${i.issuerCaId}.crt`] }),
    );
  }
  return ext;
}

/** RFC 5280 CRLReason names and codes (7 is not used). */
export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;
export type RevocationReason = keyof typeof REVOCATION_REASONS;
export const reasonName = (code: number | null) =>
  (Object.entries(REVOCATION_REASONS).find(([, c]) => c === code)?.[0] ?? null) as RevocationReason | null;
