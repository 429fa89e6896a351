import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { buildPlatform } from '../apps/server/src/app.js';
import { systemActor } from '../apps/server/src/platform/http/auth.js';
import { TestClock } from '../apps/server/src/platform/time/clock.js';
import { createStaffUser, totp } from '../apps/server/src/modules/identity/index.js';
import { seedReferenceData } from '../apps/server/src/seed.js';
import { benchConfig, measure, measureHttp, type Result } from './harness.js';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise((ok) => srv.close(ok));
  return port;
}

/** A PDF of about `mb` megabytes (one page, a random attachment), as a paper of a session. */
async function bigPdf(mb: number) {
  const doc = await PDFDocument.create();
  doc.addPage();
  const bytes = new Uint8Array(mb * 1024 * 1024);
  for (let i = 0; i < bytes.length; i += 65_536) crypto.getRandomValues(bytes.subarray(i, i + 65_536));
  await doc.attach(bytes, 'phu-luc.bin', { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save());
}

/**
 * e-Cabinet (issue 15): MEMBERS members (accounts and sessions bulk-loaded from one created account)
 * open the papers of one convened session at once: the meeting with its paper list, and a 5 MB PDF
 * download; then ANSWERS written-opinion answers, each a CAdES signature with the member's own
 * certificate confirmed by his own TOTP code (the test clock moves one 30-second step per round, as
 * codes are never replayed), over HTTP.
 */
export async function run(kind: 'pglite' | 'postgres', databaseUrl?: string): Promise<Result[]> {
  const MEMBERS = Number(process.env.BENCH_MEETING_MEMBERS ?? 200);
  const ANSWERS = Number(process.env.BENCH_OPINION_ANSWERS ?? 1000);
  const dir = mkdtempSync(join(tmpdir(), 'egov-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const clock = new TestClock();
  const p = await buildPlatform(benchConfig(dir, databaseUrl, { PUBLIC_URL: base, DATABASE_POOL_SIZE: '20' }), {
    clock,
  });
  const db = p.deps.db;
  const results: Result[] = [];
  try {
    await seedReferenceData(p);
    await p.signatures.init(systemActor);
    await p.app.listen({ port, host: '127.0.0.1' });
    const staff = async (username: string, roles: ('leader' | 'specialist')[]) => {
      await createStaffUser(p.identity, systemActor, null, {
        username,
        password: 'Bench@12345',
        fullName: username,
        email: `${username}@bench.vn`,
        roles,
        agencyCode: 'H26',
      });
      const r = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'Bench@12345' }),
      });
      return ((await r.json()) as { accessToken: string }).accessToken;
    };
    const secretary = await staff('bench.thuky', ['specialist']);
    await staff('bench.member', ['leader']);
    // MEMBERS copies of the member account, a session each (token `egs_mbench-<n>`, stored hashed).
    const cols = (
      (await db.execute(
        sql`select column_name from information_schema.columns where table_schema = 'identity' and table_name = 'users' order by ordinal_position`,
      )) as unknown as { rows: { column_name: string }[] }
    ).rows.map((r) => r.column_name);
    const expr: Record<string, string> = {
      id: `'usr_mbench' || lpad(g::text, 20, '0')`,
      username: `'mbench.' || g`,
      email: `'mbench' || g || '@bench.vn'`,
      full_name: `'Thành viên ' || g`,
    };
    await db.execute(
      sql.raw(
        `insert into identity.users (${cols.map((c) => `"${c}"`).join(', ')}) select ${cols.map((c) => expr[c] ?? `u."${c}"`).join(', ')} from identity.users u, generate_series(1, ${MEMBERS}) g where u.username = 'bench.member'`,
      ),
    );
    await db.execute(
      sql.raw(`insert into identity.sessions (id, user_id, token_hash, acr, amr, expires_at)
        select 'ses_mbench' || g, 'usr_mbench' || lpad(g::text, 20, '0'), encode(sha256(convert_to('egs_mbench-' || g, 'UTF8')), 'hex'), 1, '{pwd}', now() + interval '1 day'
        from generate_series(1, ${MEMBERS}) g`),
    );
    const ids = Array.from({ length: MEMBERS }, (_, i) => `usr_mbench${String(i + 1).padStart(20, '0')}`);
    const token = (i: number) => `egs_mbench-${i + 1}`;
    const call = async (
      t: string,
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${t}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = (await r.json().catch(() => null)) as Record<string, unknown>;
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
      return json;
    };

    const form = new FormData();
    form.append('file', new Blob([await bigPdf(5)], { type: 'application/pdf' }), 'to-trinh-5mb.pdf');
    const up = await fetch(`${base}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretary}` },
      body: form,
    });
    const fileId = ((await up.json()) as { id: string }).id;
    const m = await call(
      secretary,
      'POST',
      '/api/meetings',
      {
        agencyCode: 'H26',
        title: 'Phiên họp đo hiệu năng',
        kind: 'regular',
        startsAt: new Date(clock.now().getTime() + 86_400_000).toISOString(),
        place: 'Phòng họp',
        chairId: ids[0],
        memberIds: ids.slice(1),
      },
      { 'idempotency-key': `bench-meeting-${kind}` },
    );
    const meetingId = String(m.id);
    for (const title of ['Tờ trình 1', 'Tờ trình 2', 'Tờ trình 3'])
      await call(secretary, 'POST', `/api/meetings/${meetingId}/items`, {
        title,
        fileIds: title.endsWith('1') ? [fileId] : [],
      });
    await call(secretary, 'POST', `/api/meetings/${meetingId}/actions`, { action: 'convene' });
    const view = await call(token(0), 'GET', `/api/meetings/${meetingId}`);
    const paperId = (view.items as { papers: { id: string }[] }[])[0]!.papers[0]!.id;

    results.push(
      await measureHttp(`[${kind}] GET /api/meetings/{id} (agenda, papers), ${MEMBERS} members, c=32`, {
        baseUrl: base,
        requests: ids.map((_, i) => ({
          method: 'GET' as const,
          path: `/api/meetings/${meetingId}`,
          headers: { authorization: `Bearer ${token(i)}` },
        })),
        seconds: 15,
        concurrency: 32,
      }),
    );
    results.push(
      await measureHttp(`[${kind}] GET a 5 MB paper, ${MEMBERS} members, c=32`, {
        baseUrl: base,
        requests: ids.map((_, i) => ({
          method: 'GET' as const,
          path: `/api/meetings/${meetingId}/papers/${paperId}`,
          headers: { authorization: `Bearer ${token(i)}` },
        })),
        seconds: 15,
        concurrency: 32,
        maxRequests: MEMBERS,
      }),
    );

    // Written opinions: every member turns on an authenticator (his session becomes level 2) and gets a certificate.
    const secrets: string[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const { secret } = (await call(token(i), 'POST', '/api/auth/mfa/totp/enroll')) as { secret: string };
      // The current step: a code of the previous one is refused when a step boundary passes before it
      // reaches the server (seen on the loaded machine). The answers come a step or more later (no replay).
      await call(token(i), 'POST', '/api/auth/mfa/totp/confirm', { otp: totp(secret, clock.now()) });
      secrets.push(secret);
    }
    const t0 = Date.now();
    await p.signatures.seedDemoCertificates(systemActor, {
      usernames: ids.map((_, i) => `mbench.${i + 1}`),
      agencyCodes: [],
    });
    console.log(`  ${MEMBERS} person certificates issued in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const certs = (
      (await db.execute(
        sql`select id, owner_user_id as user_id from signatures.certificates where owner_user_id like 'usr_mbench%'`,
      )) as unknown as { rows: { id: string; user_id: string }[] }
    ).rows;
    const certOf = new Map(certs.map((c) => [c.user_id, c.id]));
    const rounds = Math.ceil(ANSWERS / MEMBERS);
    const all: Result[] = [];
    for (let r = 0; r < rounds; r++) {
      const req = await call(
        secretary,
        'POST',
        '/api/opinion-requests',
        {
          agencyCode: 'H26',
          question: `Câu hỏi ${r + 1}`,
          deadline: new Date(clock.now().getTime() + 86_400_000).toISOString(),
          memberIds: ids,
        },
        { 'idempotency-key': `bench-opinion-${kind}-${r}` },
      );
      clock.advance(30_000);
      let n = 0;
      const count = Math.min(MEMBERS, ANSWERS - r * MEMBERS);
      all.push(
        await measure(
          `round ${r + 1}`,
          async () => {
            const i = n++;
            await call(token(i), 'POST', `/api/opinion-requests/${String(req.id)}/answers`, {
              answer: 'agree',
              certificateId: certOf.get(ids[i]!),
              otp: totp(secrets[i]!, clock.now()),
            });
          },
          { seconds: 120, concurrency: 16, maxRequests: count },
        ),
      );
    }
    const n = all.reduce((s, x) => s + x.requests, 0);
    const seconds = all.reduce((s, x) => s + x.seconds, 0);
    const w = (k: 'p50' | 'p95' | 'p99') => Math.max(...all.map((x) => x[k]));
    results.push({
      name: `[${kind}] POST /api/opinion-requests/{id}/answers (CAdES B-T, TOTP), c=16 (p: worst round)`,
      requests: n,
      seconds,
      perSecond: n / seconds,
      p50: w('p50'),
      p95: w('p95'),
      p99: w('p99'),
      errors: all.reduce((s, x) => s + x.errors, 0),
    });
    const signed = (
      (await db.execute(
        sql`select count(*)::int as n from meetings.opinion_answers where signature_file_id is not null`,
      )) as unknown as { rows: { n: number }[] }
    ).rows[0]!.n;
    console.log(`  signed answers stored: ${signed}`);
    return results;
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
