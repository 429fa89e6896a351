import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api';
import type { ApiQuery } from '../api/types';
import type { ProcedureContent } from './types';

export type ProcedureFilter = ApiQuery<'/api/procedures'>;

const key = ['procedures'] as const;

export function useProcedures(f: ProcedureFilter) {
  return useQuery({
    queryKey: [...key, 'list', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/procedures', { params: { query: f }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useProcedureFields() {
  return useQuery({
    queryKey: [...key, 'fields'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/procedures/fields', { signal })),
    staleTime: 5 * 60_000,
  });
}

/** A published procedure (latest version, or the version a dossier was filed under). */
export function useProcedure(code: string | undefined, version?: number) {
  return useQuery({
    queryKey: [...key, 'detail', code, version ?? null],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/procedures/{code}', { params: { path: { code: code ?? '' }, query: { version } }, signal })),
    enabled: !!code,
    staleTime: 5 * 60_000,
  });
}

/** Agency admins: the draft (or the published version when there is no draft). */
export function useProcedureDraft(code: string | undefined) {
  return useQuery({
    queryKey: [...key, 'draft', code],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/procedures/{code}/draft', { params: { path: { code: code ?? '' } }, signal })),
    enabled: !!code,
    staleTime: 0,
  });
}

export function useProcedureVersions(code: string | undefined) {
  return useQuery({
    queryKey: [...key, 'versions', code],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/procedures/{code}/versions', { params: { path: { code: code ?? '' } }, signal })),
    enabled: !!code,
  });
}

export function useCreateProcedure() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProcedureContent & { code: string }) => unwrap(api.POST('/api/procedures', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useSaveProcedureDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, content }: { code: string; content: ProcedureContent }) =>
      unwrap(api.PUT('/api/procedures/{code}/draft', { params: { path: { code } }, body: content })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function usePublishProcedure() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/procedures/{code}/publish', { params: { path: { code } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}
