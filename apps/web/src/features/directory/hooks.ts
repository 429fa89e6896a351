import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiBody, type ApiQuery, type ApiResponse, type ItemOf, unwrap } from '../api';

export type Agency = ItemOf<ApiResponse<'/api/agencies'>>;
export type AgencyDetail = ApiResponse<'/api/agencies/{code}'>;
export type AgencyLevel = Agency['level'];
export const AGENCY_LEVELS = [
  'central',
  'ministry',
  'province',
  'department',
  'commune',
] as const satisfies readonly AgencyLevel[];
export type AgencyFilter = ApiQuery<'/api/agencies'>;
export type CreateAgencyBody = ApiBody<'/api/agencies', 'post'>;
export type UpdateAgencyBody = ApiBody<'/api/agencies/{code}', 'patch'>;
/** The agency form's state: any field may still be empty (the server names the missing ones). */
export type AgencyInput = Partial<Omit<Agency, 'id'>>;

const key = ['agencies'] as const;

const getAgency = (code: string, signal: AbortSignal) =>
  unwrap(api.GET('/api/agencies/{code}', { params: { path: { code } }, signal }));

export function useAgencies(f: AgencyFilter) {
  return useQuery({
    queryKey: [...key, 'list', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/agencies', { params: { query: f }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useAgency(code: string | undefined) {
  return useQuery({
    queryKey: [...key, 'detail', code],
    queryFn: ({ signal }) => getAgency(code ?? '', signal),
    enabled: !!code,
  });
}

/** Names of a few agencies by code (implementing agencies of a procedure); the code until loaded. */
export function useAgencyNames(codes: readonly string[]): (code: string) => string {
  const results = useQueries({
    queries: codes.map((code) => ({
      queryKey: [...key, 'detail', code],
      queryFn: ({ signal }: { signal: AbortSignal }) => getAgency(code, signal),
      staleTime: 10 * 60_000,
    })),
  });
  const names = new Map<string, string>();
  results.forEach((r, i) => {
    const code = codes[i];
    if (r.data && code) names.set(code, r.data.name);
  });
  return (code) => names.get(code) ?? code;
}

export function useCreateAgency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAgencyBody) => unwrap(api.POST('/api/agencies', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useUpdateAgency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, ...body }: UpdateAgencyBody & { code: string }) =>
      unwrap(api.PATCH('/api/agencies/{code}', { params: { path: { code } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useMoveAgency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, parentCode }: { code: string; parentCode: string | null }) =>
      unwrap(api.POST('/api/agencies/{code}/move', { params: { path: { code } }, body: { parentCode } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

/** The 34 provinces after the 2025 reorganisation (kept for the session). */
export function useProvinces() {
  return useQuery({
    queryKey: ['admin-units', ''],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin-units', { signal })),
    staleTime: Infinity,
  });
}

/** The communes of a province (nothing until a province is chosen). */
export function useCommunes(province: string) {
  return useQuery({
    queryKey: ['admin-units', province],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin-units', { params: { query: { province } }, signal })),
    enabled: /^\d{2}$/.test(province),
    staleTime: Infinity,
  });
}
