import './i18n';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiQuery, idempotent, isApiError, unwrap } from '../api';
import { sendWithRetries } from '../api/idempotency';
import type { CollectionAccountBody, DeskPaymentBody, GatewayName, SetFeesBody, TransferReportBody } from './types';

const feesKey = (code: string) => ['payments', 'fees', code] as const;

export function useFees(code: string | undefined) {
  return useQuery({
    queryKey: feesKey(code ?? ''),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/dossiers/{code}/fees', { params: { path: { code: code ?? '' } }, signal })),
    enabled: !!code,
  });
}

/** Start (or continue) paying online: the answer is the gateway page to go to. */
export function useStartPayment(code: string) {
  return useMutation({
    mutationFn: ({ gateway, idempotencyKey }: { gateway: GatewayName; idempotencyKey: string }) =>
      sendWithRetries(() =>
        unwrap(
          api.POST('/api/dossiers/{code}/payments', {
            params: { path: { code } },
            body: { gateway },
            ...idempotent(idempotencyKey),
          }),
        ),
      ),
  });
}

export function useSetFees(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SetFeesBody) =>
      unwrap(api.PUT('/api/dossiers/{code}/fees', { params: { path: { code } }, body })),
    onSuccess: (f) => {
      qc.setQueryData(feesKey(code), f);
      return qc.invalidateQueries({ queryKey: ['dossiers'] });
    },
  });
}

export function useDeskPayment(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: DeskPaymentBody; idempotencyKey: string }) =>
      sendWithRetries(() =>
        unwrap(
          api.POST('/api/dossiers/{code}/payments/desk', {
            params: { path: { code } },
            body,
            ...idempotent(idempotencyKey),
          }),
        ),
      ),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: feesKey(code) }),
        qc.invalidateQueries({ queryKey: ['dossiers'] }),
      ]),
  });
}

/** A payment; polled while it is pending (the gateway's notification may come any second). */
export function usePayment(id: string | undefined) {
  return useQuery({
    queryKey: ['payments', 'one', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/payments/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 2000 : false),
  });
}

export function useCheckNow(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/payments/{id}/query', { params: { path: { id } } })),
    onSuccess: (p) => qc.setQueryData(['payments', 'one', id], p),
  });
}

export function useRefund(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/payments/{id}/refund', { params: { path: { id } }, body: { reason } })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: feesKey(code) }),
        qc.invalidateQueries({ queryKey: ['payments', 'list'] }),
      ]),
  });
}

/** A leader decides a payment in review: did the money reach the agency? */
export function useReviewDecision(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: 'paid' | 'failed'; note: string }) =>
      unwrap(api.POST('/api/payments/{id}/review', { params: { path: { id } }, body: { decision, note } })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: feesKey(code) }),
        qc.invalidateQueries({ queryKey: ['payments', 'list'] }),
      ]),
  });
}

export type PaymentFilter = ApiQuery<'/api/payments'>;

export function usePayments(f: PaymentFilter) {
  return useQuery({
    queryKey: ['payments', 'list', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/payments', { params: { query: f }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useReconciliation(date: string) {
  return useQuery({
    queryKey: ['payments', 'reconciliation', date],
    queryFn: async ({ signal }) => {
      try {
        return await unwrap(api.GET('/api/payments/reconciliation', { params: { query: { date } }, signal }));
      } catch (e) {
        if (isApiError(e, 'RECONCILIATION_NOT_FOUND')) return { items: [] };
        throw e;
      }
    },
  });
}

export function useRunReconciliation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => unwrap(api.POST('/api/payments/reconciliation', { body: { date } })),
    onSuccess: (r, date) => qc.setQueryData(['payments', 'reconciliation', date], r),
  });
}

/** Pay by bank transfer: a VietQR for the dossier's fee (one per dossier while it waits, whatever the key). */
export function useStartTransfer(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (idempotencyKey: string) =>
      sendWithRetries(() =>
        unwrap(
          api.POST('/api/dossiers/{code}/payments/vietqr', {
            params: { path: { code } },
            ...idempotent(idempotencyKey),
          }),
        ),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: feesKey(code) }),
  });
}

/** The payer gives up a QR not yet paid, to pay another way. */
export function useCancelTransfer(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/payments/{id}/cancel', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: feesKey(code) }),
  });
}

/** An officer reports a transfer seen on the agency's account; it settles the matching QR payment. */
export function useReportTransfer(code?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TransferReportBody) => unwrap(api.POST('/api/payments/transfers', { body })),
    onSuccess: () =>
      Promise.all([
        code ? qc.invalidateQueries({ queryKey: feesKey(code) }) : undefined,
        qc.invalidateQueries({ queryKey: ['payments'] }),
        qc.invalidateQueries({ queryKey: ['dossiers'] }),
      ]),
  });
}

export function useBanks() {
  return useQuery({
    queryKey: ['payments', 'banks'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/payments/banks', { signal })),
    staleTime: Infinity,
  });
}

const accountKey = (agencyCode: string) => ['payments', 'account', agencyCode] as const;

export function useCollectionAccount(agencyCode: string | null | undefined) {
  return useQuery({
    queryKey: accountKey(agencyCode ?? ''),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/payments/accounts/{agencyCode}', { params: { path: { agencyCode: agencyCode ?? '' } }, signal }),
      ),
    enabled: !!agencyCode,
  });
}

export function useSetCollectionAccount(agencyCode: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CollectionAccountBody) =>
      unwrap(api.PUT('/api/payments/accounts/{agencyCode}', { params: { path: { agencyCode } }, body })),
    onSuccess: (r) => qc.setQueryData(accountKey(agencyCode), r),
  });
}
