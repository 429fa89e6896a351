import type { FastifyRequest } from 'fastify';
import { actorContext, requireUser } from '../../platform/http/auth.js';
import { idempotencyKey, markReplayed } from '../../platform/http/idempotency.js';
import type { App } from '../../platform/http/server.js';
import type { PaymentsContext } from './payments.context.js';
import {
  agencyCodeParams,
  banksResponse,
  collectionAccountBody,
  collectionAccountResponse,
  deskBody,
  dossierCodeParams,
  feesDto,
  gatewayParams,
  paymentDto,
  paymentIdParams,
  paymentListQuery,
  paymentListResponse,
  reconciliationBody,
  reconciliationQuery,
  reconciliationResponse,
  refundBody,
  reviewBody,
  setFeesBody,
  startBody,
  startResponse,
  sepayNoticeBody,
  sepayNoticeResponse,
  transferReportBody,
} from './payments.schemas.js';
import {
  cancelTransfer,
  getCollectionAccount,
  reportTransfer,
  setCollectionAccount,
  startTransfer,
  vietQrBanks,
} from './use-cases/vietqr.js';
import { checkSepayKey, receiveSepayNotice } from './use-cases/bank-push.js';
import { recordDeskPayment } from './use-cases/desk.js';
import { handleNotification } from './use-cases/notifications.js';
import { getFees, setFees } from './use-cases/obligations.js';
import { checkNow, returnTarget } from './use-cases/check.js';
import { getPayment, listPayments, receiptPdf } from './use-cases/read.js';
import { getReconciliations, runReconciliations } from './use-cases/reconcile.js';
import { refundPayment } from './use-cases/refund.js';
import { decideReview } from './use-cases/review.js';
import { startPayment } from './use-cases/start-payment.js';

const tags = ['payments'];

