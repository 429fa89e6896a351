import './i18n';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotent, unwrap } from '../api';
import { sendWithRetries } from '../api/idempotency';
import type { FeedbackAction, FeedbackBox, PetitionQuery, PublicFeedbackQuery, SubmitFeedbackBody } from './types';

export function useFeedback(code: string | undefined, token?: string) {
  return useQuery({
    queryKey: ['feedback', 'one', code, token ?? ''],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/feedback/{code}', { params: { path: { code: code ?? '' }, query: { token } }, signal })),
    enabled: !!code,
  });
}

export function useFeedbackBox(box: FeedbackBox | 'mine', page: number, pageSize: number) {
  return useQuery({
    queryKey: ['feedback', 'list', box, page],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/feedback', {
          params: { query: box === 'mine' ? { mine: 'true', page, pageSize } : { box, page, pageSize } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useContentTypes() {
  return useQuery({
    queryKey: ['feedback', 'types'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/feedback/content-types', { signal })),
    staleTime: 3600_000,
  });
}

/** A one-time code to an e-mail, or by SMS to a Vietnamese mobile number. */
export function useContactCode() {
  return useMutation({
    mutationFn: (to: { email: string } | { phone: string }) =>
      unwrap(api.POST('/api/feedback/contact-codes', { body: to })),
  });
}

export function useSubmitFeedback() {
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: SubmitFeedbackBody; idempotencyKey: string }) =>
      sendWithRetries(() => unwrap(api.POST('/api/feedback', { body, ...idempotent(idempotencyKey) }))),
  });
}

export function useFeedbackAction(code: string, token?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FeedbackAction) =>
      unwrap(api.POST('/api/feedback/{code}/actions', { params: { path: { code } }, body })),
    onSuccess: (f) => {
      qc.setQueryData(['feedback', 'one', code, token ?? ''], f);
      return qc.invalidateQueries({ queryKey: ['feedback', 'list'] });
    },
  });
}

/** The filer's full phone number (each read is recorded in the audit log on the server). */
export function useRevealContactPhone(code: string) {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/feedback/{code}/contact-phone', { params: { path: { code } }, body: {} })),
  });
}

export function usePublicFeedback(q: PublicFeedbackQuery) {
  return useQuery({
    queryKey: ['feedback', 'public', q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/feedback', { params: { query: q }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useFeedbackStats(q: { agency?: string; from: string; to: string }) {
  return useQuery({
    queryKey: ['feedback', 'stats', q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/stats/feedback', { params: { query: q }, signal })),
  });
}

export function usePetitions(q: PetitionQuery) {
  return useQuery({
    queryKey: ['petitions', 'list', q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/petitions', { params: { query: q }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function usePetition(id: string | undefined) {
  return useQuery({
    queryKey: ['petitions', 'one', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/petitions/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: !!id,
  });
}

export function useOpenPetition() {
  return useMutation({
    mutationFn: ({
      body,
      idempotencyKey,
    }: {
      body: { title: string; text: string; agencyCode: string };
      idempotencyKey: string;
    }) => sendWithRetries(() => unwrap(api.POST('/api/petitions', { body, ...idempotent(idempotencyKey) }))),
  });
}

export function useSupport(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (support: boolean) =>
      support
        ? unwrap(api.POST('/api/petitions/{id}/supports', { params: { path: { id } } }))
        : unwrap(api.DELETE('/api/petitions/{id}/supports/mine', { params: { path: { id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: ['petitions'] }),
  });
}

export function useAnswerPetition(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      unwrap(api.POST('/api/petitions/{id}/answer', { params: { path: { id } }, body: { text } })),
    onSuccess: (p) => qc.setQueryData(['petitions', 'one', id], p),
  });
}
