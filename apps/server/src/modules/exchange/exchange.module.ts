import type { PlatformDeps } from '../../platform/module.js';
import type { DirectoryService } from '../directory/index.js';
import type { SignaturesService } from '../signatures/index.js';
import type { ExchangeInbox, ExchangeOutbox } from './exchange-contract.js';
import { ExchangeContext } from './exchange.context.js';
import { exchangeRoutes } from './exchange.routes.js';
import { exchangeSettings } from './exchange.settings.js';
import { federationRoutes } from './federation.routes.js';
import { AgencySeals } from './seal/seal-provider.js';
import { exchangeOutbox, SEAL_JOB } from './use-cases/send.js';
import { sealMessage } from './use-cases/seal.js';
import { ExchangeWorker } from './use-cases/worker.js';

/**
 * Until the documents module is wired, arrivals stay in the exchange's own tables: the package id
 * stands for the document, and clerks answer with POST /api/exchange/packages/{id}/status.
 */
export const exchangeOnlyInbox: ExchangeInbox = {
  documentArrived: async (_tx, msg) => ({ localDocumentId: msg.packageId }),
  statusArrived: async () => undefined,
};

export interface Exchange {
  context: ExchangeContext;
  outbox: ExchangeOutbox;
  worker: ExchangeWorker;
  /** Wire the module that handles arrivals (documents implements ExchangeInbox). */
  setInbox(inbox: ExchangeInbox): void;
  routes(app: Parameters<ReturnType<typeof exchangeRoutes>>[0]): Promise<void>;
}

/** Build the exchange module: settings from the environment, agency seals (signatures module), the outbox, the worker and the routes. */
export function createExchange(
  deps: PlatformDeps,
  directory: DirectoryService,
  signatures: SignaturesService,
): Exchange {
  const settings = exchangeSettings(deps.config);
  const seals = new AgencySeals(signatures, directory);
  const context = new ExchangeContext(
    deps.db,
    deps.clock,
    deps.files,
    directory,
    settings,
    seals,
    deps.log,
    exchangeOnlyInbox,
  );
  deps.jobs.register(SEAL_JOB, async (payload) => sealMessage(context, String(payload.messageId)));
  const worker = new ExchangeWorker(context, { exclusive: deps.dbKind === 'pglite' });
  return {
    context,
    outbox: exchangeOutbox(context),
    worker,
    setInbox: (inbox) => context.setInbox(inbox),
    async routes(app) {
      await federationRoutes(context, context.isHub ? undefined : () => worker.sync())(app);
      await exchangeRoutes(context)(app);
    },
  };
}
