/** Input the format library cannot sign; the signatures use cases map `code` to a 422 problem. */
export type FormatErrorCode =
  | 'NOT_A_PDF'
  | 'PDF_ENCRYPTED'
  | 'PDF_UNREADABLE'
  | 'NOT_XML'
  | 'XML_INVALID'
  | 'XML_LOCATION_NOT_FOUND'
  | 'PKCS12_INVALID'
  | 'PKCS12_BAD_PASSWORD'
  | 'PKCS12_UNSUPPORTED';

export class SignatureFormatError extends Error {
  constructor(
    readonly code: FormatErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SignatureFormatError';
  }
}
