import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { buildPlatform } from '../apps/server/src/app.js';
import { systemActor } from '../apps/server/src/platform/http/auth.js';
import { makePersonalId, registerAccount } from '../apps/server/src/modules/identity/index.js';
import { confirmFields, dvcTime, maXacThuc } from '../apps/server/src/modules/payments/gateways/dvcqg-protocol.js';
import { signedQuery, toVnpAmount, vnpDate } from '../apps/server/src/modules/payments/gateways/vnpay-protocol.js';
import { seedReferenceData } from '../apps/server/src/seed.js';
import { buildProcedureContent } from '../apps/server/test/factories.js';
import { benchConfig, measure, type Result } from './harness.js';

const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 2_000);
const FEE = 100_000;

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise((ok) => srv.close(ok));
  return port;
}

/**
 * Payments over HTTP: creating online payments (VNPAY-style: URL signed locally; DVCQG: INIT to the
 * sandbox over HTTP), then the gateways' notifications (signature, lock, receipt number, dossier
 * job, audit in one transaction), signed as the gateway signs them.
 */
export async function run(kind: 'pglite' | 'postgres', databaseUrl?: string): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'egov-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = benchConfig(dir, databaseUrl, { PUBLIC_URL: base, DATABASE_POOL_SIZE: '20' });
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
    await p.procedures.create(
      systemActor,
      admin,
      '1.900100',
      buildProcedureContent({
        name: 'Thủ tục có lệ phí (đo hiệu năng)',
        requiredDocuments: [],
        fees: [{ label: 'Lệ phí', amount: FEE }],
        feeCollection: 'before',
      }),
    );
    await p.procedures.publish(systemActor, admin, '1.900100');
    await p.app.listen({ port, host: '127.0.0.1' });
    const json = async (url: string, init: RequestInit = {}) => {
      const r = await fetch(base + url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
      const body = await r.json();
      if (!r.ok) throw new Error(`${r.status} ${JSON.stringify(body)}`);
      return body;
    };
    const citizens: { id: string; token: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const idNumber = makePersonalId('001', '1990-01-01', 'male', 910000 + i);
      const a = await registerAccount(p.identity, systemActor, {
        idNumber,
        fullName: `Công dân ${i}`,
        dateOfBirth: '1990-01-01',
        gender: 'male',
        email: `pay${i}@bench.vn`,
        phone: '0912345678',
        password: 'Bench@12345',
      });
      citizens.push({
        id: a.id!,
        token: (
          await json('/api/auth/login', {
            method: 'POST',
            body: JSON.stringify({ username: idNumber, password: 'Bench@12345' }),
          })
        ).accessToken,
      });
    }
    // Dossiers waiting for their fee, one per payment to create, owned by the 20 citizens.
    await p.deps.db.execute(sql`
      insert into dossiers.dossiers (id, code, procedure_code, procedure_version, procedure_name, agency_code, applicant_id, applicant_name, applicant_id_number,
        channel, submitted_by, form_data, state, status_code, submitted_at, online, fee_collection, fee_amount)
      select 'dos_pay_' || g, 'PAYB-260101-' || lpad(g::text, 7, '0'), '1.900100', 1, 'Thủ tục có lệ phí (đo hiệu năng)', 'H26',
        (${sql.raw(`array[${citizens.map((c) => `'${c.id}'`).join(',')}]`)})[1 + g % 20], 'Công dân ' || (g % 20), null,
        'online', 'usr_bench', '{}'::jsonb, 'submitted', 6, now(), true, 'before', ${FEE}
      from generate_series(1, ${2 * PAYMENTS}) g`);
    const owner = (g: number) => citizens[g % 20]!.token;
    const code = (g: number) => `PAYB-260101-${String(g).padStart(7, '0')}`;
    const created: Record<'vnpay' | 'dvcqg', string[]> = { vnpay: [], dvcqg: [] };
    const results: Result[] = [];
    for (const [gateway, offset] of [
      ['vnpay', 0],
      ['dvcqg', PAYMENTS],
    ] as const) {
      let n = 1;
      results.push(
        await measure(
          `[${kind}] POST /api/dossiers/{code}/payments ${gateway}, c=16`,
          async () => {
            const g = offset + n++;
            const r = await json(`/api/dossiers/${encodeURIComponent(code(g))}/payments`, {
              method: 'POST',
              body: JSON.stringify({ gateway }),
              headers: { authorization: `Bearer ${owner(g)}`, 'idempotency-key': crypto.randomUUID() },
            });
            created[gateway].push(r.paymentId);
          },
          { seconds: 600, concurrency: 16, maxRequests: PAYMENTS },
        ),
      );
    }
    const refs = async (ids: string[]) =>
      (
        (await p.deps.db.execute(
          sql`select reference from payments.payments where id in (${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )})`,
        )) as unknown as { rows: { reference: string }[] }
      ).rows.map((r) => r.reference);
    const vnp = p.payments.settings.vnpay!;
    const vnRefs = await refs(created.vnpay);
    let i = 0;
    results.push(
      await measure(
        `[${kind}] GET /api/payments/callback/vnpay (IPN, paid), c=16`,
        async () => {
          const ref = vnRefs[i++]!;
          const q = signedQuery(
            {
              vnp_TmnCode: vnp.tmnCode,
              vnp_Amount: toVnpAmount(FEE),
              vnp_BankCode: 'NCB',
              vnp_OrderInfo: 'Thanh toan',
              vnp_PayDate: vnpDate(new Date()),
              vnp_ResponseCode: '00',
              vnp_TransactionNo: String(20_000_000 + i),
              vnp_TransactionStatus: '00',
              vnp_TxnRef: ref,
            },
            vnp.secret,
          );
          const r = await fetch(`${base}/api/payments/callback/vnpay?${q}`);
          const body = (await r.json()) as { RspCode: string };
          if (body.RspCode !== '00') throw new Error(body.RspCode);
        },
        { seconds: 600, concurrency: 16, maxRequests: vnRefs.length },
      ),
    );
    const dv = p.payments.settings.dvcqg!;
    const dvRefs = await refs(created.dvcqg);
    let j = 0;
    results.push(
      await measure(
        `[${kind}] POST /api/payments/callback/dvcqg (paid), c=16`,
        async () => {
          const ref = dvRefs[j++]!;
          const head = {
            LoaiBanTin: 'CONFIRM',
            MaLoi: '00',
            MaDoiTac: dv.partnerCode,
            MaThamChieu: ref,
            SoTien: FEE,
            MaTienTe: 'VND',
            MaGiaoDich: String(30_000_000 + j),
            MaNganHang: 'NCB',
            ThoiGianGD: dvcTime(new Date()),
            ThongTinGiaoDich: 'Thanh toan',
          };
          const r = await json('/api/payments/callback/dvcqg', {
            method: 'POST',
            body: JSON.stringify({ ...head, MaXacThuc: maXacThuc(confirmFields(head), dv.secret) }),
          });
          if (r.MaLoi !== '00') throw new Error(r.MaLoi);
        },
        { seconds: 600, concurrency: 16, maxRequests: dvRefs.length },
      ),
    );
    return results;
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
