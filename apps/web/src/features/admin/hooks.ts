import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiBody, type ApiQuery, type ApiResponse, type ItemOf, unwrap } from '../api';

export type AdminUser = ItemOf<ApiResponse<'/api/admin/users'>>;
export type UserFilter = ApiQuery<'/api/admin/users'>;
export type CreateUserBody = ApiBody<'/api/admin/users', 'post'>;
export type UpdateUserBody = ApiBody<'/api/admin/users/{id}', 'patch'>;

const usersKey = ['admin', 'users'] as const;

export function useAdminUsers(f: UserFilter) {
  return useQuery({
    queryKey: [...usersKey, f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/users', { params: { query: f }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => unwrap(api.POST('/api/admin/users', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUserBody & { id: string }) =>
      unwrap(api.PATCH('/api/admin/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
}

export type OidcClient = ItemOf<ApiResponse<'/api/admin/oidc-clients'>>;
export type CreateOidcClientBody = ApiBody<'/api/admin/oidc-clients', 'post'>;
export type GrantType = CreateOidcClientBody['grantTypes'][number];
export const GRANT_TYPES: readonly GrantType[] = ['authorization_code', 'client_credentials', 'refresh_token'];

const oidcKey = ['admin', 'oidc-clients'] as const;

export function useOidcClients() {
  return useQuery({
    queryKey: oidcKey,
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/oidc-clients', { signal })),
  });
}

export function useCreateOidcClient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOidcClientBody) => unwrap(api.POST('/api/admin/oidc-clients', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: oidcKey }),
  });
}

export function useDeleteOidcClient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (clientId: string) =>
      unwrap(api.DELETE('/api/admin/oidc-clients/{clientId}', { params: { path: { clientId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: oidcKey }),
  });
}

export type JobList = ApiResponse<'/api/admin/jobs'>;
export type Job = ItemOf<JobList>;
export type JobStatus = keyof JobList['counts'];
export const JOB_STATUSES = ['pending', 'running', 'done', 'dead'] as const satisfies readonly JobStatus[];

const jobsKey = ['admin', 'jobs'] as const;

export function useJobs(f: ApiQuery<'/api/admin/jobs'>) {
  return useQuery({
    queryKey: [...jobsKey, f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/jobs', { params: { query: f }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}

export function useRetryJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/admin/jobs/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: jobsKey }),
  });
}
