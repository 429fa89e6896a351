import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, isApiError, type Page } from '../api';
import { isRetryable } from './idempotency';
import type {
  ActionBody,
  Dossier,
  DossierDraft,
  DossierListItem,
  DossierStats,
  DraftBody,
  PublicDossier,
  SubmitBody,
  SubmitResult,
} from './types';

const key = ['dossiers'] as const;
const draftsKey = ['dossier-drafts'] as const;
const enc = encodeURIComponent;

export interface DossierFilter {
  mine?: boolean;
  box?: string;
  status?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export function useDossiers(f: DossierFilter, { refetchInterval }: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: [...key, 'list', f],
    queryFn: ({ signal }) => apiFetch<Page<DossierListItem>>('/api/dossiers', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
}

export function useDossier(code: string | undefined) {
  return useQuery({
    queryKey: [...key, 'detail', code],
    queryFn: ({ signal }) => apiFetch<Dossier>(`/api/dossiers/${enc(code ?? '')}`, { signal }),
    enabled: !!code,
  });
}

/** Public tracking: the code with the last 4 digits of the ID number, or the receipt QR link's token. */
export function usePublicDossier(code: string | undefined, proof: { idDigits?: string; token?: string }) {
  return useQuery({
    queryKey: [...key, 'public', code, proof.idDigits, proof.token],
    queryFn: ({ signal }) =>
      apiFetch<PublicDossier>(`/api/public/dossiers/${enc(code ?? '')}`, {
        signal,
        query: { idDigits: proof.idDigits, token: proof.token },
      }),
    enabled: !!code && !!(proof.idDigits || proof.token),
    retry: false,
  });
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Submit with the attempt's Idempotency-Key. While the first request with that key is still running
 * (a double click) or the answer was lost, ask again with the same key: the server replays the first
 * answer, so there is never a second dossier.
 */
export async function submitDossier(body: SubmitBody, idempotencyKey: string, tries = 6): Promise<SubmitResult> {
  for (let i = 0; ; i++) {
    try {
      return await apiFetch<SubmitResult>('/api/dossiers', { method: 'POST', body, idempotencyKey });
    } catch (e) {
      if (i + 1 >= tries || !isApiError(e) || !isRetryable(e.status, e.code)) throw e;
      await wait(300 * 2 ** i);
    }
  }
}

export function useSubmitDossier() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: SubmitBody; idempotencyKey: string }) =>
      submitDossier(body, idempotencyKey),
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: draftsKey })]),
  });
}

export function useDossierAction(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionBody) => apiFetch<Dossier>(`/api/dossiers/${enc(code)}/actions`, { method: 'POST', body }),
    onSuccess: (d) => {
      qc.setQueryData([...key, 'detail', code], d);
      return qc.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

export function useExtendDossier(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { newDueAt: string; reason: string }) =>
      apiFetch<Dossier>(`/api/dossiers/${enc(code)}/extend`, { method: 'POST', body }),
    onSuccess: (d) => {
      qc.setQueryData([...key, 'detail', code], d);
      return qc.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

export function useDrafts() {
  return useQuery({
    queryKey: draftsKey,
    queryFn: ({ signal }) => apiFetch<{ items: DossierDraft[] }>('/api/dossier-drafts', { signal }),
  });
}

export function useDraft(id: string | undefined) {
  return useQuery({
    queryKey: [...draftsKey, id],
    queryFn: ({ signal }) => apiFetch<DossierDraft>(`/api/dossier-drafts/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
    staleTime: 0,
  });
}

/** Create the draft the first time, update it afterwards. */
export function useSaveDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: DraftBody }) =>
      id
        ? apiFetch<DossierDraft>(`/api/dossier-drafts/${enc(id)}`, { method: 'PUT', body })
        : apiFetch<DossierDraft>('/api/dossier-drafts', { method: 'POST', body }),
    onSuccess: (d) => {
      qc.setQueryData([...draftsKey, d.id], d);
      return qc.invalidateQueries({ queryKey: draftsKey, exact: true });
    },
  });
}

export function useDeleteDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ ok: true }>(`/api/dossier-drafts/${enc(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: draftsKey }),
  });
}

export function useDossierStats(f: { from: string; to: string; agency?: string; procedure?: string } | null) {
  return useQuery({
    queryKey: [...key, 'stats', f],
    queryFn: ({ signal }) => apiFetch<DossierStats>('/api/stats/dossiers', { query: { ...f }, signal }),
    enabled: !!f,
  });
}

/** Claim a dossier filed at the desk for my ID number with the code on its receipt. */
export function useClaimDossier() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { code: string; claimCode: string }) =>
      apiFetch<{ code: string; claimed: boolean }>(`/api/dossiers/${enc(b.code)}/claim`, {
        method: 'POST',
        body: { claimCode: b.claimCode },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}
