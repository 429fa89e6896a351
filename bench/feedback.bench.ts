import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { buildPlatform } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config/index.js';
import { systemActor } from '../apps/server/src/platform/http/auth.js';
import { makePersonalId, markIdentityVerified, registerAccount } from '../apps/server/src/modules/identity/index.js';
import { seedReferenceData } from '../apps/server/src/seed.js';
import { measureHttp, type Result } from './harness.js';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise((ok) => srv.close(ok));
  return port;
}

const WORDS = [
  'thủ tục',
  'hộ tịch',
  'khai sinh',
  'đất đai',
  'xây dựng',
  'giấy phép',
  'một cửa',
  'chậm trễ',
  'phiền hà',
  'lệ phí',
  'bản sao',
  'chứng thực',
  'cư trú',
  'doanh nghiệp',
  'thuế',
  'bảo hiểm',
  'lái xe',
  'hộ chiếu',
  'môi trường',
  'giáo dục',
];
const RARE = ['sổ hộ khẩu', 'trích lục', 'giấy chứng sinh', 'biển số', 'kinh doanh rượu', 'phòng cháy'];

/**
 * Petition supports to one petition over HTTP, each from a different verified citizen (accounts and
 * sessions bulk-loaded: argon2 for thousands of logins would take the whole run), checking at the end
 * that the count equals the support rows; then the public search of published feedback over a
 * bulk-loaded table.
 */
