import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, type Page } from '../api';
import type { Procedure, ProcedureContent, ProcedureSummary, ProcedureVersion } from './types';

export interface ProcedureFilter {
  q?: string;
  field?: string;
  agency?: string;
  mode?: string;
  page?: number;
  pageSize?: number;
}

const key = ['procedures'] as const;
const enc = encodeURIComponent;

export function useProcedures(f: ProcedureFilter) {
  return useQuery({
    queryKey: [...key, 'list', f],
    queryFn: ({ signal }) => apiFetch<Page<ProcedureSummary>>('/api/procedures', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProcedureFields() {
  return useQuery({
    queryKey: [...key, 'fields'],
    queryFn: ({ signal }) => apiFetch<{ items: { field: string; n: number }[] }>('/api/procedures/fields', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** A published procedure (latest version, or the version a dossier was filed under). */
export function useProcedure(code: string | undefined, version?: number) {
  return useQuery({
    queryKey: [...key, 'detail', code, version ?? null],
    queryFn: ({ signal }) => apiFetch<Procedure>(`/api/procedures/${enc(code ?? '')}`, { query: { version }, signal }),
    enabled: !!code,
    staleTime: 5 * 60_000,
  });
}

/** Agency admins: the draft (or the published version when there is no draft). */
export function useProcedureDraft(code: string | undefined) {
  return useQuery({
    queryKey: [...key, 'draft', code],
    queryFn: ({ signal }) => apiFetch<Procedure>(`/api/procedures/${enc(code ?? '')}/draft`, { signal }),
    enabled: !!code,
    staleTime: 0,
  });
}

export function useProcedureVersions(code: string | undefined) {
  return useQuery({
    queryKey: [...key, 'versions', code],
    queryFn: ({ signal }) =>
      apiFetch<{ items: ProcedureVersion[] }>(`/api/procedures/${enc(code ?? '')}/versions`, { signal }),
    enabled: !!code,
  });
}

export function useCreateProcedure() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProcedureContent & { code: string }) =>
      apiFetch<Procedure>('/api/procedures', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useSaveProcedureDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, content }: { code: string; content: ProcedureContent }) =>
      apiFetch<Procedure>(`/api/procedures/${enc(code)}/draft`, { method: 'PUT', body: content }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function usePublishProcedure() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      apiFetch<Procedure>(`/api/procedures/${enc(code)}/publish`, { method: 'POST', body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}
