import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { buildPlatform } from '../apps/server/src/app.js';
import { systemActor } from '../apps/server/src/platform/http/auth.js';
import { createStaffUser, markIdentityVerified, registerAccount } from '../apps/server/src/modules/identity/index.js';
import { generateRegistries } from '../apps/server/src/modules/registries/index.js';
import { registriesRepository } from '../apps/server/src/modules/registries/registries.repository.js';
import { prefill } from '../apps/server/src/modules/registries/use-cases/prefill.js';
import { serve } from '../apps/server/src/modules/registries/use-cases/serve.js';
import { seedReferenceData } from '../apps/server/src/seed.js';
import { buildProcedureContent } from '../apps/server/test/factories.js';
import { benchConfig, measure, measureHttp, type Result } from './harness.js';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise((ok) => srv.close(ok));
  return port;
}

const PROCEDURE = '9.990017';

/** The machine's 1-minute load average, printed beside each figure (2 cores shared with others). */
const load = () => loadavg()[0]!.toFixed(1);

/**
 * Registry lookups by personal ID number (the bare indexed read; the full `serve`: purpose checks,
 * read and access-log row in one transaction; and over HTTP as an official), then once-only prefill
 * loads (consent recorded, read, log row) by one verified citizen. On PostgreSQL,
 * BENCH_REGISTRIES_URL names a database already filled by `egov registries generate` (the scale is
 * then whatever it holds); otherwise BENCH_REGISTRIES_PERSONS people are generated first.
 */
