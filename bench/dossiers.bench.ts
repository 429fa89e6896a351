import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { buildPlatform } from '../apps/server/src/app.js';
import { systemActor } from '../apps/server/src/platform/http/auth.js';
import { createStaffUser, makePersonalId, registerAccount } from '../apps/server/src/modules/identity/index.js';
import { seedReferenceData } from '../apps/server/src/seed.js';
import { buildProcedureContent } from '../apps/server/test/factories.js';
import { benchConfig, measureHttp, type Result } from './harness.js';

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 10_000);

/**
 * Dossiers: submissions through the HTTP API (idempotency key, form validation, daily counter,
 * history, audit and mail job in one transaction), then the inbox and search over a large table.
 */
export async function run(kind: 'pglite' | 'postgres', databaseUrl?: string): Promise<Result[]> {
  const bulk = Number(process.env.BENCH_DOSSIERS_BULK ?? (kind === 'postgres' ? 1_000_000 : 100_000));
  const dir = mkdtempSync(join(tmpdir(), 'egov-bench-'));
  const config = benchConfig(dir, databaseUrl, { DATABASE_POOL_SIZE: '20' });
  const p = await buildPlatform(config);
  try {
    await seedReferenceData(p);
    const admin = {
      userId: 'usr_bench',
      username: 'bench',
      fullName: 'Bench',
      kind: 'staff' as const,
      roles: ['admin'],
      agencyId: null,
      agencyCode: null,
      acr: 2 as const,
      sessionId: null,
      via: 'bearer' as const,
    };
    await p.procedures.create(systemActor, admin, '1.001193', buildProcedureContent({ requiredDocuments: [] }));
    await p.procedures.publish(systemActor, admin, '1.001193');
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`;
    const json = async (url: string, init: RequestInit = {}) => {
      const r = await fetch(base + url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
      const body = await r.json();
      if (!r.ok) throw new Error(`${r.status} ${JSON.stringify(body)}`);
      return body;
    };
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) {
      const idNumber = makePersonalId('001', '1990-01-01', 'male', 900000 + i);
      await registerAccount(p.identity, systemActor, {
        idNumber,
        fullName: `Công dân ${i}`,
        dateOfBirth: '1990-01-01',
        gender: 'male',
        email: `bench${i}@bench.vn`,
        phone: '0912345678',
        password: 'Bench@12345',
      });
      tokens.push(
        (
          await json('/api/auth/login', {
            method: 'POST',
            body: JSON.stringify({ username: idNumber, password: 'Bench@12345' }),
          })
        ).accessToken,
      );
    }
    await createStaffUser(p.identity, systemActor, null, {
      username: 'bench.reception',
      password: 'Bench@12345',
      fullName: 'Một cửa',
      roles: ['reception'],
      agencyCode: 'H26',
    });
    const staff = (
      await json('/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ username: 'bench.reception', password: 'Bench@12345' }),
      })
    ).accessToken;
    const body = JSON.stringify({
      procedureCode: '1.001193',
      agencyCode: 'H26',
      formData: { childName: 'Nguyễn Minh Khang', childBirthDate: '2026-02-20', childGender: 'male' },
      attachments: [],
    });
    const results: Result[] = [];
    results.push(
      await measureHttp(`[${kind}] POST /api/dossiers (${SUBMISSIONS} submissions), c=32`, {
        baseUrl: base,
        requests: tokens.map((t) => ({
          method: 'POST',
          path: '/api/dossiers',
          body,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${t}`, 'idempotency-key': '{uuid}' },
        })),
        seconds: 600,
        concurrency: 32,
        maxRequests: SUBMISSIONS,
      }),
    );

    // The same load spread over 63 provinces (a procedure every province implements): each agency's
    // numbers are its own, so submissions rarely share a counter statement (one more round trip each).
    const codes = (await p.directory.search({ level: 'province', page: 1, pageSize: 63 })).items.map((a) => a.code);
    await p.procedures.create(
      systemActor,
      admin,
      '1.001194',
      buildProcedureContent({ requiredDocuments: [], implementingAgencies: codes }),
    );
    await p.procedures.publish(systemActor, admin, '1.001194');
    const spread = codes.flatMap((agencyCode, i) => {
      const b = JSON.stringify({
        procedureCode: '1.001194',
        agencyCode,
        formData: { childName: 'Nguyễn Minh Khang', childBirthDate: '2026-02-20', childGender: 'male' },
        attachments: [],
      });
      return [
        {
          method: 'POST' as const,
          path: '/api/dossiers',
          body: b,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[i % tokens.length]}`,
            'idempotency-key': '{uuid}',
          },
        },
      ];
    });
    results.push(
      await measureHttp(
        `[${kind}] POST /api/dossiers over ${codes.length} agencies (${SUBMISSIONS} submissions), c=32`,
        {
          baseUrl: base,
          requests: spread,
          seconds: 600,
          concurrency: 32,
          maxRequests: SUBMISSIONS,
        },
      ),
    );
    if (process.env.BENCH_SKIP_READS) return results;
    // A large table for the inbox and search: bulk rows spread over 40 agencies and 365 days.
    const t0 = performance.now();
    await p.deps.db.execute(sql`
      insert into dossiers.dossiers (id, code, procedure_code, procedure_version, procedure_name, agency_code, applicant_id, applicant_name, applicant_id_number,
        channel, submitted_by, form_data, state, status_code, submitted_at, received_at, due_at, online)
      select 'dos_bulk_' || g, 'BULK' || (g % 40) || '-' || to_char(date '2025-01-01' + (g % 365), 'YYMMDD') || '-' || lpad(g::text, 7, '0'),
        '1.001193', 1, 'Đăng ký khai sinh', case when g % 40 = 0 then 'H26' else 'BULK' || (g % 40) end, 'usr_bulk_' || (g % 50000),
        (array['Nguyễn','Trần','Lê','Phạm','Hoàng','Vũ','Đặng','Bùi'])[1 + g % 8] || ' Văn ' || (array['An','Bình','Cường','Dũng','Hải','Long','Minh','Nam'])[1 + (g / 8) % 8] || ' ' || g,
        lpad((g % 1000000)::text, 12, '0'), 'online', 'usr_bulk', '{}'::jsonb,
        (array['submitted','received','processing','pending_approval','approved','returned'])[1 + g % 6], 1 + g % 6,
        timestamp '2025-01-01' + (g % 365) * interval '1 day', timestamp '2025-01-01' + (g % 365) * interval '1 day', timestamp '2025-01-05' + (g % 365) * interval '1 day', true
      from generate_series(1, ${bulk}) g`);
    // As autovacuum would have done by then: statistics and the visibility map (index-only counts).
    await p.deps.db.execute(sql`vacuum analyze dossiers.dossiers`);
    console.log(`  bulk-loaded ${bulk} dossiers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const get = (name: string, path: string) =>
      measureHttp(`[${kind}] ${name}`, {
        baseUrl: base,
        requests: [{ method: 'GET', path, headers: { authorization: `Bearer ${staff}` } }],
        seconds: 5,
        concurrency: 8,
      });
    results.push(
      await get(`inbox box=reception over ${bulk / 1000}k dossiers, c=8`, '/api/dossiers?box=reception&pageSize=20'),
    );
    results.push(await get(`inbox box=overdue over ${bulk / 1000}k, c=8`, '/api/dossiers?box=overdue&pageSize=20'));
    results.push(
      await get(
        `search q=nguyen van minh over ${bulk / 1000}k, c=8`,
        `/api/dossiers?q=${encodeURIComponent('nguyen van minh 12')}&pageSize=20`,
      ),
    );
    results.push(await get(`search by code fragment over ${bulk / 1000}k, c=8`, '/api/dossiers?q=0001234&pageSize=20'));
    return results;
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
