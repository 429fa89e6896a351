import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api';
import type { DeliveryFilter, LogFilter, NodeInput } from './types';

const key = ['exchange'] as const;

/** This deployment's role in the exchange (hub or node), for admins. */
export function useExchangeSelf(enabled = true) {
  return useQuery({
    queryKey: [...key, 'self'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/exchange/self', { signal })),
    staleTime: 60_000,
    enabled,
  });
}

export function useExchangeNodes(enabled = true) {
  return useQuery({
    queryKey: [...key, 'nodes'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/exchange/nodes', { signal })),
    enabled,
  });
}

export function useRegisterNode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NodeInput) => unwrap(api.POST('/api/exchange/nodes', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'nodes'] }),
  });
}

export function useSetNodeActive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      unwrap(api.PATCH('/api/exchange/nodes/{id}', { params: { path: { id } }, body: { active } })),
    onSettled: () => qc.invalidateQueries({ queryKey: [...key, 'nodes'] }),
  });
}

export function useExchangeLog(f: LogFilter, enabled = true) {
  return useQuery({
    queryKey: [...key, 'log', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/exchange/log', { params: { query: f }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
    enabled,
  });
}

export function useDeliveries(f: DeliveryFilter, enabled = true) {
  return useQuery({
    queryKey: [...key, 'deliveries', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/exchange/deliveries', { params: { query: f }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
    enabled,
  });
}

/** Statuses of this deployment's agencies waiting for a seal certificate. */
export function useHeldStatuses(page = 1) {
  return useQuery({
    queryKey: [...key, 'held', page],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/exchange/packages', {
          params: { query: { box: 'outgoing', kind: 'status', state: 'awaiting_seal', page, pageSize: 20 } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}
