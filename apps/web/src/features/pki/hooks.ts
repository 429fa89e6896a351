import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotent, unwrap } from '../api';
import { certificateState } from './components';
import type { CertificateFilter, ImportAnchorBody, IssueBody, RevokeBody } from './types';

const pkiKey = ['pki'] as const;

export function useCertificates(f: CertificateFilter, enabled = true) {
  return useQuery({
    queryKey: [...pkiKey, 'certificates', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/pki/certificates', { params: { query: f }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * The person certificates a user can sign with remotely (his own, key held by the platform, valid now):
 * what the signing forms offer (documents, bulk signing, reports, written opinions). The server picks the
 * single one itself; with several the user chooses.
 */
export function useMySigningCertificates(userId: string | undefined, enabled = true) {
  const certs = useCertificates(
    { owner: userId, profile: 'person', status: 'active', pageSize: 100 },
    enabled && !!userId,
  );
  const usable = (certs.data?.items ?? []).filter(
    (c) => c.ownerUserId === userId && c.keyHeld && certificateState(c) === 'active',
  );
  return { certs, usable };
}

export function useCas() {
  return useQuery({
    queryKey: [...pkiKey, 'cas'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/pki/cas', { signal })),
  });
}

export function useTrustAnchors() {
  return useQuery({
    queryKey: [...pkiKey, 'trust-anchors'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/pki/trust-anchors', { signal })),
  });
}

/** Issue a certificate; the key makes a double click or a retry return the first certificate. */
export function useIssueCertificate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: IssueBody; idempotencyKey: string }) =>
      unwrap(api.POST('/api/pki/certificates', { body, ...idempotent(idempotencyKey) })),
    onSuccess: () => qc.invalidateQueries({ queryKey: pkiKey }),
  });
}

export function useRevokeCertificate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: RevokeBody & { id: string }) =>
      unwrap(api.POST('/api/pki/certificates/{id}/revoke', { params: { path: { id } }, body })),
    onSettled: () => qc.invalidateQueries({ queryKey: pkiKey }),
  });
}

export function useImportTrustAnchor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportAnchorBody) => unwrap(api.POST('/api/pki/trust-anchors', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...pkiKey, 'trust-anchors'] }),
  });
}

export function useRemoveTrustAnchor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/pki/trust-anchors/{id}', { params: { path: { id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: [...pkiKey, 'trust-anchors'] }),
  });
}
