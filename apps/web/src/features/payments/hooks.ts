import './i18n';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, isApiError, type Page } from '../api';
import { isRetryable } from '../dossiers/idempotency';
import type { FeeLine, Fees, GatewayName, Payment, Reconciliation, StartResult } from './types';

const enc = encodeURIComponent;
const feesKey = (code: string) => ['payments', 'fees', code] as const;

export function useFees(code: string | undefined) {
  return useQuery({
    queryKey: feesKey(code ?? ''),
    queryFn: ({ signal }) => apiFetch<Fees>(`/api/dossiers/${enc(code ?? '')}/fees`, { signal }),
    enabled: !!code,
  });
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Repeat a POST with the same Idempotency-Key while the first is still running or its answer was lost. */
async function withKey<T>(path: string, body: unknown, idempotencyKey: string, tries = 6): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await apiFetch<T>(path, { method: 'POST', body, idempotencyKey });
    } catch (e) {
      if (i + 1 >= tries || !isApiError(e) || !isRetryable(e.status, e.code)) throw e;
      await wait(300 * 2 ** i);
    }
  }
}

/** Start (or continue) paying online: the answer is the gateway page to go to. */
export function useStartPayment(code: string) {
  return useMutation({
    mutationFn: ({ gateway, idempotencyKey }: { gateway: GatewayName; idempotencyKey: string }) =>
      withKey<StartResult>(`/api/dossiers/${enc(code)}/payments`, { gateway }, idempotencyKey),
  });
}

export function useSetFees(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { lines: FeeLine[]; note?: string }) =>
      apiFetch<Fees>(`/api/dossiers/${enc(code)}/fees`, { method: 'PUT', body }),
    onSuccess: (f) => {
      qc.setQueryData(feesKey(code), f);
      return qc.invalidateQueries({ queryKey: ['dossiers'] });
    },
  });
}

export function useDeskPayment(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      body,
      idempotencyKey,
    }: {
      body: { method: 'cash' | 'transfer'; amount: number; payerName?: string; transferRef?: string };
      idempotencyKey: string;
    }) => withKey<Payment>(`/api/dossiers/${enc(code)}/payments/desk`, body, idempotencyKey),
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
    queryFn: ({ signal }) => apiFetch<Payment>(`/api/payments/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 2000 : false),
  });
}

export function useCheckNow(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<Payment>(`/api/payments/${enc(id)}/query`, { method: 'POST' }),
    onSuccess: (p) => qc.setQueryData(['payments', 'one', id], p),
  });
}

export function useRefund(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      apiFetch<Payment>(`/api/payments/${enc(id)}/refund`, { method: 'POST', body: { reason } }),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: feesKey(code) }),
        qc.invalidateQueries({ queryKey: ['payments', 'list'] }),
      ]),
  });
}

export interface PaymentFilter {
  agency?: string;
  status?: string;
  gateway?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export function usePayments(f: PaymentFilter) {
  return useQuery({
    queryKey: ['payments', 'list', f],
    queryFn: ({ signal }) => apiFetch<Page<Payment>>('/api/payments', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useReconciliation(date: string) {
  return useQuery({
    queryKey: ['payments', 'reconciliation', date],
    queryFn: async ({ signal }) => {
      try {
        return await apiFetch<{ items: Reconciliation[] }>('/api/payments/reconciliation', { query: { date }, signal });
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
    mutationFn: (date: string) =>
      apiFetch<{ items: Reconciliation[] }>('/api/payments/reconciliation', { method: 'POST', body: { date } }),
    onSuccess: (r, date) => qc.setQueryData(['payments', 'reconciliation', date], r),
  });
}
