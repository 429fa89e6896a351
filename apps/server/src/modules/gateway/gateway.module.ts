import { ValidationError } from '../../platform/http/errors.js';
import type { Module, PlatformDeps } from '../../platform/module.js';
import { directoryLookupService } from './demo-service.js';
import type { GatewayFacade, GatewayPorts } from './gateway-contract.js';
import { GatewayContext } from './gateway.context.js';
import { gatewayRoutes } from './gateway.routes.js';
import { callService } from './use-cases/call.js';
import { Stamper, stampPending } from './use-cases/message-log.js';
import { ensureLocalServices } from './use-cases/registry.js';
import { seedGatewayDemo } from './use-cases/seed.js';
import { openMutualTls } from './use-cases/tls.js';

export type GatewayModule = Module<GatewayFacade>;

/** Build the gateway (NGSP/LGSP): registry, rights, the call pipeline, the signed message log and its stamper. */
export function createGateway(deps: PlatformDeps, ports: GatewayPorts): GatewayModule {
  const ctx = new GatewayContext(deps, ports);
  const stamper = new Stamper(ctx);
  const facade: GatewayFacade = {
    registerLocalService(s) {
      // Kept by the id as given (canonical form); the registry row is written at init or at the next call.
      ctx.handlers.set(`${s.provider} ${s.code}`, s);
      ctx.localReady = false;
    },
    call: (input) => callService(ctx, input),
    stampPending: () => stampPending(ctx),
    seedDemo: (official) => seedGatewayDemo(ctx, official),
    listenMutualTls: (o) => openMutualTls(ctx, o),
  };
  facade.registerLocalService(directoryLookupService(ports.directory));
  return {
    name: 'gateway',
    facade,
    jobs: {},
    routes: gatewayRoutes(ctx),
    async init() {
      // A fresh database has no directory yet (seeded after start): the first call writes the rows then. That
      // is the normal first start, not a fault: said at info, without a stack; anything else is a warning.
      await ensureLocalServices(ctx).catch((err: unknown) => {
        if (err instanceof ValidationError && err.errors?.every((e) => e.code === 'UNKNOWN_MEMBER'))
          ctx.log.info(
            'gateway: the directory has no provider of the local services yet; they are registered at first use',
          );
        else ctx.log.warn({ err }, 'gateway: local services not in the registry yet');
      });
    },
    start() {
      if (deps.config.WORKERS) stamper.start();
    },
    async stop() {
      for (const l of [...ctx.listeners]) await l.close();
      ctx.listeners.clear();
      await stamper.stop();
    },
  };
}
