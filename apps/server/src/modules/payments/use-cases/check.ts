import type { Principal } from '../../../platform/http/auth.js';
import { AppError, NotFoundError } from '../../../platform/http/errors.js';
import { GatewayError, type GatewayName } from '../gateways/gateway.js';
import type { PaymentsContext } from '../payments.context.js';
import { paymentsRepository as repo } from '../payments.repository.js';
import { resolveByQuery } from './query.js';

/** "Check now": the payer (or staff of the agency) asks for a QUERY of a pending payment. */
export async function checkNow(ctx: PaymentsContext, p: Principal, id: string) {
  const pay = await repo.payment(ctx.db, id);
  const d = pay ? await ctx.dossier(pay.dossierCode, p).catch(() => null) : null;
  if (!pay || !d) throw new NotFoundError('PAYMENT_NOT_FOUND', 'No such payment.');
  try {
    return await resolveByQuery(ctx, id);
  } catch (e) {
    if (e instanceof GatewayError)
      throw new AppError(502, 'GATEWAY_UNAVAILABLE', 'The payment gateway did not answer; try again.', {
        gateway: pay.gateway,
      });
    throw e;
  }
}

/** The web page the payer's browser goes to after the gateway (the return never changes a payment). */
export async function returnTarget(
  ctx: PaymentsContext,
  gateway: GatewayName,
  query: Record<string, string>,
): Promise<string> {
  const ref = ctx.gateways.get(gateway)?.returnReference(query) ?? null;
  const pay = ref ? await repo.paymentByReference(ctx.db, ref) : null;
  return pay && pay.gateway === gateway ? `/payments/${encodeURIComponent(pay.id)}` : '/my/dossiers';
}
