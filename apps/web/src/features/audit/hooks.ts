import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, type ApiQuery, type ApiResponse, type ItemOf, unwrap } from '../api';

export type AuditEvent = ItemOf<ApiResponse<'/api/audit/events'>>;
export type AuditFilter = ApiQuery<'/api/audit/events'>;
export type VerifyResult = ApiResponse<'/api/audit/verify'>;

export function useAuditEvents(f: AuditFilter) {
  return useQuery({
    queryKey: ['audit', 'events', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/audit/events', { params: { query: f }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => unwrap(api.GET('/api/audit/verify')) });
}
