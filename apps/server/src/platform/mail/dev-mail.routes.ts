import { z } from 'zod';
import { requireRole } from '../http/auth.js';
import type { App } from '../http/server.js';
import type { PlatformDeps } from '../module.js';
import { listOutbox } from './index.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const linkify = (s: string) => esc(s).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');

/**
 * The development outbox, registered only when DEV_MAIL_OUTBOX=true, no SMTP_URL is set and NODE_ENV
 * is not production; readable only by a logged-in system administrator (role `admin`): the mails hold
 * password reset links (issue 11 item 5).
 */
export function devMailRoutes(deps: PlatformDeps) {
  return (app: App) => {
    app.get(
      '/dev/mail.json',
      {
        schema: {
          tags: ['development'],
          summary: 'Development outbox (DEV_MAIL_OUTBOX=true, no SMTP configured; system administrators only)',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  to: z.string(),
                  subject: z.string(),
                  text: z.string(),
                  createdAt: z.date(),
                }),
              ),
            }),
          },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return { items: await listOutbox(deps.db, 100) };
      },
    );
    app.get('/dev/mail', { schema: { hide: true } }, async (req, reply) => {
      requireRole(req, 'admin');
      const items = await listOutbox(deps.db, 100);
      const rows = items
        .map(
          (m) =>
            `<article><h2>${esc(m.subject)}</h2><p class="meta">Đến / To: ${esc(m.to)} · ${m.createdAt.toISOString()}</p><pre>${linkify(m.text)}</pre></article>`,
        )
        .join('\n');
      reply.type('text/html; charset=utf-8');
      return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Hộp thư phát triển</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
article{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}pre{white-space:pre-wrap}.meta{color:#555}</style></head>
<body><h1>Hộp thư phát triển (development outbox)</h1><p>Thư được lưu ở đây vì chưa cấu hình SMTP_URL. / Mail lands here because SMTP_URL is not set.</p>
${rows || '<p>Chưa có thư nào. / No mail yet.</p>'}</body></html>`;
    });
  };
}
