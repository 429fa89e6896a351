import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, isApiError, type Page } from '../api';
import type {
  ActionBody,
  Box,
  DocumentDetail,
  DocumentListItem,
  DocumentTypeRef,
  RegisterView,
  StatusReply,
} from './types';

const key = ['documents'] as const;
const enc = encodeURIComponent;

export function useDocuments(f: { box: Box; q?: string; status?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...key, 'list', f],
    queryFn: ({ signal }) => apiFetch<Page<DocumentListItem>>('/api/documents', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useDocument(id: string | undefined) {
  return useQuery({
    queryKey: [...key, 'detail', id],
    queryFn: ({ signal }) => apiFetch<DocumentDetail>(`/api/documents/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

export function useDocumentTypes() {
  return useQuery({
    queryKey: ['document-types'],
    queryFn: ({ signal }) => apiFetch<{ items: DocumentTypeRef[] }>('/api/document-types', { signal }),
    staleTime: Infinity,
  });
}

export function useAssignees(unit: string | undefined) {
  return useQuery({
    queryKey: ['document-assignees', unit],
    queryFn: ({ signal }) =>
      apiFetch<{ items: { id: string; fullName: string; agencyCode: string | null; roles: string[] }[] }>(
        '/api/documents/assignees',
        { query: { unit }, signal },
      ),
    enabled: !!unit,
  });
}

export function useCreateDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: Record<string, unknown>; idempotencyKey: string }) =>
      apiFetch<{ id: string }>('/api/documents', { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'list'] }),
  });
}

export function useReceivePaper() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiFetch<{ id: string }>('/api/documents/incoming', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'list'] }),
  });
}

export function useDocumentAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionBody) =>
      apiFetch<DocumentDetail>(`/api/documents/${enc(id)}/actions`, { method: 'POST', body }),
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
        return (await apiFetch<{ items: StatusReply[] }>('/api/exchange/packages', { query: { document: id }, signal }))
          .items;
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
    queryFn: ({ signal }) => apiFetch<RegisterView>(`/api/registers/${book}`, { query: { year }, signal }),
  });
}
