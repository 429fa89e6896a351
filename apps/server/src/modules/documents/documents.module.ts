import { type Module, noStop, type PlatformDeps } from '../../platform/module.js';
import type { CalendarService } from '../calendar/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { ExchangeOutbox } from '../exchange/index.js';
import type { IdentityContext } from '../identity/index.js';
import type { SigningService } from '../signatures/index.js';
import { DocumentsContext } from './documents.context.js';
import { documentSigning } from './documents-signing.js';
import { documentRoutes } from './documents.routes.js';

/** What documents needs from other modules. */
export interface DocumentsPorts {
  directory: DirectoryService;
  identity: IdentityContext;
  /** The working calendar in force (registration deadlines of incoming documents). */
  calendar: CalendarService;
  /** Signing with a personal certificate or an agency seal (Decree 30 Phụ lục I). */
  signing: SigningService;
  /** Sending through the document exchange (edXML), in the business transaction. */
  outbox: ExchangeOutbox;
}

export type DocumentsModule = Module<DocumentsContext>;

/** Document management (quản lý văn bản, Decree 30/2020): incoming, outgoing, registers, records. */
export function createDocuments(deps: PlatformDeps, ports: DocumentsPorts): DocumentsModule {
  const documents = new DocumentsContext(
    deps.db,
    deps.clock,
    deps.files,
    ports.directory,
    ports.identity,
    ports.calendar,
    documentSigning(ports.signing, ports.directory),
    ports.outbox,
  );
  return { name: 'documents', facade: documents, routes: documentRoutes(documents), jobs: {}, stop: noStop };
}
