import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiQuery, idempotent, isApiError, unwrap } from '../api';
import type { ActionBody, BulkSignBody, CreateDocumentBody, PaperDocumentBody } from './types';

const key = ['documents'] as const;

export function useDocuments(f: ApiQuery<'/api/documents'>) {
  return useQuery({
    queryKey: [...key, 'list', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/documents', { params: { query: f }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useDocument(id: string | undefined) {
  return useQuery({
    queryKey: [...key, 'detail', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/documents/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: !!id,
  });
}

export function useDocumentTypes() {
  return useQuery({
    queryKey: ['document-types'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/document-types', { signal })),
    staleTime: Infinity,
  });
}

export function useAssignees(unit: string | undefined) {
  return useQuery({
    queryKey: ['document-assignees', unit],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/documents/assignees', { params: { query: { unit: unit ?? '' } }, signal })),
    enabled: !!unit,
  });
}

export function useCreateDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateDocumentBody; idempotencyKey: string }) =>
      unwrap(api.POST('/api/documents', { body, ...idempotent(idempotencyKey) })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'list'] }),
  });
}

export function useReceivePaper() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PaperDocumentBody) => unwrap(api.POST('/api/documents/incoming', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'list'] }),
  });
}

export function useDocumentAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionBody) =>
      unwrap(api.POST('/api/documents/{id}/actions', { params: { path: { id } }, body })),
    onSuccess: (d) => {
      qc.setQueryData([...key, 'detail', id], d);
      void qc.invalidateQueries({ queryKey: [...key, 'replies', id] });
      return qc.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

/** For a document that arrived through the exchange: the statuses sent back to its sender, or held until the agency has a seal (ADR 0013). */
export function useStatusReplies(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'replies', id],
    queryFn: async ({ signal }) => {
      try {
        return (await unwrap(api.GET('/api/exchange/packages', { params: { query: { document: id } }, signal }))).items;
      } catch (e) {
        // Nothing sent back yet.
        if (isApiError(e) && e.status === 404) return [];
        throw e;
      }
    },
    enabled,
    refetchInterval: 30_000,
  });
}

export function useRegister(book: 'outgoing' | 'incoming', year: number) {
  return useQuery({
    queryKey: ['registers', book, year],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/registers/{book}', { params: { path: { book }, query: { year } }, signal })),
  });
}

/** Ký số hàng loạt: one confirmation for the list, a result per document; the key makes a retry replay the answer. */
export function useBulkSign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: BulkSignBody; idempotencyKey: string }) =>
      unwrap(api.POST('/api/documents/bulk-sign', { body, ...idempotent(idempotencyKey) })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}
