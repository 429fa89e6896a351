import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, type Page } from '../api';

export interface AdminUser {
  id: string;
  username: string;
  fullName: string;
  kind: 'citizen' | 'business' | 'staff';
  roles: string[];
  agencyCode: string | null;
  email: string | null;
  status: 'active' | 'disabled' | string;
  totpEnabled: boolean;
  createdAt: string;
}

export interface UserFilter {
  q?: string;
  role?: string;
  agencyCode?: string;
  kind?: string;
  page?: number;
  pageSize?: number;
}

export interface CreateUserBody {
  username: string;
  password: string;
  fullName: string;
  email?: string;
  roles: string[];
  agencyCode: string | null;
}

const usersKey = ['admin', 'users'] as const;

export function useAdminUsers(f: UserFilter) {
  return useQuery({
    queryKey: [...usersKey, f],
    queryFn: ({ signal }) => apiFetch<Page<AdminUser>>('/api/admin/users', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => apiFetch<AdminUser>('/api/admin/users', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      roles?: string[];
      agencyCode?: string | null;
      status?: 'active' | 'disabled';
    }) => apiFetch<AdminUser>(`/api/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
}

export type GrantType = 'authorization_code' | 'client_credentials' | 'refresh_token';
export const GRANT_TYPES: readonly GrantType[] = ['authorization_code', 'client_credentials', 'refresh_token'];

export interface OidcClient {
  clientId: string;
  name: string;
  redirectUris: string[];
  grantTypes: string[];
  scopes: string[] | string;
  createdAt: string;
}

const oidcKey = ['admin', 'oidc-clients'] as const;

export function useOidcClients() {
  return useQuery({
    queryKey: oidcKey,
    queryFn: ({ signal }) => apiFetch<{ items: OidcClient[] }>('/api/admin/oidc-clients', { signal }),
  });
}

export function useCreateOidcClient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; redirectUris: string[]; grantTypes: GrantType[]; public?: boolean }) =>
      apiFetch<{ clientId: string; clientSecret?: string }>('/api/admin/oidc-clients', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: oidcKey }),
  });
}

export function useDeleteOidcClient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (clientId: string) =>
      apiFetch<unknown>(`/api/admin/oidc-clients/${encodeURIComponent(clientId)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: oidcKey }),
  });
}

export const JOB_STATUSES = ['pending', 'running', 'done', 'dead'] as const;

export interface Job {
  id: string;
  name: string;
  status: (typeof JOB_STATUSES)[number] | string;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const jobsKey = ['admin', 'jobs'] as const;

export function useJobs(f: { status?: string; name?: string; page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: [...jobsKey, f],
    queryFn: ({ signal }) =>
      apiFetch<Page<Job> & { counts: Record<(typeof JOB_STATUSES)[number], number> }>('/api/admin/jobs', {
        query: { ...f },
        signal,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}

export function useRetryJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<unknown>(`/api/admin/jobs/${encodeURIComponent(id)}/retry`, { method: 'POST', body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: jobsKey }),
  });
}
