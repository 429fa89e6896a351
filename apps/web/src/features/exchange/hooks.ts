import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, type Page } from '../api';
import type {
  Delivery,
  DeliveryState,
  ExchangeNode,
  ExchangeSelf,
  HeldStatus,
  LogEntry,
  LogEvent,
  NodeInput,
} from './types';

const key = ['exchange'] as const;

/** This deployment's role in the exchange (hub or node), for admins. */
export function useExchangeSelf(enabled = true) {
  return useQuery({
    queryKey: [...key, 'self'],
    queryFn: ({ signal }) => apiFetch<ExchangeSelf>('/api/exchange/self', { signal }),
    staleTime: 60_000,
    enabled,
  });
}

export function useExchangeNodes(enabled = true) {
  return useQuery({
    queryKey: [...key, 'nodes'],
    queryFn: ({ signal }) => apiFetch<{ items: ExchangeNode[] }>('/api/exchange/nodes', { signal }),
    enabled,
  });
}

export function useRegisterNode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NodeInput) => apiFetch<ExchangeNode>('/api/exchange/nodes', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'nodes'] }),
  });
}

export function useSetNodeActive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      apiFetch<ExchangeNode>(`/api/exchange/nodes/${encodeURIComponent(id)}`, { method: 'PATCH', body: { active } }),
    onSettled: () => qc.invalidateQueries({ queryKey: [...key, 'nodes'] }),
  });
}

export interface LogFilter {
  packageId?: string;
  agency?: string;
  event?: LogEvent;
  page: number;
  pageSize: number;
}

export function useExchangeLog(f: LogFilter, enabled = true) {
  return useQuery({
    queryKey: [...key, 'log', f],
    queryFn: ({ signal }) => apiFetch<Page<LogEntry>>('/api/exchange/log', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
    enabled,
  });
}

export interface DeliveryFilter {
  state?: DeliveryState;
  failing?: 'true';
  page: number;
  pageSize: number;
}

export function useDeliveries(f: DeliveryFilter, enabled = true) {
  return useQuery({
    queryKey: [...key, 'deliveries', f],
    queryFn: ({ signal }) => apiFetch<Page<Delivery>>('/api/exchange/deliveries', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
    enabled,
  });
}

/** Statuses of this deployment's agencies waiting for a seal certificate (first 100). */
export function useHeldStatuses(page = 1) {
  return useQuery({
    queryKey: [...key, 'held', page],
    queryFn: ({ signal }) =>
      apiFetch<Page<HeldStatus>>('/api/exchange/packages', {
        query: { box: 'outgoing', kind: 'status', state: 'awaiting_seal', page, pageSize: 20 },
        signal,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}
