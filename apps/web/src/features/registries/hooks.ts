import './i18n';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api';
import type { DelayBody, FlagBody } from './types';

/** Every read of my registry data I may see (the data tracker). */
export function useDataAccess(page: number, pageSize = 20) {
  return useQuery({
    queryKey: ['registries', 'data-access', page, pageSize],
    queryFn: ({ signal }) => unwrap(api.GET('/api/me/data-access', { params: { query: { page, pageSize } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** Consent, then read the registry fields a procedure's form names (both recorded by the server). */
export function usePrefill() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { procedureCode: string; sources: string[] }) =>
      unwrap(api.POST('/api/me/registry-prefill', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['registries', 'data-access'] }),
  });
}

/** Flag a wrong registry value (a correction request to the registry's owner). */
export function useFlagValue() {
  return useMutation({
    mutationFn: (body: FlagBody) => unwrap(api.POST('/api/me/registry-corrections', { body })),
  });
}

/** Check a document's values against the population registry for a dossier (match per field). */
export function useRegistryCheck() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { idNumber: string; body: { dossierCode: string; claims: Record<string, string> } }) =>
      unwrap(
        api.POST('/api/registries/population/records/{key}/check', {
          params: { path: { key: v.idNumber } },
          body: v.body,
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['registries'] }),
  });
}

/** The owner agency's correction requests. */
export function useCorrections(status: 'open' | 'accepted' | 'rejected' | undefined) {
  return useQuery({
    queryKey: ['registries', 'corrections', status ?? 'all'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/registries/corrections', { params: { query: status ? { status } : {} }, signal })),
  });
}

/** Accept (recording the proposed value) or reject a correction request. */
export function useResolveCorrection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; decision: 'accept' | 'reject'; note: string }) =>
      unwrap(
        api.POST('/api/registries/corrections/{id}/resolve', {
          params: { path: { id: v.id } },
          body: { decision: v.decision, note: v.note },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['registries', 'corrections'] }),
  });
}

/** The legal delays the leader's agency flagged (hoãn thông báo truy cập dữ liệu). */
export function useAccessDelays() {
  return useQuery({
    queryKey: ['registries', 'access-delays'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/registries/access-delays', { signal })),
  });
}

/** Flag a legal delay (the same case twice is one delay: `created` false). */
export function useCreateAccessDelay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DelayBody) => unwrap(api.POST('/api/registries/access-delays', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['registries', 'access-delays'] }),
  });
}
