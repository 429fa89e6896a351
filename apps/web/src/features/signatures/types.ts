import type { ApiBody, ApiResponse } from '../api/types';

export type ValidationReport = ApiResponse<'/api/signatures/validate', 'post'>;
export type SignatureReport = ValidationReport['signatures'][number];
export type CertificateSummary = NonNullable<SignatureReport['signer']>;
export type Indication = ValidationReport['indication'];
export type SignBody = ApiBody<'/api/signatures/sign', 'post'>;
export type SignFormat = SignBody['format'];
