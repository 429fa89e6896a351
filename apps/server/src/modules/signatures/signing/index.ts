/** The signing half of the signatures module: signature formats, signing stored files, validation and its report. */
export { createSigning, type SigningModule, type SigningPorts } from './signing.module.js';
export { SigningService, type PdfSignOptions } from './signing.service.js';
export { validationReportDto } from './signing.schemas.js';
export { reportDto as validationReportJson } from './use-cases/validate-file.js';
export { SignatureFormatError, canonicalize, canonicalizeInto, signCades } from './formats/index.js';
export type { Appearance, WidgetSpec } from './formats/index.js';
export type { IdentitySignatureCheck, IdentitySignatureFailure } from './use-cases/identity-signature.js';
