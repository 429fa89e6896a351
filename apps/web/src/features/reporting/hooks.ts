import './i18n';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotent, unwrap, type ApiBody, type ApiQuery } from '../api';

export type ObligationQuery = ApiQuery<'/api/report-obligations'>;
export type RegimeBody = ApiBody<'/api/report-regimes', 'post'>;
export type FillBody = ApiBody<'/api/report-obligations/{id}', 'put'>;
export type ActionBody = ApiBody<'/api/report-obligations/{id}/actions', 'post'>;
export type SignBody = ApiBody<'/api/report-obligations/{id}/signature', 'post'>;

export function useRegimes() {
  return useQuery({
    queryKey: ['reporting', 'regimes'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/report-regimes', { signal })),
  });
}

export function useCreateRegime() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RegimeBody) => unwrap(api.POST('/api/report-regimes', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reporting'] }),
  });
}

export function useOpenPeriod() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { code: string; period: string }) =>
      unwrap(
        api.POST('/api/report-regimes/{code}/periods', {
          params: { path: { code: v.code } },
          body: { period: v.period },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reporting'] }),
  });
}

export function useObligations(q: ObligationQuery) {
  return useQuery({
    queryKey: ['reporting', 'obligations', q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/report-obligations', { params: { query: q }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useObligation(id: string | undefined) {
  return useQuery({
    queryKey: ['reporting', 'obligation', id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/report-obligations/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: !!id,
  });
}

export function useFill(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FillBody) => unwrap(api.PUT('/api/report-obligations/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reporting'] }),
  });
}

export function useAct(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionBody) =>
      unwrap(
        api.POST('/api/report-obligations/{id}/actions', {
          params: { path: { id } },
          body,
          ...idempotent(`report-${id}-${body.action}-${crypto.randomUUID()}`),
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reporting'] }),
  });
}

/** The leader signs the report as it stands (his person certificate, confirmed by his TOTP code). */
export function useSignReport(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SignBody) =>
      unwrap(api.POST('/api/report-obligations/{id}/signature', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reporting'] }),
  });
}

/** Upload a filled workbook (its own export); errors come back named by cell. */
export function useImportXlsx(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(
        api.PUT('/api/report-obligations/{id}/xlsx', {
          params: { path: { id } },
          body: file as never,
          bodySerializer: (b: unknown) => b as File,
          headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reporting'] }),
  });
}

export function useAggregate(q: { regime: string; period: string; scope?: string } | null) {
  return useQuery({
    queryKey: ['reporting', 'aggregate', q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/reports/aggregate', { params: { query: q! }, signal })),
    enabled: !!q?.regime && !!q.period,
  });
}

export function useIndicators(q: { scope?: string; from: string; to: string }) {
  return useQuery({
    queryKey: ['reporting', 'indicators', q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/indicators', { params: { query: q }, signal })),
    placeholderData: keepPreviousData,
    // Live while open: the server refreshes the facts every 15 s (a cached answer until then costs
    // it one tiny read), so a new submission shows within about half a minute.
    refetchInterval: 15_000,
  });
}

export function useRanking(q: { agency?: string; period: string }) {
  return useQuery({
    queryKey: ['reporting', '766', q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/indicators/766', { params: { query: q }, signal })),
  });
}

export function usePublicScores(period: string) {
  return useQuery({
    queryKey: ['reporting', 'public', period],
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/scores', { params: { query: { period } }, signal })),
  });
}

export type ReceivedActionBody = ApiBody<'/api/received-reports/{id}/actions', 'post'>;

/** Reports sent to the caller's agency from other deployments of the federation. */
export function useReceivedReports(q: ApiQuery<'/api/received-reports'>) {
  return useQuery({
    queryKey: ['reporting', 'received', q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/received-reports', { params: { query: q }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useReceivedReport(id: string | undefined) {
  return useQuery({
    queryKey: ['reporting', 'received-one', id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/received-reports/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: !!id,
  });
}

/** Accept or return a received report; the decision goes back to the reporting agency's deployment. */
export function useDecideReceived(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReceivedActionBody) =>
      unwrap(
        api.POST('/api/received-reports/{id}/actions', {
          params: { path: { id } },
          body,
          ...idempotent(`received-${id}-${body.action}-${crypto.randomUUID()}`),
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reporting'] }),
  });
}
