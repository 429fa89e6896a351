import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, type Page } from '../api';
import type {
  Certificate,
  CertificateAuthority,
  CertificateFilter,
  IssueBody,
  RevocationReason,
  TrustAnchor,
} from './types';

const pkiKey = ['pki'] as const;

export function useCertificates(f: CertificateFilter, enabled = true) {
  return useQuery({
    queryKey: [...pkiKey, 'certificates', f],
    queryFn: ({ signal }) => apiFetch<Page<Certificate>>('/api/pki/certificates', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCas() {
  return useQuery({
    queryKey: [...pkiKey, 'cas'],
    queryFn: ({ signal }) => apiFetch<{ items: CertificateAuthority[] }>('/api/pki/cas', { signal }),
  });
}

export function useTrustAnchors() {
  return useQuery({
    queryKey: [...pkiKey, 'trust-anchors'],
    queryFn: ({ signal }) => apiFetch<{ items: TrustAnchor[] }>('/api/pki/trust-anchors', { signal }),
  });
}

/** Issue a certificate; the key makes a double click or a retry return the first certificate. */
export function useIssueCertificate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: IssueBody; idempotencyKey: string }) =>
      apiFetch<Certificate>('/api/pki/certificates', { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: pkiKey }),
  });
}

export function useRevokeCertificate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: RevocationReason }) =>
      apiFetch<Certificate>(`/api/pki/certificates/${encodeURIComponent(id)}/revoke`, {
        method: 'POST',
        body: { reason },
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: pkiKey }),
  });
}

export function useImportTrustAnchor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { certificate: string; category: 'government' | 'public' }) =>
      apiFetch<TrustAnchor>('/api/pki/trust-anchors', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...pkiKey, 'trust-anchors'] }),
  });
}

export function useRemoveTrustAnchor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<{ ok: true }>(`/api/pki/trust-anchors/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => qc.invalidateQueries({ queryKey: [...pkiKey, 'trust-anchors'] }),
  });
}
