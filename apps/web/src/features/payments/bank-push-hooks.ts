import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api';
import type { ApiQuery, ApiResponse, ItemOf } from '../api/types';

export type BankPush = ItemOf<ApiResponse<'/api/payments/bank-pushes'>>;
export type BankPushCandidate = ItemOf<ApiResponse<'/api/payments/bank-pushes/{id}/candidates'>>;
export type BankPushStatusFilter = NonNullable<ApiQuery<'/api/payments/bank-pushes'>['status']>;

const key = ['payments', 'bank-pushes'] as const;

/** The bank pushes that settled nothing, of the officer's agency. */
export function useBankPushes(status: BankPushStatusFilter) {
  return useQuery({
    queryKey: [...key, status],
    queryFn: () => unwrap(api.GET('/api/payments/bank-pushes', { params: { query: { status } } })),
  });
}

/** The waiting bank-transfer payments one push may be matched to. */
export function useBankPushCandidates(id: string | null) {
  return useQuery({
    queryKey: [...key, id, 'candidates'],
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/payments/bank-pushes/{id}/candidates', { params: { path: { id: id! } } })),
  });
}

export function useMatchBankPush() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, paymentId }: { id: string; paymentId: string }) =>
      unwrap(api.POST('/api/payments/bank-pushes/{id}/match', { params: { path: { id } }, body: { paymentId } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['payments'] }),
  });
}

export function useDismissBankPush() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/payments/bank-pushes/{id}/dismiss', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}
