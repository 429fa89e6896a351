import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotent, unwrap } from '../api';
import { passkeyConfirmation } from '../identity';
import './errors';
import type { SignBody } from './types';

/**
 * Sign one's own uploaded file; the key makes a double click return the first signed file. With
 * `withPasskey`, the holder first confirms this signature with a passkey (an assertion for
 * `signature:<certificateId>`), sent in place of the TOTP code.
 */
export function useSignFile() {
  return useMutation({
    mutationFn: async ({
      body,
      idempotencyKey,
      withPasskey,
    }: {
      body: SignBody;
      idempotencyKey: string;
      withPasskey?: boolean;
    }) => {
      const passkey =
        withPasskey && body.certificateId ? await passkeyConfirmation(`signature:${body.certificateId}`) : undefined;
      return unwrap(
        api.POST('/api/signatures/sign', {
          body: passkey ? { ...body, otp: undefined, passkey } : body,
          ...idempotent(idempotencyKey),
        }),
      );
    },
  });
}

export function useValidateFile() {
  return useMutation({
    mutationFn: (body: { fileId: string; detachedContentFileId?: string }) =>
      unwrap(api.POST('/api/signatures/validate', { body })),
  });
}

/** The readable report (GET, same-origin cookie). */
export function reportUrl(fileId: string, format: 'html' | 'pdf', detachedContentFileId?: string): string {
  const q = new URLSearchParams({ fileId, format, ...(detachedContentFileId ? { detachedContentFileId } : {}) });
  return `/api/signatures/report?${q.toString()}`;
}

/** File bytes as base64 (a PKCS#12 travels in the JSON body of one request). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** My signature image (chữ ký mẫu): its size and date, or null when none is set. */
export function useSignatureImage() {
  return useQuery({
    queryKey: ['signatures', 'image'],
    queryFn: async ({ signal }) => {
      const r = await api.GET('/api/me/signature-image', { params: { query: { format: 'json' } }, signal });
      if (r.response.status === 404) return null;
      return unwrap(Promise.resolve(r)) as unknown as {
        sha256: string;
        width: number;
        height: number;
        updatedAt: string;
      };
    },
  });
}

/** Set (replace) my signature image: the PNG file as the body. */
export function useSetSignatureImage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(
        api.PUT('/api/me/signature-image', {
          body: file as never,
          bodySerializer: (b: unknown) => b as File,
          headers: { 'content-type': 'image/png' },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['signatures', 'image'] }),
  });
}

/** Remove my signature image (my signatures show my name again). */
export function useRemoveSignatureImage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/me/signature-image', {})),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['signatures', 'image'] }),
  });
}
