import './i18n';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, idempotent, unwrap } from '../api';
import type {
  CreateMeetingBody,
  ItemBody,
  ItemPatch,
  MeetingAction,
  MeetingStatus,
  OpinionAnswerBody,
  OpinionDecisionBody,
  PaperBody,
  Position,
  VoteBody,
} from './types';

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

/** Close a round (who sent it): the majority of those asked decides; the tally then shows the result. */
export function useCloseOpinion(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/opinion-requests/{id}/close', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['opinions'] }),
  });
}

/** Draft a closed round's result as a document (TB or QĐ) in the documents module; → its document id. */
export function useDraftOpinionDecision(id: string) {
  return useMutation({
    mutationFn: (body: OpinionDecisionBody) =>
      unwrap(api.POST('/api/opinion-requests/{id}/decision', { params: { path: { id } }, body })),
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

/** People of my agency (or of the body above it whose meeting I prepare), found by name. */
export function usePeople(q: string, agency: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['meetings', 'people', agency ?? '', q],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/meetings/people', { params: { query: { q: q || undefined, agency } }, signal })),
    enabled: enabled && q.trim().length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** A new meeting (draft); one Idempotency-Key per filled form, so a double click makes one meeting. */
export function useCreateMeeting() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: CreateMeetingBody; key: string }) =>
      unwrap(api.POST('/api/meetings', { body: v.body, ...idempotent(v.key) })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['meetings'] }),
  });
}

export function useAddItem(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: ItemBody; key: string }) =>
      unwrap(api.POST('/api/meetings/{id}/items', { params: { path: { id } }, body: v.body, ...idempotent(v.key) })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(id) }),
  });
}

export function useAddPaper(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { itemId: string; body: PaperBody; key: string }) =>
      unwrap(
        api.POST('/api/meetings/{id}/items/{itemId}/papers', {
          params: { path: { id, itemId: v.itemId } },
          body: v.body,
          ...idempotent(v.key),
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(id) }),
  });
}

/** Edit an item (only the fields given); after convening members see it marked as changed. */
export function useEditItem(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { itemId: string; body: ItemPatch }) =>
      unwrap(
        api.PATCH('/api/meetings/{id}/items/{itemId}', { params: { path: { id, itemId: v.itemId } }, body: v.body }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(id) }),
  });
}

/** Take an item off the agenda: deleted in a draft, marked withdrawn after convening. */
export function useRemoveItem(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (itemId: string) =>
      unwrap(api.DELETE('/api/meetings/{id}/items/{itemId}', { params: { path: { id, itemId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(id) }),
  });
}

/** Withdraw a paper version, or the whole paper: members keep what they received; it leaves the list. */
export function useWithdrawPaper(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { paperId: string; whole: boolean }) =>
      unwrap(
        api.POST('/api/meetings/{id}/papers/{paperId}/withdraw', {
          params: { path: { id, paperId: v.paperId } },
          body: { whole: v.whole },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(id) }),
  });
}

export function useReorderItems(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (itemIds: string[]) =>
      unwrap(api.PUT('/api/meetings/{id}/items/order', { params: { path: { id } }, body: { itemIds } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(id) }),
  });
}

/** Tasks assigned to my agency in meeting conclusions. */
export function useMyTasks(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['meetings', 'tasks', page],
    queryFn: ({ signal }) => unwrap(api.GET('/api/meetings/tasks', { params: { query: { page, pageSize } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** One task of my agency (the task e-mail's link). */
export function useAgencyTask(taskId: string) {
  return useQuery({
    queryKey: ['meetings', 'tasks', 'one', taskId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/meetings/tasks/{taskId}', { params: { path: { taskId } }, signal })),
    enabled: !!taskId,
  });
}

export function useReportTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { meetingId: string; taskId: string; report: string }) =>
      unwrap(
        api.POST('/api/meetings/{id}/tasks/{taskId}/report', {
          params: { path: { id: v.meetingId, taskId: v.taskId } },
          body: { report: v.report },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['meetings'] }),
  });
}

/** Documents of my agency (outgoing: drafts and issued) I may read, found by subject, to be papers. */
export function useDocumentChoices(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['meetings', 'document-choices', q],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/documents', { params: { query: { box: 'outgoing', q: q || undefined, pageSize: 10 } }, signal }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Agencies found by name (accent-insensitive), for the owner of a task. */
export function useAgencyChoices(q: string) {
  return useQuery({
    queryKey: ['meetings', 'agency-choices', q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/agencies', { params: { query: { q, pageSize: 10 } }, signal })),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
