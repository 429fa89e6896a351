import { actorContext, requireUser } from '../../platform/http/auth.js';
import type { App } from '../../platform/http/server.js';
import type { PaymentsContext } from './payments.context.js';
import {
  bankPushCandidatesResponse,
  bankPushDismissBody,
  bankPushDto,
  bankPushListQuery,
  bankPushListResponse,
  bankPushMatchBody,
  bankPushMatchResponse,
  paymentIdParams,
} from './payments.schemas.js';
import { dismissBankPush, listBankPushes, matchBankPush, pushCandidates } from './use-cases/bank-pushes.js';

const tags = ['payments'];

/** The bank pushes that settled nothing by themselves: the payments officer's list, match by hand, set aside. */
export function bankPushRoutes(ctx: PaymentsContext) {
  return (app: App) => {
    app.get(
      '/api/payments/bank-pushes',
      {
        schema: {
          tags,
          summary: "Bank pushes that settled no payment, of the caller's agency and the units below it",
          querystring: bankPushListQuery,
          response: { 200: bankPushListResponse },
        },
      },
      async (req) => ({ items: await listBankPushes(ctx, requireUser(req), req.query) }),
    );
    app.get(
      '/api/payments/bank-pushes/:id/candidates',
      {
        schema: {
          tags,
          summary: 'Waiting bank-transfer payments of the receiving agency this push may be matched to',
          params: paymentIdParams,
          response: { 200: bankPushCandidatesResponse },
        },
      },
      async (req) => ({ items: await pushCandidates(ctx, requireUser(req), req.params.id) }),
    );
    app.post(
      '/api/payments/bank-pushes/:id/match',
      {
        schema: {
          tags,
          summary: 'Match a push to a waiting payment by hand: settles it once (receipt, audit)',
          params: paymentIdParams,
          body: bankPushMatchBody,
          response: { 200: bankPushMatchResponse },
        },
      },
      async (req) => matchBankPush(ctx, actorContext(req), requireUser(req), req.params.id, req.body.paymentId),
    );
    app.post(
      '/api/payments/bank-pushes/:id/dismiss',
      {
        schema: {
          tags,
          summary: 'Set a push aside with the reason (audited)',
          params: paymentIdParams,
          body: bankPushDismissBody,
          response: { 200: bankPushDto },
        },
      },
      async (req) => dismissBankPush(ctx, actorContext(req), requireUser(req), req.params.id, req.body.reason),
    );
  };
}
