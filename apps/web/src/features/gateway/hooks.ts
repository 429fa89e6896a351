import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotent, unwrap } from '../api';
import type { MessageFilter, RevokeReason, ServiceInput, SubsystemInput } from './types';

const key = ['gateway'] as const;

export function useGatewayServices(q?: string) {
  return useQuery({
    queryKey: [...key, 'services', q ?? ''],
    queryFn: ({ signal }) => unwrap(api.GET('/api/gateway/services', { params: { query: { q } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useGatewaySubsystems() {
  return useQuery({
    queryKey: [...key, 'subsystems'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/gateway/subsystems', { signal })),
  });
}

export function useRegisterSubsystem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SubsystemInput) => unwrap(api.POST('/api/gateway/subsystems', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'subsystems'] }),
  });
}

/** A provider publishes a service version (a second click while pending is disabled; a repeat is 409). */
export function usePublishService() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ServiceInput) => unwrap(api.POST('/api/gateway/services', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'services'] }),
  });
}

export function useServiceRights(serviceId: string | null) {
  return useQuery({
    queryKey: [...key, 'rights', serviceId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/gateway/services/{id}/rights', { params: { path: { id: serviceId! } }, signal })),
    enabled: serviceId !== null,
    retry: false,
  });
}

export function useGrantRight(serviceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (client: string) =>
      unwrap(api.POST('/api/gateway/services/{id}/rights', { params: { path: { id: serviceId } }, body: { client } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'rights', serviceId] }),
  });
}

export function useRevokeRight(serviceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/gateway/rights/{id}', { params: { path: { id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: [...key, 'rights', serviceId] }),
  });
}

/** The TLS client certificates of a subsystem (its member's administrators). */
export function useSubsystemCertificates(subsystemId: string) {
  return useQuery({
    queryKey: [...key, 'certificates', subsystemId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/gateway/subsystems/{id}/certificates', { params: { path: { id: subsystemId } }, signal })),
    retry: false,
  });
}

/**
 * The platform CA issues a TLS client certificate for the subsystem: from the system's CSR, or with a
 * key made on the server and answered once. The key makes a double click or a retry answer the same
 * certificate (without the key, which the server never kept).
 */
export function useIssueSubsystemCertificate(subsystemId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ csr, idempotencyKey }: { csr?: string; idempotencyKey: string }) =>
      unwrap(
        api.POST('/api/gateway/subsystems/{id}/certificates', {
          params: { path: { id: subsystemId } },
          body: csr ? { csr } : {},
          ...idempotent(idempotencyKey),
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'certificates', subsystemId] }),
  });
}

/** Revoke a subsystem's certificate through the PKI (its agency's administrators), with an RFC 5280 reason. */
export function useRevokeSubsystemCertificate(subsystemId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: RevokeReason }) =>
      unwrap(api.POST('/api/pki/certificates/{id}/revoke', { params: { path: { id } }, body: { reason } })),
    onSettled: () => qc.invalidateQueries({ queryKey: [...key, 'certificates', subsystemId] }),
  });
}

/** Save text as a file (a PEM the browser already holds: no request). */
export function saveText(text: string, fileName: string, type = 'application/x-pem-file') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function useGatewayMessages(f: MessageFilter) {
  return useQuery({
    queryKey: [...key, 'messages', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/gateway/messages', { params: { query: f }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}

/** The evidence of one exchange as a JSON file for the auditor. */
export async function downloadEvidence(messageId: string) {
  const ev = await unwrap(api.GET('/api/gateway/evidence/{messageId}', { params: { path: { messageId } } }));
  const url = URL.createObjectURL(new Blob([JSON.stringify(ev, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `bang-chung-${messageId}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
