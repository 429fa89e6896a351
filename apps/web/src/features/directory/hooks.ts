import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, type Page } from '../api';

export const AGENCY_LEVELS = ['central', 'ministry', 'province', 'department', 'commune'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export interface Agency {
  id: string;
  code: string;
  legacyCode: string | null;
  name: string;
  nameEn: string | null;
  shortName: string | null;
  level: AgencyLevel;
  parentCode: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
}

export interface AgencyDetail extends Agency {
  parent: { code: string; name: string } | null;
  children: { code: string; name: string; level: AgencyLevel }[];
}

export interface AgencyFilter {
  q?: string;
  level?: string;
  parent?: string;
  page?: number;
  pageSize?: number;
}

export type AgencyInput = Partial<Omit<Agency, 'id'>>;

const key = ['agencies'] as const;

export function useAgencies(f: AgencyFilter) {
  return useQuery({
    queryKey: [...key, 'list', f],
    queryFn: ({ signal }) => apiFetch<Page<Agency>>('/api/agencies', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAgency(code: string | undefined) {
  return useQuery({
    queryKey: [...key, 'detail', code],
    queryFn: ({ signal }) => apiFetch<AgencyDetail>(`/api/agencies/${encodeURIComponent(code ?? '')}`, { signal }),
    enabled: !!code,
  });
}

/** Names of a few agencies by code (implementing agencies of a procedure); the code until loaded. */
export function useAgencyNames(codes: readonly string[]): (code: string) => string {
  const results = useQueries({
    queries: codes.map((code) => ({
      queryKey: [...key, 'detail', code],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiFetch<AgencyDetail>(`/api/agencies/${encodeURIComponent(code)}`, { signal }),
      staleTime: 10 * 60_000,
    })),
  });
  const names = new Map<string, string>();
  results.forEach((r, i) => r.data && names.set(codes[i]!, r.data.name));
  return (code) => names.get(code) ?? code;
}

export function useCreateAgency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AgencyInput) => apiFetch<Agency>('/api/agencies', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useUpdateAgency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, ...body }: AgencyInput & { code: string }) =>
      apiFetch<Agency>(`/api/agencies/${encodeURIComponent(code)}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useMoveAgency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, parentCode }: { code: string; parentCode: string | null }) =>
      apiFetch<Agency>(`/api/agencies/${encodeURIComponent(code)}/move`, { method: 'POST', body: { parentCode } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}
