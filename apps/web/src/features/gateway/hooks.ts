import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api';
import type { MessageFilter, ServiceInput, SubsystemInput } from './types';

const key = ['gateway'] as const;

export function useGatewayServices(q?: string) {
  return useQuery({
    queryKey: [...key, 'services', q ?? ''],
    queryFn: ({ signal }) => unwrap(api.GET('/api/gateway/services', { params: { query: { q } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useGatewaySubsystems() {
  return useQuery({
    queryKey: [...key, 'subsystems'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/gateway/subsystems', { signal })),
  });
}

export function useRegisterSubsystem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SubsystemInput) => unwrap(api.POST('/api/gateway/subsystems', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'subsystems'] }),
  });
}

/** A provider publishes a service version (a second click while pending is disabled; a repeat is 409). */
export function usePublishService() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ServiceInput) => unwrap(api.POST('/api/gateway/services', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'services'] }),
  });
}

export function useServiceRights(serviceId: string | null) {
  return useQuery({
    queryKey: [...key, 'rights', serviceId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/gateway/services/{id}/rights', { params: { path: { id: serviceId! } }, signal })),
    enabled: serviceId !== null,
    retry: false,
  });
}

export function useGrantRight(serviceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (client: string) =>
      unwrap(api.POST('/api/gateway/services/{id}/rights', { params: { path: { id: serviceId } }, body: { client } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'rights', serviceId] }),
  });
}

export function useRevokeRight(serviceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/gateway/rights/{id}', { params: { path: { id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: [...key, 'rights', serviceId] }),
  });
}

export function useGatewayMessages(f: MessageFilter) {
  return useQuery({
    queryKey: [...key, 'messages', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/gateway/messages', { params: { query: f }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}

/** The evidence of one exchange as a JSON file for the auditor. */
export async function downloadEvidence(messageId: string) {
  const ev = await unwrap(api.GET('/api/gateway/evidence/{messageId}', { params: { path: { messageId } } }));
  const url = URL.createObjectURL(new Blob([JSON.stringify(ev, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `bang-chung-${messageId}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
