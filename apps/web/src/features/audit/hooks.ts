import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { apiFetch, type Page } from '../api';

export interface AuditEvent {
  id: string;
  /** Null for an event not yet chained (a moment after it committed). */
  seq: number | null;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  agencyCode: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
  hash: string | null;
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  agencyCode?: string;
  from?: string;
  to?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId?: string;
  firstBrokenSeq?: number;
  reason?: string;
}

export function useAuditEvents(f: AuditFilter) {
  return useQuery({
    queryKey: ['audit', 'events', f],
    queryFn: ({ signal }) => apiFetch<Page<AuditEvent>>('/api/audit/events', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => apiFetch<VerifyResult>('/api/audit/verify') });
}
