import { z } from 'zod';
import { requireRole } from '../http/auth.js';
import type { App } from '../http/server.js';
import type { PlatformDeps } from '../module.js';
import { listSmsOutbox } from './index.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const linkify = (s: string) => esc(s).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');

/**
 * The development SMS outbox, under the rules of the mail outbox (issue 11 item 5): registered only
 * when DEV_SMS_OUTBOX=true, no SMS_URL is set and NODE_ENV is not production; readable only by a
 * logged-in system administrator (role `admin`): the messages hold one-time codes.
 */
export function devSmsRoutes(deps: PlatformDeps) {
  return (app: App) => {
    app.get(
      '/dev/sms.json',
      {
        schema: {
          tags: ['development'],
          summary: 'Development SMS outbox (DEV_SMS_OUTBOX=true, no SMS_URL; system administrators only)',
          response: {
            200: z.object({
              items: z.array(z.object({ id: z.string(), to: z.string(), text: z.string(), createdAt: z.date() })),
            }),
          },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return { items: await listSmsOutbox(deps.db, 100) };
      },
    );
    app.get('/dev/sms', { schema: { hide: true } }, async (req, reply) => {
      requireRole(req, 'admin');
      const rows = (await listSmsOutbox(deps.db, 100))
        .map(
          (m) =>
            `<article><p class="meta">Đến / To: ${esc(m.to)} · ${m.createdAt.toISOString()}</p><pre>${linkify(m.text)}</pre></article>`,
        )
        .join('\n');
      reply.type('text/html; charset=utf-8');
      return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Hộp tin nhắn phát triển</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
article{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}pre{white-space:pre-wrap}.meta{color:#555}</style></head>
<body><h1>Hộp tin nhắn phát triển (development SMS outbox)</h1><p>Tin nhắn được lưu ở đây vì chưa cấu hình SMS_URL. / SMS land here because SMS_URL is not set.</p>
${rows || '<p>Chưa có tin nhắn nào. / No SMS yet.</p>'}</body></html>`;
    });
  };
}
