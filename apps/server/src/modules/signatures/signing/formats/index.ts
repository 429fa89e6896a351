/**
 * The signature formats: CAdES, PAdES, XML-DSig/XAdES signing and ETSI validation. Depends only on
 * the ports (`../signing-ports.ts`) and on PDF/XML/ASN.1 libraries: no database, no key store.
 */
export { signCades, type CadesOptions } from './cms-sign.js';
export { signPades, type PadesOptions } from './pdf/pades-sign.js';
export type { Appearance, VisibleBlock, WidgetSpec } from './pdf/pades-appearance.js';
export { signXml, type XmlSignOptions } from './xml/xml-sign.js';
export { validate, detectFormat, type DetectedFormat, type ValidateOptions } from './validate.js';
export { softwareSigningKey, keyAlgorithm } from './software-key.js';
export { SignatureFormatError, type FormatErrorCode } from './errors.js';
export { certInfo, type CertInfo } from './certs.js';
export { openPkcs12 } from './pkcs12.js';
export { canonicalize, canonicalizeInto } from './xml/xml-dom.js';