export function paymentRoutes(ctx: PaymentsContext) {
  return (app: App) => {
    app.get(
      '/api/dossiers/:code/fees',
      {
        schema: {
          tags,
          summary: 'What the dossier owes (nghĩa vụ tài chính) and its payments',
          params: dossierCodeParams,
          response: { 200: feesDto },
        },
      },
      async (req) => getFees(ctx, requireUser(req), req.params.code),
    );
    app.put(
      '/api/dossiers/:code/fees',
      {
        schema: {
          tags,
          summary: 'Set the fee lines of a dossier (officers of the agency); status 6 while due',
          params: dossierCodeParams,
          body: setFeesBody,
          response: { 200: feesDto },
        },
      },
      async (req) => {
        const p = requireUser(req);
        await setFees(ctx, actorContext(req), p, req.params.code, req.body);
        return getFees(ctx, p, req.params.code);
      },
    );
    app.post(
      '/api/dossiers/:code/payments',
      {
        schema: {
          tags,
          summary: 'The applicant starts paying online; needs an Idempotency-Key; answers the gateway URL to go to',
          params: dossierCodeParams,
          body: startBody,
          response: { 200: startResponse, 201: startResponse },
        },
      },
      async (req, reply) => {
        const r = await startPayment(
          ctx,
          actorContext(req),
          requireUser(req),
          req.params.code,
          req.body ?? {},
          idempotencyKey(req),
          req.ip,
        );
        markReplayed(reply, r);
        return reply.code(r.status as 200 | 201).send(r.body);
      },
    );
    app.post(
      '/api/dossiers/:code/payments/vietqr',
      {
        schema: {
          tags,
          summary:
            'The applicant pays by bank transfer: a VietQR (NAPAS) with the dossier code in the content; needs an Idempotency-Key',
          params: dossierCodeParams,
          response: { 200: paymentDto, 201: paymentDto },
        },
      },
      async (req, reply) => {
        const p = requireUser(req);
        const r = await startTransfer(ctx, actorContext(req), p, req.params.code, idempotencyKey(req));
        markReplayed(reply, r);
        return reply.code(r.status as 200 | 201).send(await getPayment(ctx, actorContext(req), p, r.paymentId));
      },
    );
    app.post(
      '/api/payments/:id/cancel',
      {
        schema: {
          tags,
          summary: 'The payer cancels a bank transfer by QR not yet paid (to pay another way)',
          params: paymentIdParams,
          response: { 200: paymentDto },
        },
      },
      async (req) => {
        const p = requireUser(req);
        await cancelTransfer(ctx, actorContext(req), p, req.params.id);
        return getPayment(ctx, actorContext(req), p, req.params.id);
      },
    );
    app.post(
      '/api/payments/transfers',
      {
        schema: {
          tags,
          summary:
            "Report a bank transfer seen on the agency's account: matched on the QR's content, it settles the payment (once per bank transaction)",
          body: transferReportBody,
          response: { 200: paymentDto, 201: paymentDto },
        },
      },
      async (req, reply) => {
        const p = requireUser(req);
        const r = await reportTransfer(ctx, actorContext(req), p, req.body);
        markReplayed(reply, r);
        return reply.code(r.replayed ? 200 : 201).send(await getPayment(ctx, actorContext(req), p, r.payment.id));
      },
    );
    app.post(
      '/api/payments/bank-notifications/sepay',
      {
        schema: {
          tags,
          summary:
            "A bank aggregator's push of a transaction on a fee account (SePay webhook, `Authorization: Apikey …`): an incoming transfer carrying a QR's reference settles that payment, once per bank transaction",
          security: [],
          body: sepayNoticeBody,
          response: { 200: sepayNoticeResponse },
        },
        // The key first: who is not the aggregator learns nothing, not even which field is wrong.
        preValidation: async (req) => checkSepayKey(ctx, req.headers.authorization),
      },
      async (req) => {
        const r = await receiveSepayNotice(ctx, req.body);
        // 200 with success: the aggregator stops retrying; what did not match waits for the desk (audit trail).
        return { success: true as const, ...r };
      },
    );
    app.get(
      '/api/payments/banks',
      {
        schema: {
          tags,
          summary: 'Banks that take VietQR transfers (NAPAS BIN), for choosing a collection account',
          response: { 200: banksResponse },
        },
      },
      async () => ({ items: vietQrBanks() }),
    );
    app.get(
      '/api/payments/accounts/:agencyCode',
      {
        schema: {
          tags,
          summary: 'The bank account an agency collects fees into (its staff)',
          params: agencyCodeParams,
          response: { 200: collectionAccountResponse },
        },
      },
      async (req) => ({ account: await getCollectionAccount(ctx, requireUser(req), req.params.agencyCode) }),
    );
    app.put(
      '/api/payments/accounts/:agencyCode',
      {
        schema: {
          tags,
          summary: 'Set the bank account an agency collects fees into (agency administrator or leader)',
          params: agencyCodeParams,
          body: collectionAccountBody,
          response: { 200: collectionAccountResponse },
        },
      },
      async (req) => ({
        account: await setCollectionAccount(ctx, actorContext(req), requireUser(req), req.params.agencyCode, req.body),
      }),
    );
    app.post(
      '/api/dossiers/:code/payments/desk',
      {
        schema: {
          tags,
          summary: 'Record cash or a bank transfer taken at the one-stop desk (with receipt); needs an Idempotency-Key',
          params: dossierCodeParams,
          body: deskBody,
          response: { 201: paymentDto },
        },
      },
      async (req, reply) => {
        const p = requireUser(req);
        const r = await recordDeskPayment(ctx, actorContext(req), p, req.params.code, req.body, idempotencyKey(req));
        markReplayed(reply, r);
        return reply.code(201).send(await getPayment(ctx, actorContext(req), p, r.body.paymentId));
      },
    );
    app.get(
      '/api/payments',
      {
        schema: {
          tags,
          summary: 'Payments of my agency (staff), filtered by agency, status, gateway and creation time',
          querystring: paymentListQuery,
          response: { 200: paymentListResponse },
        },
      },
      async (req) => {
        const r = await listPayments(ctx, actorContext(req), requireUser(req), req.query);
        return { ...r, page: req.query.page, pageSize: req.query.pageSize };
      },
    );
    app.get(
      '/api/payments/reconciliation',
      {
        schema: {
          tags,
          summary: 'The reconciliation of a day (Vietnam date) against the gateways’ reports',
          querystring: reconciliationQuery,
          response: { 200: reconciliationResponse },
        },
      },
      async (req) => getReconciliations(ctx, requireUser(req), req.query.date, req.query.gateway),
    );
    app.post(
      '/api/payments/reconciliation',
      {
        schema: {
          tags,
          summary: 'Reconcile a day now',
          body: reconciliationBody,
          response: { 200: reconciliationResponse },
        },
      },
      async (req) => runReconciliations(ctx, actorContext(req), requireUser(req), req.body.date, req.body.gateway),
    );
    app.get(
      '/api/payments/:id',
      {
        schema: {
          tags,
          summary: 'A payment (its payer, or staff of the agency)',
          params: paymentIdParams,
          response: { 200: paymentDto },
        },
      },
      async (req) => getPayment(ctx, actorContext(req), requireUser(req), req.params.id),
    );
    app.post(
      '/api/payments/:id/query',
      {
        schema: {
          tags,
          summary: 'Ask the gateway now what became of a pending payment (or one in review)',
          params: paymentIdParams,
          response: { 200: paymentDto },
        },
      },
      async (req) => {
        const p = requireUser(req);
        await checkNow(ctx, p, req.params.id);
        return getPayment(ctx, actorContext(req), p, req.params.id);
      },
    );
    app.post(
      '/api/payments/:id/refund',
      {
        schema: {
          tags,
          summary: 'Refund a payment (leaders), through the gateway for online payments',
          params: paymentIdParams,
          body: refundBody,
          response: { 200: paymentDto },
        },
      },
      async (req) => {
        const p = requireUser(req);
        await refundPayment(ctx, actorContext(req), p, req.params.id, req.body);
        return getPayment(ctx, actorContext(req), p, req.params.id);
      },
    );
    app.post(
      '/api/payments/:id/review',
      {
        schema: {
          tags,
          summary:
            'Decide a payment in review (leaders): the gateway neither paid nor failed it (VNPAY 04, 07); paid issues the receipt, failed lets the applicant pay again',
          params: paymentIdParams,
          body: reviewBody,
          response: { 200: paymentDto },
        },
      },
      async (req) => {
        const p = requireUser(req);
        await decideReview(ctx, actorContext(req), p, req.params.id, req.body);
        return getPayment(ctx, actorContext(req), p, req.params.id);
      },
    );
    app.get(
      '/api/payments/:id/receipt.pdf',
      { schema: { tags, summary: 'The electronic receipt (biên lai điện tử) as PDF', params: paymentIdParams } },
      async (req, reply) => {
        const r = await receiptPdf(ctx, actorContext(req), requireUser(req), req.params.id);
        reply.header('content-type', 'application/pdf');
        reply.header('content-disposition', `inline; filename="${r.name}"`);
        reply.header('x-receipt-sealed', String(r.sealed));
        return reply.send(Buffer.from(r.pdf));
      },
    );
    // Server-to-server notifications: no login, authenticated by the gateway's signature only.
    const notify = async (
      req: FastifyRequest<{ Params: { gateway: 'dvcqg' | 'vnpay' } }>,
      reply: { code: (n: number) => { send: (b: unknown) => unknown } },
    ) => {
      const r = await handleNotification(ctx, req.params.gateway, {
        query: req.query as Record<string, string>,
        body: req.body,
        ip: req.ip,
      });
      return reply.code(r.status).send(r.body);
    };
    const callbackSchema = {
      schema: {
        tags,
        summary: 'Payment notification from a gateway (VNPAY-style IPN by GET, DVCQG confirmation by POST)',
        security: [],
        params: gatewayParams,
      },
    };
    app.get('/api/payments/callback/:gateway', callbackSchema, notify);
    app.post('/api/payments/callback/:gateway', callbackSchema, notify);
    app.get(
      '/api/payments/return/:gateway',
      {
        schema: {
          tags,
          summary: 'Where the gateway sends the payer’s browser back (never changes state)',
          security: [],
          params: gatewayParams,
        },
      },
      async (req, reply) =>
        reply.redirect(await returnTarget(ctx, req.params.gateway, req.query as Record<string, string>), 303),
    );
  };
}
