import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { buildPlatform } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config/index.js';
import { systemActor } from '../apps/server/src/platform/http/auth.js';
import type { Principal } from '../apps/server/src/platform/http/auth.js';
import { FeedbackContext } from '../apps/server/src/modules/feedback/feedback.context.js';
import { supportPetition } from '../apps/server/src/modules/feedback/use-cases/petitions.js';
import { feedbackRepository } from '../apps/server/src/modules/feedback/feedback.repository.js';
import { recordAudits } from '../apps/server/src/modules/audit/index.js';
import {
  accountOf,
  findAccount,
  makePersonalId,
  markIdentityVerified,
  registerAccount,
} from '../apps/server/src/modules/identity/index.js';
import { seedReferenceData } from '../apps/server/src/seed.js';
import { measure, measureHttp, type Result } from './harness.js';

/** The machine's 1-minute load average, to print beside each figure (2 cores shared with others). */
const load = () => loadavg()[0]!.toFixed(1);
/** Run a measurement and name it with the load average before and after. */
async function withLoad(run: () => Promise<Result>, cpu?: () => Promise<number | null>): Promise<Result> {
  const before = load();
  const pg0 = await cpu?.();
  const r = await run();
  const pg1 = await cpu?.();
  // CPU per request, which the machine's load does not change much (the latency it does): the
  // server's main thread, and PostgreSQL's backends of the bench's database when on this machine.
  const parts = [
    r.cpuMs === undefined ? null : `server ${r.cpuMs.toFixed(2)} ms`,
    pg0 == null || pg1 == null ? null : `PostgreSQL ${((pg1 - pg0) / Math.max(1, r.requests)).toFixed(2)} ms`,
  ].filter(Boolean);
  const cpuNote = parts.length ? `; CPU per request: ${parts.join(', ')}` : '';
  return { ...r, name: `${r.name} [load ${before}→${load()}${cpuNote}]` };
}

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
 * Petition supports to one petition, each from a different verified citizen (accounts and sessions
 * bulk-loaded: argon2 for thousands of logins would take the whole run): first through the use case
 * in process by concurrent callers (the database's capacity: identity lookup, batch, commit; no HTTP,
 * no session), then over HTTP (session lookup, routing, JSON, the event loop), checking after each
 * that the count shown equals the support rows; then the public search of published feedback over
 * a bulk-loaded table (1M published items on PostgreSQL by default).
 */
