/**
 * The PKI half of the signatures module: CAs, certificates, CRL, OCSP, TSA, trust list, key store.
 * The signing half (`../signing/`) reaches it only through this file.
 */
export { createPki, type PkiModule, type PkiPorts } from './pki.module.js';
export { SignaturesService } from './pki.service.js';
export { SoftwareKeyStore, resolveKeyEncryptionKey, type KeyStore, type KeyAlgorithm } from './key-store.js';
export type { CertificateView } from './use-cases/certificate-view.js';
export type { SealSummary } from './use-cases/seal-summary.js';
export type { TrustAnchorView } from './trust-list.js';
export type { PkiInitResult } from './pki-init.js';
export { REVOCATION_REASONS, type RevocationReason } from './profiles.js';
export type { PresentedCertificate, TlsClientIssued } from './use-cases/tls-certificates.js';
