import { type Module, noStop, type PlatformDeps } from '../../../platform/module.js';
import type { IdentityContext } from '../../identity/index.js';
import type { SignaturesService } from '../pki/index.js';
import { signingRoutes } from './signing.routes.js';
import { SigningService } from './signing.service.js';

/** What signing and validation need: the PKI (keys, time stamps, trust) and the signer's account. */
export interface SigningPorts {
  pki: SignaturesService;
  identity: IdentityContext;
}

export type SigningModule = Module<SigningService>;

/**
 * The signing half of signatures: the formats (CAdES, PAdES, XML-DSig/XAdES), signing a stored file
 * with a personal certificate or an agency seal, and validation with its report.
 */
export function createSigning(deps: PlatformDeps, ports: SigningPorts): SigningModule {
  const signing = new SigningService(deps.db, deps.clock, deps.files, ports.pki, ports.identity);
  return { name: 'signatures/signing', facade: signing, routes: signingRoutes(signing), jobs: {}, stop: noStop };
}