export async function run(kind: 'pglite' | 'postgres', databaseUrl?: string): Promise<Result[]> {
  const SUPPORTS = Number(process.env.BENCH_SUPPORTS ?? (kind === 'postgres' ? 20_000 : 4_000));
  const DIRECT = Number(process.env.BENCH_SUPPORTS_DIRECT ?? SUPPORTS);
  const BULK = Number(process.env.BENCH_FEEDBACK_BULK ?? (kind === 'postgres' ? 1_000_000 : 30_000));
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
    PETITION_THRESHOLD: String(SUPPORTS + DIRECT + 100_000),
  });
  const p = await buildPlatform(config);
  const db = p.deps.db;
  /** CPU time (ms) of the PostgreSQL backends serving the bench's database, read from /proc; null elsewhere. */
  const pgCpu = async (): Promise<number | null> => {
    if (kind !== 'postgres') return null;
    const r = (await db.execute(
      sql`select pid from pg_stat_activity where datname = current_database()`,
    )) as unknown as { rows: { pid: number }[] };
    let ticks = 0;
    for (const { pid } of r.rows) {
      try {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks += Number(f[11]) + Number(f[12]);
      } catch {
        return null;
      }
    }
    return ticks * 10;
  };
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
        `insert into identity.users (${list}) select ${select} from identity.users u, generate_series(1, ${SUPPORTS + DIRECT}) g where u.username = '${idNumber}'`,
      ),
    );
    await db.execute(
      sql.raw(`insert into identity.sessions (id, user_id, token_hash, acr, amr, expires_at)
        select 'ses_bench' || g, 'usr_bench' || g, encode(sha256(convert_to('egs_bench-' || g, 'UTF8')), 'hex'), 1, '{pwd}', now() + interval '1 day'
        from generate_series(1, ${SUPPORTS}) g`),
    );
    const author = 'egs_bench-1';
    const openPetition = async (title: string) => {
      const opened = await fetch(`${base}/api/petitions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${author}`,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({ title, text: 'Đo số lượt ủng hộ mỗi giây.', agencyCode: 'H26' }),
      });
      if (opened.status !== 201) throw new Error(`open petition: ${opened.status} ${await opened.text()}`);
      return ((await opened.json()) as { id: string }).id;
    };
    /** The count shown against the rows and the supports answered as added; throws on a mismatch. */
    const checkCount = async (id: string, answered: number, r: Result): Promise<Result> => {
      const check = (
        (await db.execute(
          sql`select (select support_count from feedback.petitions where id = ${id}) as shown, (select count(*)::int from feedback.supports where petition_id = ${id}) as rows`,
        )) as unknown as { rows: { shown: number; rows: number }[] }
      ).rows[0]!;
      const exact = Number(check.shown) === Number(check.rows) && Number(check.rows) === answered;
      console.log(
        `  count shown ${check.shown}, support rows ${check.rows}, answered ${answered}: ${exact ? 'exact' : 'MISMATCH'}`,
      );
      if (!exact) throw new Error('petition support count is not exact');
      return { ...r, name: `${r.name} (count exact: ${check.rows})` };
    };
    const results: Result[] = [];
    // BENCH_FEEDBACK_PARTS (db, direct, http, search; default all) for development runs of some rows.
    const parts = (process.env.BENCH_FEEDBACK_PARTS ?? 'db,direct,http,search').split(',');

    // The database alone: the write of a support (rows, count, audit events, commit) with no identity
    // lookup and no HTTP, as one transaction per support (the design before batches: every one waits
    // for the previous commit on the petition's row lock) and in batches of 64 from 4 writers.
    // All opened first: an HTTP connection left idle through the in-process rows may be closed by the
    // server's keep-alive timeout by the time the next fetch reuses it.
    const pets = {
      single: await openPetition('Kiến nghị đo ghi (1 mỗi giao dịch)'),
      batched: await openPetition('Kiến nghị đo ghi (64 mỗi giao dịch)'),
      direct: await openPetition('Kiến nghị đo hiệu năng (trong tiến trình)'),
      http: await openPetition('Kiến nghị đo hiệu năng'),
    };
    if (parts.some((x) => x !== 'search')) {
      const writes = async (pet: string, batch: number, writers: number, total: number) => {
        let k = 0;
        let written = 0;
        const r = await withLoad(() =>
          measure(
            `[${kind}] database only: ${batch === 1 ? 'one support per transaction' : `batches of ${batch}`}, ${writers} writers, one petition (supports/s = ×${batch})`,
            async () => {
              const people = Array.from({ length: batch }, () => {
                const key = `bench-key-${batch}-${++k}`;
                return { personKey: key, userId: `usr_${key}`, level: 'desk' };
              });
              await db.transaction(async (tx) => {
                const now = new Date();
                const w = await feedbackRepository.addSupports(tx, {
                  petitionId: pet,
                  people,
                  now,
                  responseDueAt: now,
                });
                if (w?.added.size !== batch) throw new Error('not added');
                await recordAudits(
                  tx,
                  people.map((x) => ({
                    actor: { actorId: x.userId, actorName: null, agencyCode: null, ip: null, userAgent: 'bench' },
                    input: { action: 'petition.supported', subjectType: 'petition', subjectId: pet },
                  })),
                  now,
                );
              });
              written += batch;
            },
            { seconds: 60, concurrency: writers, maxRequests: Math.ceil(total / batch) },
          ),
        );
        return checkCount(pet, written, { ...r, name: `${r.name}: ${Math.round(r.perSecond * batch)} supports/s` });
      };
      if (parts.includes('db')) {
        results.push(await writes(pets.single, 1, 32, 4_000));
        results.push(await writes(pets.batched, 64, 4, 40_000));
      }

      // The database's capacity: the use case called in process by 64 concurrent callers, each support
      // from another citizen (their accounts read by id, as the identity port does without a session).
      const direct = pets.direct;
      const ctx = new FeedbackContext(p.deps, {
        directory: p.directory,
        calendar: p.calendar,
        findProcedure: async () => null,
        findDossier: async () => null,
        accountOf: (pr) => accountOf(p.identity, pr),
        findAccount: (u) => findAccount(p.identity, u),
        staffOf: async () => [],
      });
      let next = SUPPORTS;
      const principal = (n: number): Principal => ({
        userId: `usr_bench${n}`,
        username: `08${String(n).padStart(10, '0')}`,
        fullName: `Công dân ${n}`,
        kind: 'citizen',
        roles: ['citizen'],
        agencyId: null,
        agencyCode: null,
        acr: 1,
        identityLevel: 'desk',
        sessionId: null,
        via: 'bearer',
      });
      const actor = { actorId: null, actorName: null, agencyCode: null, ip: '127.0.0.1', userAgent: 'bench' };
      let added = 0;
      const inProcess =
        parts.includes('direct') &&
        (await withLoad(() =>
          measure(
            `[${kind}] supportPetition in process (no HTTP), one petition, c=64`,
            async () => {
              const pr = principal(++next);
              const r = await supportPetition(ctx, { ...pr }, { ...actor, actorId: pr.userId }, direct);
              if (!r.created) throw new Error('not added');
              added++;
            },
            { seconds: 120, concurrency: 64, maxRequests: DIRECT },
          ),
        ));
      if (inProcess) results.push(await checkCount(direct, added, inProcess));

      const id = pets.http;
      const supports =
        parts.includes('http') &&
        (await withLoad(
          () =>
            measureHttp(`[${kind}] POST /api/petitions/{id}/supports, one petition, c=64`, {
              baseUrl: base,
              requests: Array.from({ length: SUPPORTS }, (_, i) => ({
                method: 'POST' as const,
                path: `/api/petitions/${id}/supports`,
                headers: { authorization: `Bearer egs_bench-${i + 1}` },
              })),
              seconds: 120,
              concurrency: 64,
              maxRequests: SUPPORTS,
            }),
          pgCpu,
        ));
      if (supports) results.push(await checkCount(id, supports.requests, supports));
    }
    if (!parts.includes('search')) return results;

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
          now() - interval '30 days', now(), now() - interval '10 days', now() - interval '12 days', now() - interval '11 days' - g * interval '1 second',
          t, t || ' ' || ${words}[1 + (g * 7) % 20] || ' ' || ${words}[1 + (g * 13) % 20] || case when g % 97 = 0 then ' ' || ${rare}[1 + g % 6] else '' end,
          'Cơ quan đã tiếp thu và trả lời.'
        from (select g, 'Phản ánh về ' || ${words}[1 + g % 20] || ' số ' || g as t from generate_series(${from}, ${to}) g) s`),
      );
    }
    // As autovacuum would leave it (visibility map, statistics) before the public reads it.
    await db.execute(sql.raw(kind === 'postgres' ? 'vacuum analyze feedback.items' : 'analyze feedback.items'));
    console.log(`  bulk-loaded ${BULK} published items in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const rarePhrases = ['so ho khau', 'trich luc', 'giay chung sinh', 'bien so', 'kinh doanh ruou', 'phong chay'];
    const search = (name: string, paths: string[]) =>
      withLoad(
        () =>
          measureHttp(`[${kind}] GET /api/public/feedback ${name} over ${BULK} published, c=8`, {
            baseUrl: base,
            requests: paths.map((path) => ({ method: 'GET' as const, path: `/api/public/feedback?${path}` })),
            seconds: 15,
            concurrency: 8,
          }),
        pgCpu,
      );
    const qs = (q: string, more = '') => `q=${encodeURIComponent(q)}&pageSize=20${more}`;
    results.push(
      await search(
        '?q= (rare phrase, ~0.17 %)',
        rarePhrases.map((q) => qs(q)),
      ),
    );
    results.push(
      await search(
        '?q= (common phrase, 10–15 %)',
        ['ho chieu', 'thu tuc', 'giay phep', 'le phi'].map((q) => qs(q)),
      ),
    );
    results.push(
      await search('?agency=&type= (no phrase)', [
        'agency=H26.S01&type=unsuited&pageSize=20',
        'agency=H41&pageSize=20&page=3',
      ]),
    );
    results.push(
      await search(
        '?agency=&q= (rare phrase in one agency)',
        rarePhrases.map((q, i) => qs(q, `&agency=${['H26', 'H26.S01', 'H26.S02', 'H41'][i % 4]}`)),
      ),
    );
    // Keyset pages: the cursor of page 1 (and of page 5), then the page after it.
    const cursors: string[] = [];
    for (const start of ['agency=H41&pageSize=20', qs('ho chieu')]) {
      let page = (await (await fetch(`${base}/api/public/feedback?${start}`)).json()) as { next: string | null };
      for (let i = 0; i < 4 && page.next; i++) {
        cursors.push(`${start}&after=${encodeURIComponent(page.next)}`);
        page = (await (await fetch(`${base}/api/public/feedback?${cursors.at(-1)}`)).json()) as { next: string | null };
      }
    }
    results.push(await search('?after= (next pages by cursor)', cursors));
    return results;
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
