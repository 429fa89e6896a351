/** Signatures: PKI (CAs, certificates, CRL, OCSP, TSA, trust list) and signature formats (PAdES, XAdES, CAdES). */
export type * from './signing-ports.js';
