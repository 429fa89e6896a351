/** Only same-site paths: `?next=//evil.example` must not become an open redirect (then `fallback`). */
export function safeNext(next: string | null, fallback = '/account'): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}
