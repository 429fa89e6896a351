import type { App } from './server.js';
import type { PlatformDeps } from '../module.js';

/** RFC 9116 asks for an Expires "less than a year" ahead; the file is made per request, so it never goes stale. */
const EXPIRES_DAYS = 180;

/**
 * `/.well-known/security.txt` (RFC 9116): where a finder reports a vulnerability of this deployment. The
 * contacts are the operator's (SECURITY_CONTACT, comma-separated `mailto:`/`https:` URIs), not the project's:
 * a national deployment answers for its own systems. Without SECURITY_CONTACT there is nothing true to say, so
 * the file is absent (404) and production start-up warns (docs/security.md).
 */
export function securityTxtRoutes(deps: PlatformDeps) {
  const { config, clock } = deps;
  const contacts = (config.SECURITY_CONTACT ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return (app: App) => {
    if (contacts.length === 0) return;
    app.get('/.well-known/security.txt', { schema: { hide: true } }, async (_req, reply) => {
      const expires = new Date(clock.now().getTime() + EXPIRES_DAYS * 86_400_000);
      expires.setUTCHours(0, 0, 0, 0);
      const lines = [
        ...contacts.map((c) => `Contact: ${c}`),
        `Expires: ${expires.toISOString().replace('.000Z', 'Z')}`,
        ...(config.SECURITY_POLICY_URL ? [`Policy: ${config.SECURITY_POLICY_URL}`] : []),
        'Preferred-Languages: vi, en',
        `Canonical: ${config.publicUrl}/.well-known/security.txt`,
      ];
      return reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(`${lines.join('\n')}\n`);
    });
  };
}
