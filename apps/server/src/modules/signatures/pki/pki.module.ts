import { type Module, noStop, type PlatformDeps } from '../../../platform/module.js';
import type { DirectoryService } from '../../directory/index.js';
import type { IdentityContext } from '../../identity/index.js';
import { resolveKeyEncryptionKey, SoftwareKeyStore } from './key-store.js';
import { pkiPublicRoutes } from './pki-public.routes.js';
import { pkiRoutes } from './pki.routes.js';
import { SignaturesService } from './pki.service.js';

/** What the PKI needs from other modules: the holders of certificates (agencies, accounts). */
export interface PkiPorts {
  directory: DirectoryService;
  identity: IdentityContext;
}

export type PkiModule = Module<SignaturesService>;

/**
 * The PKI half of signatures (chứng thực chữ ký số): the software key store (its key-encryption key
 * from KEY_ENCRYPTION_KEY or derived from the app secret outside production), CAs, certificates, CRL,
 * OCSP, TSA and the trust list; the admin routes and the public ones (CRL, OCSP, TSA, CA certificates).
 * `facade.init()` (first start, seeding) is called by the seed, not here: it makes the CAs.
 */
export function createPki(deps: PlatformDeps, ports: PkiPorts): PkiModule {
  const production = deps.config.NODE_ENV === 'production';
  const keyStore = new SoftwareKeyStore(
    deps.db,
    resolveKeyEncryptionKey(deps.config.KEY_ENCRYPTION_KEY, deps.appSecret, production),
  );
  const pki = new SignaturesService(deps.db, deps.clock, deps.config, keyStore, ports.directory, ports.identity);
  return {
    name: 'signatures/pki',
    facade: pki,
    async routes(app) {
      await pkiRoutes(pki, deps.config.publicUrl)(app);
      await pkiPublicRoutes(pki)(app);
    },
    jobs: {},
    stop: noStop,
  };
}
