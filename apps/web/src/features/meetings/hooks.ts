import './i18n';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, unwrap } from '../api';
import type { MeetingAction, MeetingStatus, OpinionAnswerBody, Position, VoteBody } from './types';

const key = (id: string) => ['meetings', 'one', id];

export function useMeetings(status: MeetingStatus | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['meetings', 'list', status ?? '', page],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/meetings', { params: { query: { status, page, pageSize } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: string | undefined) {
  return useQuery({
    queryKey: key(id ?? ''),
    queryFn: ({ signal }) => unwrap(api.GET('/api/meetings/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: !!id,
  });
}

/** Follow the meeting's changes (server-sent events): each one refetches the page's data, no polling. */
export function useMeetingLive(id: string | undefined) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!id || typeof EventSource === 'undefined') return;
    const es = new EventSource(`/api/meetings/${encodeURIComponent(id)}/events`, { withCredentials: true });
    const refresh = () => void qc.invalidateQueries({ queryKey: key(id) });
    es.addEventListener('change', refresh);
    return () => es.close();
  }, [id, qc]);
}

export function useMeetingAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingAction) =>
      unwrap(api.POST('/api/meetings/{id}/actions', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['meetings'] }),
  });
}

export function usePosition(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { itemId: string; position: Position; note?: string }) =>
      unwrap(
        api.PUT('/api/meetings/{id}/items/{itemId}/position', {
          params: { path: { id, itemId: v.itemId } },
          body: { position: v.position, note: v.note || undefined },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(id) }),
  });
}

export function useVote(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { itemId: string; body: VoteBody }) =>
      unwrap(
        api.POST('/api/meetings/{id}/items/{itemId}/votes', {
          params: { path: { id, itemId: v.itemId } },
          body: v.body,
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(id) }),
  });
}

export function useDraftMinutes(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (kind: 'conclusions' | 'minutes') =>
      unwrap(api.POST('/api/meetings/{id}/minutes', { params: { path: { id } }, body: { kind } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(id) }),
  });
}

export function useMeetingStats(enabled: boolean) {
  return useQuery({
    queryKey: ['meetings', 'stats'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/meetings/stats', { params: { query: {} }, signal })),
    enabled,
  });
}

export function useOpinionRequests() {
  return useQuery({
    queryKey: ['opinions', 'list'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/opinion-requests', { signal })),
  });
}

export function useOpinionTally(id: string | undefined) {
  return useQuery({
    queryKey: ['opinions', 'one', id ?? ''],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/opinion-requests/{id}/tally', { params: { path: { id: id ?? '' } }, signal })),
    enabled: !!id,
  });
}

export function useAnswerOpinion(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: OpinionAnswerBody) =>
      unwrap(api.POST('/api/opinion-requests/{id}/answers', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['opinions'] }),
  });
}

/** Proposed agenda items for my agency's meetings (a petition past its threshold …): organisers only. */
export function useProposals(enabled: boolean) {
  return useQuery({
    queryKey: ['meetings', 'proposals'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/meetings/proposals', { params: { query: { status: 'proposed', pageSize: 50 } }, signal })),
    enabled,
  });
}

export function useProposalDecision() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: { id: string } & ({ meetingId: string } | { reason: string })) =>
      'meetingId' in d
        ? unwrap(
            api.POST('/api/meetings/proposals/{id}/add', {
              params: { path: { id: d.id } },
              body: { meetingId: d.meetingId },
            }),
          )
        : unwrap(
            api.POST('/api/meetings/proposals/{id}/decline', {
              params: { path: { id: d.id } },
              body: { reason: d.reason },
            }),
          ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['meetings'] }),
  });
}
