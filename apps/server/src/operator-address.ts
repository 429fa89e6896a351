/** The URL the CLI reaches the server at from this machine: loopback on the server's port. */
export function loopbackUrl(host: string, port: number): string | null {
  if (['0.0.0.0', '127.0.0.1', 'localhost'].includes(host)) return `http://127.0.0.1:${port}`;
  if (['::', '::1'].includes(host)) return `http://[::1]:${port}`;
  return null;
}
