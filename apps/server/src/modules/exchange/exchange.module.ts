import type { Module, PlatformDeps } from '../../platform/module.js';
import type { ExchangeInbox, ExchangeOutbox, ExchangePorts } from './exchange-contract.js';
import { ExchangeContext } from './exchange.context.js';
import { exchangeRoutes } from './exchange.routes.js';
import { exchangeSettings } from './exchange.settings.js';
import { lgspRoutes } from './lgsp/lgsp.routes.js';
import { federationRoutes } from './federation.routes.js';
import { federation, type Federation } from './federation-port.js';
import { AgencySeals } from './seal/seal-provider.js';
import { exchangeOutbox, SEAL_JOB } from './use-cases/send.js';
import { sealMessage } from './use-cases/seal.js';
import { federationAnchors } from './use-cases/receive.js';
import { ExchangeWorker } from './use-cases/worker.js';

/**
 * An inbox for a deployment without the documents module: arrivals stay in the exchange's own
 * tables, the package id stands for the document, and clerks answer with POST
 * /api/exchange/packages/{id}/status.
 */
export const exchangeOnlyInbox: ExchangeInbox = {
  documentArrived: async (_tx, msg) => ({ localDocumentId: msg.packageId }),
  statusArrived: async () => undefined,
};

/** The exchange facade: the outbox for documents; the context and worker for the CLI, tests and benchmarks. */
export interface Exchange {
  outbox: ExchangeOutbox;
  context: ExchangeContext;
  worker: ExchangeWorker;
  /** The signed-HTTP federation, for the gateway's calls between deployments. */
  federation: Federation;
}

export type ExchangeModule = Module<Exchange>;

/** Build the exchange module: settings from the environment, agency seals, the outbox, the seal job, the delivery worker and the routes. */
export function createExchange(deps: PlatformDeps, ports: ExchangePorts): ExchangeModule {
  const settings = exchangeSettings(deps.config);
  const seals = new AgencySeals(ports.signatures, ports.directory);
  // Resolved per call: documents, which implements it, is built after this module.
  const inbox: ExchangeInbox = {
    documentArrived: (tx, msg) => ports.inbox().documentArrived(tx, msg),
    statusArrived: (tx, s) => ports.inbox().statusArrived(tx, s),
  };
  const context = new ExchangeContext(
    deps.db,
    deps.clock,
    deps.files,
    ports.directory,
    settings,
    seals,
    deps.log,
    inbox,
  );
  const worker = new ExchangeWorker(context, { exclusive: deps.dbKind === 'pglite' });
  // Roots of the federated deployments count for PDF, XML and CMS validation too, not only for seals.
  ports.signatures.trustList.addSource(() => federationAnchors(context));
  return {
    name: 'exchange',
    facade: { outbox: exchangeOutbox(context), context, worker, federation: federation(context) },
    jobs: { [SEAL_JOB]: async (payload) => sealMessage(context, String(payload.messageId)) },
    async routes(app) {
      await federationRoutes(context, context.isHub ? undefined : () => worker.sync())(app);
      await exchangeRoutes(context)(app);
      // The LGSP REST API (ADR 0017) on the hub, for document-management products of a province's exchange.
      if (context.isHub) await lgspRoutes(context)(app);
    },
    start() {
      if (deps.config.WORKERS) worker.start();
    },
    stop: () => worker.stop(),
  };
}
