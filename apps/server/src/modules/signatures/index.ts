/** Signatures: PKI (CAs, certificates, CRL, OCSP, TSA, trust list) and signature formats (PAdES, XAdES, CAdES). */
export type * from './signing-ports.js';
export { SignaturesService } from './signatures.service.js';
export { SoftwareKeyStore, resolveKeyEncryptionKey, type KeyStore, type KeyAlgorithm } from './key-store.js';
export type { CertificateView } from './use-cases/certificate-view.js';
export type { SealSummary } from './use-cases/seal-summary.js';
export type { TrustAnchorView } from './trust-list.js';
export type { PkiInitResult } from './pki-init.js';
export { REVOCATION_REASONS, type RevocationReason } from './profiles.js';
export { pkiRoutes } from './pki.routes.js';
export { pkiPublicRoutes } from './pki-public.routes.js';
export { SigningService, type PdfSignOptions } from './signing.service.js';
export { signingRoutes } from './signing.routes.js';
export { validationReportDto } from './signing.schemas.js';
export { reportDto as validationReportJson } from './use-cases/validate-file.js';
export { SignatureFormatError, canonicalize, canonicalizeInto } from './formats/index.js';
export type { Appearance, WidgetSpec } from './formats/index.js';
