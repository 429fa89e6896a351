import formbody from '@fastify/formbody';
import type { App } from '../../../platform/http/server.js';
import type { Clock } from '../../../platform/time/clock.js';
import type { PaymentSettings } from '../payments.settings.js';
import { dvcqgSandbox } from './sandbox-dvcqg.js';
import { SandboxStore } from './sandbox-store.js';
import { vnpaySandbox } from './sandbox-vnpay.js';

/**
 * The sandbox gateways under /sandbox: both protocols on the same HTTP surface as the real ones,
 * for development and tests. Mounted only when PAYMENT_SANDBOX is on (never by default in
 * production); it knows the platform only by the URLs a merchant registers with a gateway.
 */
export function sandboxRoutes(s: PaymentSettings, clock: Clock) {
  const store = new SandboxStore();
  return async (app: App) => {
    await app.register(async (scope) => {
      await scope.register(formbody);
      if (s.dvcqg) dvcqgSandbox(scope, store, s.dvcqg, s.publicUrl, clock);
      if (s.vnpay)
        vnpaySandbox(scope, store, { tmnCode: s.vnpay.tmnCode, secret: s.vnpay.secret, ipnUrl: s.vnpay.ipnUrl }, clock);
      // For testers: the notifications the sandbox sent, to read or replay.
      scope.get('/sandbox/notifications', { schema: { hide: true } }, async (req) => {
        const ref = (req.query as { reference?: string }).reference;
        return { items: store.notifications.filter((n) => !ref || n.reference === ref) };
      });
    });
    return store;
  };
}
