/**
 * Signatures, in two halves with a facade each: the PKI (`pki/`: CAs, certificates, CRL, OCSP, TSA,
 * trust list, key store) and signing/validation (`signing/`: formats, signing stored files, the
 * validation report). `signing-ports.ts` is the seam between them; `db/schema.ts` holds the tables of
 * both (one Postgres schema, `signatures`).
 */
export type * from './signing-ports.js';
export * from './pki/index.js';
export * from './signing/index.js';
