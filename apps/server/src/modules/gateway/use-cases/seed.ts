import { systemActor } from '../../../platform/http/auth.js';
import { newId } from '../../../platform/ids/index.js';
import { DIRECTORY_PROVIDER, DIRECTORY_SERVICE } from '../demo-service.js';
import type { GatewayContext } from '../gateway.context.js';
import { gatewayRepository as repo } from '../gateway.repository.js';
import { callService } from './call.js';
import { stampPending } from './message-log.js';
import { ensureLocalServices } from './registry.js';

const DEMO_CLIENT = 'VN:GOV:H26:motcua';

/**
 * Demo data: Hà Nội's one-stop-shop system with a right to the directory service, and two calls in
 * the log (chained and time-stamped), so the admin pages show something. Safe to run again.
 */
export async function seedGatewayDemo(ctx: GatewayContext, actorAccountId: string | null) {
  await ensureLocalServices(ctx);
  const now = ctx.clock.now();
  await repo.insertSubsystem(ctx.db, {
    id: DEMO_CLIENT,
    agencyCode: 'H26',
    code: 'motcua',
    name: 'Hệ thống thông tin giải quyết TTHC TP Hà Nội (một cửa)',
    ratePerMinute: 600,
    quotaPerDay: 100_000,
    createdBy: systemActor.actorId,
    createdAt: now,
  });
  const service = await repo.serviceAt(ctx.db, DIRECTORY_PROVIDER, DIRECTORY_SERVICE);
  if (!service) return { calls: 0 };
  if (!(await repo.openRight(ctx.db, service.id, DEMO_CLIENT)))
    await repo.insertRight(ctx.db, {
      id: newId('gwr'),
      serviceId: service.id,
      clientId: DEMO_CLIENT,
      grantedBy: null,
      grantedAt: now,
    });
  if ((await repo.messages(ctx.db, { page: 1, pageSize: 1 })).total > 0 || !actorAccountId) return { calls: 0 };
  for (const code of ['H26', '000.00.00.G09'])
    await callService(ctx, {
      client: DEMO_CLIENT,
      service: DIRECTORY_SERVICE,
      purpose: 'dossier-processing',
      actor: { kind: 'official', accountId: actorAccountId, agencyCode: 'H26' },
      params: { code },
    });
  await stampPending(ctx);
  return { calls: 2 };
}
