import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { feeProcedure, fileDossier, listeningPlatform, payAtGateway } from '../../../test/payments-kit.js';
import { DVCQG_VERSION, dvcTime, initFields, maXacThuc } from './gateways/dvcqg-protocol.js';
import { signedQuery, toVnpAmount, vnpDate } from './gateways/vnpay-protocol.js';
import { reconcileAt, vnDateOf } from './use-cases/reconcile.js';

interface Mismatch {
  kind: string;
  reference: string;
  ours: { status: string; amount: number } | null;
  theirs: { status: string; amount: number } | null;
}

describe.each(DB_KINDS)('reconciliation against the gateways’ reports on %s', (kind) => {
  let p: TestPlatform & { base: string };
  let leader: Awaited<ReturnType<TestPlatform['staff']>>;
  let admin: Awaited<ReturnType<TestPlatform['staff']>>;
  const refs: Record<string, Record<string, string>> = { dvcqg: {}, vnpay: {} };
  let today = '';

  const start = async (token: string, code: string, gateway: string) =>
    (
      await p.call('POST', `/api/dossiers/${encodeURIComponent(code)}/payments`, {
        token,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: { gateway },
      })
    ).json();
  const reference = async (token: string, id: string) =>
    (await p.call('GET', `/api/payments/${id}`, { token })).json().reference as string;

  /** A transaction made at the gateway that we never recorded (someone paid with a reference of ours that does not exist). */
  async function strangerAtGateway(gateway: string): Promise<string> {
    const ref = `X${Date.now().toString(36).toUpperCase()}${gateway.toUpperCase()}`;
    if (gateway === 'dvcqg') {
      const s = p.payments.settings.dvcqg!;
      const head = {
        LoaiBanTin: 'INIT',
        PhienBan: DVCQG_VERSION,
        MaDoiTac: s.partnerCode,
        MaThamChieu: ref,
        SoTien: '55000',
        LoaiHinhThanhToan: 'PAY',
        MaKenhThanhToan: '1',
        MaThietBi: '1',
        NgonNgu: 'vi-VN',
        MaTienTe: 'VND',
        MaNganHang: 'PAYMENT',
        ThongTinGiaoDich: 'Khong ro',
        ThoiGianGD: dvcTime(new Date()),
        Ip: '127.0.0.1',
      };
      const r = await fetch(`${s.baseUrl}/init`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...head,
          MaXacThuc: maXacThuc(initFields(head as never), s.secret),
          ThongTinBienLai: {},
        }),
      });
      const url = JSON.parse(((await r.json()) as { message: string }).message).UrlThanhToan as string;
      await payAtGateway(url, 'timeout');
    } else {
      const s = p.payments.settings.vnpay!;
      const q = signedQuery(
        {
          vnp_Version: '2.1.0',
          vnp_Command: 'pay',
          vnp_TmnCode: s.tmnCode,
          vnp_Amount: toVnpAmount(55_000),
          vnp_CurrCode: 'VND',
          vnp_TxnRef: ref,
          vnp_OrderInfo: 'Khong ro',
          vnp_OrderType: 'other',
          vnp_Locale: 'vn',
          vnp_ReturnUrl: s.returnUrl,
          vnp_IpAddr: '127.0.0.1',
          vnp_CreateDate: vnpDate(new Date()),
        },
        s.secret,
      );
      await payAtGateway(`${s.paymentUrl}?${q}`, 'timeout');
    }
    return ref;
  }

  beforeAll(async () => {
    p = await listeningPlatform(kind);
    const agencyAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    await feeProcedure(p, agencyAdmin.token, '1.900006');
    leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    admin = await p.staff({ roles: ['admin'] });
    today = vnDateOf(p.clock.now());
    for (const gateway of ['dvcqg', 'vnpay']) {
      const pay = async (outcome: 'success' | 'timeout' | 'wrong_amount' | null) => {
        const c = await p.citizen();
        const s = await start(c.token, await fileDossier(p, c.token, '1.900006'), gateway);
        if (outcome) await payAtGateway(s.redirectUrl, outcome);
        return reference(c.token, s.paymentId);
      };
      refs[gateway]!.matched = await pay('success');
      refs[gateway]!.statusDiffers = await pay('timeout');
      refs[gateway]!.amountDiffers = await pay('wrong_amount');
      refs[gateway]!.missingHere = await strangerAtGateway(gateway);
      if (gateway === 'vnpay') refs[gateway]!.missingThere = await pay(null);
    }
  });
  afterAll(async () => p?.close());

  it('finds each kind of mismatch, on demand', async () => {
    const run = await p.call('POST', '/api/payments/reconciliation', { token: admin.token, body: { date: today } });
    expect(run.statusCode, run.body).toBe(200);
    const byGateway = Object.fromEntries(run.json().items.map((r: { gateway: string }) => [r.gateway, r])) as Record<
      string,
      { matched: number; mismatches: Mismatch[]; theirs: number }
    >;
    for (const gateway of ['dvcqg', 'vnpay']) {
      const r = byGateway[gateway];
      const kindOf = (ref: string) => r!.mismatches.find((m) => m.reference === ref)?.kind;
      expect(kindOf(refs[gateway]!.matched!)).toBeUndefined();
      expect(kindOf(refs[gateway]!.statusDiffers!)).toBe('status_differs');
      expect(kindOf(refs[gateway]!.amountDiffers!)).toBe('amount_differs');
      expect(kindOf(refs[gateway]!.missingHere!)).toBe('missing_here');
      expect(r!.matched).toBeGreaterThanOrEqual(1);
    }
    expect(byGateway.vnpay!.mismatches.find((m) => m.reference === refs.vnpay!.missingThere)).toMatchObject({
      kind: 'missing_there',
      ours: { status: 'pending' },
      theirs: null,
    });
    expect(byGateway.dvcqg!.mismatches.find((m) => m.reference === refs.dvcqg!.statusDiffers)).toMatchObject({
      ours: { status: 'pending' },
      theirs: { status: 'paid' },
    });
    expect(byGateway.vnpay!.mismatches.find((m) => m.reference === refs.vnpay!.amountDiffers)).toMatchObject({
      ours: { amount: 100_000 },
      theirs: { amount: 99_000 },
    });
  });

  it('keeps the report; a leader sees the mismatches of the agency, not the unknown transactions', async () => {
    const got = await p.call('GET', `/api/payments/reconciliation?date=${today}&gateway=vnpay`, {
      token: leader.token,
    });
    expect(got.statusCode).toBe(200);
    const [r] = got.json().items as { mismatches: Mismatch[]; mismatchCount: number; runs: number }[];
    expect(r!.mismatches.map((m) => m.reference)).toEqual(
      expect.arrayContaining([refs.vnpay!.statusDiffers, refs.vnpay!.amountDiffers, refs.vnpay!.missingThere]),
    );
    expect(r!.mismatches.map((m) => m.reference)).not.toContain(refs.vnpay!.missingHere);
    // The gateway's unknown transaction is not the agency's: neither listed nor counted.
    expect(r!.mismatchCount).toBe(r!.mismatches.length);
    expect(
      (await p.call('GET', '/api/payments/reconciliation?date=2020-01-01', { token: leader.token })).json().code,
    ).toBe('RECONCILIATION_NOT_FOUND');
    expect(
      (await p.call('GET', '/api/payments/reconciliation?date=yesterday', { token: leader.token })).json().errors[0],
    ).toMatchObject({ path: 'date', code: 'INVALID_DATE' });
  });

  it("a leader of another province sees none of H26's payments, counted or listed", async () => {
    const hanoi = (
      await p.call('GET', `/api/payments/reconciliation?date=${today}&gateway=vnpay`, { token: leader.token })
    ).json().items[0];
    expect(hanoi).toMatchObject({ ours: expect.any(Number), matched: 1 });
    expect(hanoi.ours).toBeGreaterThanOrEqual(4);
    const ngheAn = await p.staff({ roles: ['leader'], agencyCode: 'H41' });
    const got = await p.call('GET', `/api/payments/reconciliation?date=${today}`, { token: ngheAn.token });
    expect(got.statusCode).toBe(200);
    for (const r of got.json().items)
      expect(r).toMatchObject({ ours: 0, theirs: 0, matched: 0, mismatchCount: 0, mismatches: [] });
    // Wrong role: a desk officer does not read reconciliations.
    const desk = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    expect((await p.call('GET', `/api/payments/reconciliation?date=${today}`, { token: desk.token })).statusCode).toBe(
      403,
    );
  });

  it('the daily job reconciles the day after midnight and schedules the next day', async () => {
    p.clock.set(new Date(reconcileAt(today).getTime() + 60_000));
    await p.deps.jobs.drain();
    const rows = await p.database.db.execute(
      `select gateway, runs from payments.reconciliations where day = '${today}' order by gateway`,
    );
    expect((rows as unknown as { rows: { gateway: string; runs: number }[] }).rows).toEqual([
      { gateway: 'dvcqg', runs: 2 },
      { gateway: 'vnpay', runs: 2 },
    ]);
    const tomorrow = vnDateOf(new Date(reconcileAt(today).getTime() + 3600_000));
    const next = await p.database.db.execute(
      `select run_at from platform.jobs where name = 'payments.reconcile-daily' and payload->>'day' = '${tomorrow}' and status = 'pending'`,
    );
    expect((next as unknown as { rows: unknown[] }).rows).toHaveLength(1);
  });
});
