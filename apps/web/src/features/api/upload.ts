import { CSRF_COOKIE, readCookie } from './client';
import { ApiError, toProblem } from './problem';

export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  mediaType: string;
  sha256: string;
}

/** Types the server accepts (it sniffs the content; this only spares a pointless upload). */
export const ACCEPTED_FILE_TYPES = '.pdf,.png,.jpg,.jpeg,.tif,.tiff,.webp,.docx,.xlsx,.odt,.xml,.p7s';
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * `POST /api/files` (multipart field `file`) with upload progress: fetch cannot report it, so this is
 * the one request not made by apiFetch. Same CSRF header, same problem+json errors.
 */
export function uploadFile(
  file: File,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
  /** Another upload endpoint of the same shape (an anonymous feedback filing's, with its token header). */
  target?: { url: string; headers?: Record<string, string> },
): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', target?.url ?? '/api/files');
    for (const [k, v] of Object.entries(target?.headers ?? {})) xhr.setRequestHeader(k, v);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    const lang = document.documentElement.lang;
    if (lang) xhr.setRequestHeader('accept-language', lang);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown = xhr.responseText;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: keep the text
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadedFile);
      else reject(new ApiError(toProblem(xhr.status, body, xhr.statusText)));
    };
    xhr.onerror = () => reject(new ApiError(toProblem(0, null)));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Name and type of a file the caller uploaded earlier (HEAD of the download), or null. */
export async function fileInfo(id: string): Promise<{ name: string; mediaType: string } | null> {
  try {
    const res = await fetch(`/api/files/${encodeURIComponent(id)}`, { method: 'HEAD', credentials: 'same-origin' });
    if (!res.ok) return null;
    const cd = res.headers.get('content-disposition') ?? '';
    const m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    return { name: m ? decodeURIComponent(m[1]!) : id, mediaType: res.headers.get('content-type') ?? '' };
  } catch {
    return null;
  }
}

/** `1,2 MB` / `340 KB` */
export function formatBytes(n: number, lang = 'vi'): string {
  const fmt = (x: number) => x.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  if (n >= 1024 * 1024) return `${fmt(n / 1024 / 1024)} MB`;
  if (n >= 1024) return `${fmt(n / 1024)} KB`;
  return `${n} B`;
}