export async function run(kind: 'pglite' | 'postgres', databaseUrl?: string): Promise<Result[]> {
  const SUPPORTS = Number(process.env.BENCH_SUPPORTS ?? (kind === 'postgres' ? 20_000 : 4_000));
  const BULK = Number(process.env.BENCH_FEEDBACK_BULK ?? (kind === 'postgres' ? 200_000 : 30_000));
  const dir = mkdtempSync(join(tmpdir(), 'egov-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_ENABLED: 'false',
    SERVE_WEB: 'false',
    WORKERS: 'false',
    PUBLIC_URL: base,
    APP_SECRET: 'bench-secret-0123456789-abcdefghijklmnop',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '20',
    PETITION_THRESHOLD: String(SUPPORTS + 1),
  });
  const p = await buildPlatform(config);
  const db = p.deps.db;
  try {
    await seedReferenceData(p);
    await p.app.listen({ port, host: '127.0.0.1' });
    // One real registered and desk-verified citizen, then SUPPORTS copies of it with their own ID
    // numbers and a session each (token `egs_bench-<n>`, stored as its SHA-256 like any session).
    const idNumber = makePersonalId('001', '1990-01-01', 'male', 990001);
    await registerAccount(p.identity, systemActor, {
      idNumber,
      fullName: 'Công dân mẫu',
      dateOfBirth: '1990-01-01',
      gender: 'male',
      email: 'mau@bench.vn',
      phone: '0912345678',
      password: 'Bench@12345',
    });
    await markIdentityVerified(p.identity, systemActor, idNumber);
    const cols = (
      (await db.execute(
        sql`select column_name from information_schema.columns where table_schema = 'identity' and table_name = 'users' order by ordinal_position`,
      )) as unknown as { rows: { column_name: string }[] }
    ).rows.map((r) => r.column_name);
    const expr: Record<string, string> = {
      id: `'usr_bench' || g`,
      username: `'08' || lpad(g::text, 10, '0')`,
      id_number: `'08' || lpad(g::text, 10, '0')`,
      email: `'b' || g || '@bench.vn'`,
      full_name: `'Công dân ' || g`,
    };
    const list = cols.map((c) => `"${c}"`).join(', ');
    const select = cols.map((c) => expr[c] ?? `u."${c}"`).join(', ');
    await db.execute(
      sql.raw(
        `insert into identity.users (${list}) select ${select} from identity.users u, generate_series(1, ${SUPPORTS}) g where u.username = '${idNumber}'`,
      ),
    );
    await db.execute(
      sql.raw(`insert into identity.sessions (id, user_id, token_hash, acr, amr, expires_at)
        select 'ses_bench' || g, 'usr_bench' || g, encode(sha256(convert_to('egs_bench-' || g, 'UTF8')), 'hex'), 1, '{pwd}', now() + interval '1 day'
        from generate_series(1, ${SUPPORTS}) g`),
    );
    const author = 'egs_bench-1';
    const opened = await fetch(`${base}/api/petitions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${author}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ title: 'Kiến nghị đo hiệu năng', text: 'Đo số lượt ủng hộ mỗi giây.', agencyCode: 'H26' }),
    });
    if (opened.status !== 201) throw new Error(`open petition: ${opened.status} ${await opened.text()}`);
    const { id } = (await opened.json()) as { id: string };

    const results: Result[] = [];
    const supports = await measureHttp(`[${kind}] POST /api/petitions/{id}/supports, one petition, c=32`, {
      baseUrl: base,
      requests: Array.from({ length: SUPPORTS }, (_, i) => ({
        method: 'POST' as const,
        path: `/api/petitions/${id}/supports`,
        headers: { authorization: `Bearer egs_bench-${i + 1}` },
      })),
      seconds: 120,
      concurrency: 32,
      maxRequests: SUPPORTS,
    });
    const check = (
      (await db.execute(
        sql`select (select support_count from feedback.petitions where id = ${id}) as shown, (select count(*)::int from feedback.supports where petition_id = ${id}) as rows`,
      )) as unknown as { rows: { shown: number; rows: number }[] }
    ).rows[0]!;
    const exact = Number(check.shown) === Number(check.rows) && Number(check.rows) === supports.requests;
    console.log(
      `  count shown ${check.shown}, support rows ${check.rows}, answered ${supports.requests}: ${exact ? 'exact' : 'MISMATCH'}`,
    );
    if (!exact) throw new Error('petition support count is not exact');
    results.push({ ...supports, name: `${supports.name} (count exact: ${check.rows})` });

    // Published feedback, bulk-loaded with texts drawn from a vocabulary (one rare phrase in ~1 %).
    const words = `(array[${WORDS.map((w) => `'${w}'`).join(',')}])`;
    const rare = `(array[${RARE.map((w) => `'${w}'`).join(',')}])`;
    const t0 = Date.now();
    for (let from = 1; from <= BULK; from += 50_000) {
      const to = Math.min(BULK, from + 49_999);
      await db.execute(
        sql.raw(`insert into feedback.items (id, code, content_type, subject_kind, procedure_code, agency_code, title, body, allow_publish, status,
          group_id, created_at, updated_at, due_at, approved_at, published_at, public_title, public_body, public_answer)
        select 'fbk_bench' || g, 'PA26-' || lpad(upper(to_hex(g)), 8, '0'), (array['official_conduct','unsuited','other'])[1 + g % 3], 'agency', null,
          (array['H26','H26.S01','H26.S02','H41'])[1 + g % 4], t, t, true, 'published', 'fbk_bench' || g,
          now() - interval '30 days', now(), now() - interval '10 days', now() - interval '12 days', now() - interval '11 days',
          t, t || ' ' || ${words}[1 + (g * 7) % 20] || ' ' || ${words}[1 + (g * 13) % 20] || case when g % 97 = 0 then ' ' || ${rare}[1 + g % 6] else '' end,
          'Cơ quan đã tiếp thu và trả lời.'
        from (select g, 'Phản ánh về ' || ${words}[1 + g % 20] || ' số ' || g as t from generate_series(${from}, ${to}) g) s`),
      );
    }
    await db.execute(sql.raw('analyze feedback.items'));
    console.log(`  bulk-loaded ${BULK} published items in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const queries = ['so ho khau', 'trich luc', 'giay chung sinh', 'bien so', 'kinh doanh ruou', 'phong chay'];
    results.push(
      await measureHttp(`[${kind}] GET /api/public/feedback?q= (rare phrase) over ${BULK} published, c=8`, {
        baseUrl: base,
        requests: queries.map((q) => ({
          method: 'GET' as const,
          path: `/api/public/feedback?q=${encodeURIComponent(q)}&pageSize=20`,
        })),
        seconds: 15,
        concurrency: 8,
      }),
    );
    results.push(
      await measureHttp(`[${kind}] GET /api/public/feedback?agency=&type= over ${BULK} published, c=8`, {
        baseUrl: base,
        requests: [
          { method: 'GET' as const, path: '/api/public/feedback?agency=H26.S01&type=unsuited&pageSize=20' },
          { method: 'GET' as const, path: '/api/public/feedback?agency=H41&pageSize=20&page=3' },
        ],
        seconds: 15,
        concurrency: 8,
      }),
    );
    return results;
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
