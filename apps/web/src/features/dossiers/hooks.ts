import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotent, unwrap } from '../api';
import type { ApiQuery } from '../api/types';
import { sendWithRetries } from '../api/idempotency';
import type { ActionBody, DraftBody, ExtendBody, SubmitBody, SubmitResult } from './types';

const key = ['dossiers'] as const;
const draftsKey = ['dossier-drafts'] as const;

export type DossierFilter = ApiQuery<'/api/dossiers'>;

export function useDossiers(f: DossierFilter, { refetchInterval }: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: [...key, 'list', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/dossiers', { params: { query: f }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
}

export function useDossier(code: string | undefined) {
  return useQuery({
    queryKey: [...key, 'detail', code],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/dossiers/{code}', { params: { path: { code: code ?? '' } }, signal })),
    enabled: !!code,
  });
}

/** Public tracking: the code with the last 4 digits of the ID number, or the receipt QR link's token. */
export function usePublicDossier(code: string | undefined, proof: { idDigits?: string; token?: string }) {
  return useQuery({
    queryKey: [...key, 'public', code, proof.idDigits, proof.token],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/public/dossiers/{code}', {
          params: { path: { code: code ?? '' }, query: { idDigits: proof.idDigits, token: proof.token } },
          signal,
        }),
      ),
    enabled: !!code && !!(proof.idDigits || proof.token),
    retry: false,
  });
}

/** Submit with the attempt's Idempotency-Key (repeated while the first request is running or its answer lost). */
export function submitDossier(body: SubmitBody, idempotencyKey: string, tries = 6): Promise<SubmitResult> {
  return sendWithRetries(() => unwrap(api.POST('/api/dossiers', { body, ...idempotent(idempotencyKey) })), tries);
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
    // With a key (an action form's), a double click or a retry after a lost answer takes the step once.
    mutationFn: ({ idempotencyKey, ...body }: ActionBody & { idempotencyKey?: string }) =>
      unwrap(
        api.POST('/api/dossiers/{code}/actions', {
          params: { path: { code } },
          body,
          ...(idempotencyKey ? idempotent(idempotencyKey) : {}),
        }),
      ),
    onSuccess: (d) => {
      qc.setQueryData([...key, 'detail', code], d);
      return qc.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

export function useExtendDossier(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ExtendBody) =>
      unwrap(api.POST('/api/dossiers/{code}/extend', { params: { path: { code } }, body })),
    onSuccess: (d) => {
      qc.setQueryData([...key, 'detail', code], d);
      return qc.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

export function useDrafts() {
  return useQuery({
    queryKey: draftsKey,
    queryFn: ({ signal }) => unwrap(api.GET('/api/dossier-drafts', { signal })),
  });
}

export function useDraft(id: string | undefined) {
  return useQuery({
    queryKey: [...draftsKey, id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/dossier-drafts/{id}', { params: { path: { id: id ?? '' } }, signal })),
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
        ? unwrap(api.PUT('/api/dossier-drafts/{id}', { params: { path: { id } }, body }))
        : unwrap(api.POST('/api/dossier-drafts', { body })),
    onSuccess: (d) => {
      qc.setQueryData([...draftsKey, d.id], d);
      return qc.invalidateQueries({ queryKey: draftsKey, exact: true });
    },
  });
}

export function useDeleteDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/dossier-drafts/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: draftsKey }),
  });
}

export function useDossierStats(f: ApiQuery<'/api/stats/dossiers'> | null) {
  return useQuery({
    queryKey: [...key, 'stats', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/stats/dossiers', { params: { query: f! }, signal })),
    enabled: !!f,
  });
}

/** Claim a dossier filed at the desk for my ID number with the code on its receipt. */
export function useClaimDossier() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { code: string; claimCode: string }) =>
      unwrap(
        api.POST('/api/dossiers/{code}/claim', {
          params: { path: { code: b.code } },
          body: { claimCode: b.claimCode },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

/**
 * For a desk officer: the agencies of the province that handle the procedure, the desk's own first, then
 * those it receives for regardless of administrative boundaries (Decree 118/2025 Art 14(2)).
 */
export function useCompetentAgencies(procedureCode: string | undefined) {
  return useQuery({
    queryKey: [...key, 'competent-agencies', procedureCode],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/dossiers/competent-agencies', {
          params: { query: { procedureCode: procedureCode ?? '' } },
          signal,
        }),
      ),
    enabled: !!procedureCode,
    staleTime: 60_000,
  });
}
