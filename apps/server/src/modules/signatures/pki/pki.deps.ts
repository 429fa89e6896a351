import type { Db } from '../../../platform/db/index.js';
import type { Clock } from '../../../platform/time/clock.js';
import type { DirectoryService } from '../../directory/index.js';
import type { IdentityContext } from '../../identity/index.js';
import type { KeyStore } from './key-store.js';
import type { PkiCache } from './pki-cache.js';

/** What the PKI's cryptographic services (CRL, OCSP, TSA, init) share. */
export interface PkiDeps {
  db: Db;
  clock: Clock;
  store: KeyStore;
  publicUrl: string;
  cache: PkiCache;
}

/** The certificate use cases also ask the directory and identity facades about holders. */
export interface PkiContext extends PkiDeps {
  directory: DirectoryService;
  identity: IdentityContext;
}