export async function run(kind: 'pglite' | 'postgres', databaseUrl?: string): Promise<Result[]> {
  const reuse = kind === 'postgres' ? process.env.BENCH_REGISTRIES_URL : undefined;
  const PERSONS = Number(process.env.BENCH_REGISTRIES_PERSONS ?? (kind === 'postgres' ? 200_000 : 20_000));
  const dir = mkdtempSync(join(tmpdir(), 'egov-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const p = await buildPlatform(benchConfig(dir, reuse ?? databaseUrl, { PUBLIC_URL: base, DATABASE_POOL_SIZE: '20' }));
  const db = p.deps.db;
  /**
   * CPU time (ms) of each PostgreSQL backend serving the bench's database, read from /proc; null
   * elsewhere. Sampled every second during a row: the pool closes idle connections, and a backend
   * gone by the end still counts with what it had used when last seen.
   */
  const pgCpu = async (): Promise<Map<number, number> | null> => {
    if (kind !== 'postgres') return null;
    const r = (await db.execute(
      sql`select pid from pg_stat_activity where datname = current_database()`,
    )) as unknown as { rows: { pid: number }[] };
    const out = new Map<number, number>();
    for (const { pid } of r.rows) {
      try {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        out.set(pid, (Number(f[11]) + Number(f[12])) * 10);
      } catch {
        // A backend that ended meanwhile, or PostgreSQL on another machine.
      }
    }
    return r.rows.length && !out.size ? null : out;
  };
  /**
   * Run a measurement and name it with the load average before and after and the CPU time per
   * request, which the machine's load changes much less than the latency: the server process's
   * (main thread for HTTP rows, the whole process for in-process rows) and PostgreSQL's backends.
   */
  const withLoad = async (run: () => Promise<Result>): Promise<Result> => {
    const before = load();
    const first = await pgCpu();
    const last = new Map(first);
    const sample = async () => {
      for (const [pid, ms] of (await pgCpu()) ?? []) last.set(pid, ms);
    };
    const timer = first ? setInterval(() => void sample(), 1000) : null;
    const cpu0 = process.cpuUsage();
    const r = await run();
    const cpu = process.cpuUsage(cpu0);
    if (timer) clearInterval(timer);
    await sample();
    const n = Math.max(1, r.requests);
    const server = r.cpuMs ?? (cpu.user + cpu.system) / 1000 / n;
    const pgMs = first ? [...last].reduce((sum, [pid, ms]) => sum + ms - (first.get(pid) ?? 0), 0) : null;
    const parts = [
      `server ${server.toFixed(2)} ms`,
      pgMs === null ? null : `PostgreSQL ${(pgMs / n).toFixed(2)} ms`,
    ].filter(Boolean);
    const note = `[load ${before}→${load()}; CPU per request: ${parts.join(', ')}]`;
    console.log(`  ${note}`);
    return { ...r, name: `${r.name} ${note}` };
  };
  try {
    await seedReferenceData(p);
    if (!reuse) {
      const t = Date.now();
      await generateRegistries(db, { persons: PERSONS, seed: 11 });
      console.log(`  generated ${PERSONS} people in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
    const count = Number(
      (
        (await db.execute(
          sql`select count(*) as n from registries.records
              where registry = 'population' and superseded_at is null and valid_to is null`,
        )) as unknown as { rows: { n: string }[] }
      ).rows[0]!.n,
    );
    const sample = (
      (await db.execute(
        sql`select record_key, data from registries.records tablesample system (1)
            where registry = 'population' and superseded_at is null and valid_to is null limit 5000`,
      )) as unknown as { rows: { record_key: string; data: Record<string, string> }[] }
    ).rows;
    const ids = [...new Set(sample.map((r) => r.record_key))];
    if (kind === 'postgres') {
      // The lookup index read into the operating system's cache first, as a running registry's would
      // be (600 MB at 10M people; the table's 8 GB are not: a read still fetches its row's page).
      // Without pg_prewarm the first row measures a cold index.
      try {
        await db.execute(sql`create extension if not exists pg_prewarm`);
        await db.execute(sql`select pg_prewarm('registries.records_history_idx', 'read')`);
        console.log('  lookup index prewarmed (pg_prewarm, read)');
      } catch {
        console.log('  no pg_prewarm: the lookup index is read as the rows need it');
      }
    }
    console.log(`  ${count} people in the registry; ${ids.length} sampled ID numbers`);
    await p.app.listen({ port, host: '127.0.0.1' });

    const leader = `bench.lead.${Date.now()}`;
    await createStaffUser(p.identity, systemActor, null, {
      username: leader,
      password: 'Bench@12345',
      fullName: 'Lãnh đạo đo hiệu năng',
      roles: ['leader'],
      agencyCode: 'H26',
    });
    const login = async (username: string, password: string) => {
      const r = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
      return ((await r.json()) as { accessToken: string }).accessToken;
    };
    const staffToken = await login(leader, 'Bench@12345');
    const me = (await (
      await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${staffToken}` } })
    ).json()) as {
      id: string;
    };

    const results: Result[] = [];
    const scale = `${(count / 1e6).toFixed(count >= 1e6 ? 1 : 2)}M people`;
    let i = 0;
    const nextId = () => ids[i++ % ids.length]!;
    const now = new Date();
    results.push(
      await withLoad(() =>
        measure(
          `[${kind}] lookup by ID, bare indexed read, ${scale}, c=4`,
          async () => {
            if (!(await registriesRepository.recordAt(db, 'population', nextId(), now, null))) throw new Error('miss');
          },
          { seconds: 10, concurrency: 4 },
        ),
      ),
    );
    results.push(
      await withLoad(() =>
        measure(
          `[${kind}] lookup by ID via serve() (checks, read, log row), ${scale}, c=4`,
          async () => {
            await serve(p.registries.context, {
              service: 'population.person.v1',
              params: { idNumber: nextId(), fields: 'fullName,dateOfBirth,permanentAddress' },
              client: 'VN:GOV:H26:one-stop',
              actor: { kind: 'official', accountId: me.id, agencyCode: 'H26', name: 'Lãnh đạo đo hiệu năng' },
              purpose: 'investigation',
            });
          },
          { seconds: 10, concurrency: 4 },
        ),
      ),
    );
    results.push(
      await withLoad(() =>
        measureHttp(`[${kind}] GET /api/registries/population/records/{id} (logged), ${scale}, c=8`, {
          baseUrl: base,
          requests: ids.slice(0, 2000).map((id) => ({
            method: 'GET' as const,
            path: `/api/registries/population/records/${id}?purpose=investigation&fields=fullName,dateOfBirth`,
            headers: { authorization: `Bearer ${staffToken}` },
          })),
          seconds: 15,
          concurrency: 8,
        }),
      ),
    );

    // Once-only: one verified citizen (a generated person) loads a prefilled form again and again.
    const person = sample[0]!.data;
    await registerAccount(p.identity, systemActor, {
      idNumber: person.idNumber!,
      fullName: person.fullName!,
      dateOfBirth: person.dateOfBirth!,
      gender: person.sex as 'male' | 'female',
      email: `prefill.${Date.now()}@bench.vn`,
      phone: '0912345678',
      password: 'Bench@12345',
    }).catch((e: { code?: string }) => {
      if (e.code !== 'ACCOUNT_EXISTS') throw e;
    });
    await markIdentityVerified(p.identity, systemActor, person.idNumber!);
    const citizenToken = await login(person.idNumber!, 'Bench@12345');
    const admin = {
      ...me,
      userId: me.id,
      username: leader,
      fullName: 'x',
      kind: 'staff' as const,
      roles: ['admin'],
      agencyId: null,
      agencyCode: null,
      acr: 2 as const,
      sessionId: null,
      via: 'bearer' as const,
    };
    if (!(await p.procedures.forSubmission(PROCEDURE))) {
      await p.procedures.create(
        systemActor,
        admin,
        PROCEDURE,
        buildProcedureContent({
          name: 'Thủ tục đo hiệu năng điền sẵn',
          implementingAgencies: ['H26'],
          formSchema: {
            type: 'object',
            properties: {
              fullName: { type: 'string', 'x-registry': 'population.fullName' },
              idNumber: { type: 'string', 'x-registry': 'population.idNumber' },
              dateOfBirth: { type: 'string', 'x-registry': 'population.dateOfBirth' },
              residence: { type: 'string', 'x-registry': 'population.permanentAddress' },
            },
          },
        }),
      );
      await p.procedures.publish(systemActor, admin, PROCEDURE);
    }
    const body = JSON.stringify({
      procedureCode: PROCEDURE,
      sources: ['population.fullName', 'population.idNumber', 'population.dateOfBirth', 'population.permanentAddress'],
    });
    const citizenMe = (await (
      await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${citizenToken}` } })
    ).json()) as { id: string };
    const citizen = {
      userId: citizenMe.id,
      username: person.idNumber!,
      fullName: person.fullName!,
      kind: 'citizen' as const,
      roles: ['citizen'],
      agencyId: null,
      agencyCode: null,
      acr: 1 as const,
      sessionId: null,
      via: 'bearer' as const,
    };
    const input = JSON.parse(body) as { procedureCode: string; sources: string[] };
    results.push(
      await withLoad(() =>
        measure(
          `[${kind}] prefill use case in process (account, consent + read + log in one statement), c=16`,
          async () => {
            await prefill(
              p.registries.context,
              citizen,
              {
                actorId: citizen.userId,
                actorName: citizen.fullName,
                agencyCode: null,
                ip: '127.0.0.1',
                userAgent: null,
              },
              input,
            );
          },
          { seconds: 10, concurrency: 16 },
        ),
      ),
    );
    results.push(
      await withLoad(() =>
        measureHttp(`[${kind}] POST /api/me/registry-prefill (consent + read + log), c=16`, {
          baseUrl: base,
          requests: [
            {
              method: 'POST' as const,
              path: '/api/me/registry-prefill',
              headers: { authorization: `Bearer ${citizenToken}`, 'content-type': 'application/json' },
              body,
            },
          ],
          seconds: 15,
          concurrency: 16,
        }),
      ),
    );
    return results;
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
