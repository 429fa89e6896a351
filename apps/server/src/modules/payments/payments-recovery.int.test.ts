import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import {
  FEE,
  feeProcedure,
  fileDossier,
  listeningPlatform,
  payAtGateway,
  paymentOf,
  replay,
  sentNotifications,
  startPayment,
} from '../../../test/payments-kit.js';
import { pdfText } from '../../platform/pdf/testing.js';
import { confirmFields, dvcTime, maXacThuc } from './gateways/dvcqg-protocol.js';
import { DvcqgGateway } from './gateways/dvcqg-gateway.js';

describe.each(DB_KINDS)('lost notifications, QUERY, concurrent attempts on %s', (kind) => {
  let p: TestPlatform & { base: string };

  const start = (token: string, code: string, gateway?: string, key?: string) =>
    startPayment(p, token, code, gateway, key);
  const payment = (token: string, id: string) => paymentOf(p, token, id);
  const count = async (sql: string) =>
    Number(((await p.database.db.execute(sql)) as unknown as { rows: { n: number }[] }).rows[0]!.n);

  beforeAll(async () => {
    p = await listeningPlatform(kind);
    const admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    await feeProcedure(p, admin.token, '1.900002');
  });
  afterAll(async () => p?.close());

  it.each(['dvcqg', 'vnpay'])(
    '%s: the bank took the money but the notification never came; the QUERY job finds it paid',
    async (gateway) => {
      const c = await p.citizen();
      const code = await fileDossier(p, c.token, '1.900002');
      const { paymentId, redirectUrl } = (await start(c.token, code, gateway)).json();
      const back = await payAtGateway(redirectUrl, 'timeout');
      expect(back.location).toBeNull();
      expect(back.page).toContain('Hết thời gian chờ phản hồi');
      const pending = await payment(c.token, paymentId);
      expect(pending.status).toBe('pending');
      expect(await sentNotifications(p.base, pending.reference)).toEqual([]);

      await p.deps.jobs.drain(); // the first QUERY is not due yet
      expect((await payment(c.token, paymentId)).status).toBe('pending');
      p.clock.advance(61_000);
      await p.deps.jobs.drain();
      expect(await payment(c.token, paymentId)).toMatchObject({
        status: 'paid',
        receipt: { number: expect.any(String) },
      });
      expect(
        (await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}`, { token: c.token })).json(),
      ).toMatchObject({ statusCode: 1, fee: { due: false } });
    },
  );

  it('a payment the payer never took to the gateway is given up after its deadline, with backoff in between', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900002');
    const { paymentId } = (await start(c.token, code, 'vnpay')).json();
    const queriesBefore = await count(
      `select count(*)::int as n from platform.jobs where name = 'payments.query-status' and payload->>'paymentId' = '${paymentId}'`,
    );
    expect(queriesBefore).toBe(1);
    for (let i = 0; i < 8 && (await payment(c.token, paymentId)).status === 'pending'; i++) {
      p.clock.advance(5 * 60_000);
      await p.deps.jobs.drain();
    }
    expect(await payment(c.token, paymentId)).toMatchObject({ status: 'failed', failureCode: 'NOT_AT_GATEWAY' });
    const runs = await p.database.db.execute(
      `select (payload->>'attempt')::int as attempt, run_at from platform.jobs where name = 'payments.query-status' and payload->>'paymentId' = '${paymentId}' order by run_at`,
    );
    const times = (runs as unknown as { rows: { attempt: number; run_at: string }[] }).rows.map((r) =>
      new Date(r.run_at).getTime(),
    );
    expect(times.length).toBeGreaterThan(3);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[1]).toBeGreaterThan(gaps[0]!); // backoff: each wait longer than the one before
    // The fee is due again: a new attempt is possible.
    expect((await start(c.token, code, 'vnpay')).statusCode).toBe(201);
  });

  it('"check now" asks the gateway at once', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900002');
    const { paymentId, redirectUrl } = (await start(c.token, code, 'dvcqg')).json();
    await payAtGateway(redirectUrl, 'timeout');
    const checked = await p.call('POST', `/api/payments/${paymentId}/query`, { token: c.token });
    expect(checked.json()).toMatchObject({ status: 'paid' });
  });

  it('concurrent payment attempts for the same fee make one payment (different keys and the same key)', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900002');
    const key = crypto.randomUUID();
    const answers = await Promise.all(
      [...Array(6)].map((_, i) => start(c.token, code, 'dvcqg', i < 3 ? key : undefined)),
    );
    const ids = new Set(answers.filter((a) => a.statusCode < 300).map((a) => a.json().paymentId));
    expect(ids.size).toBe(1);
    expect(answers.every((a) => a.statusCode < 300 || a.json().code === 'IDEMPOTENCY_IN_PROGRESS')).toBe(true);
    // One answer created it; replays of its key say so; the other keys got the same payment back (200).
    expect(answers.filter((a) => a.statusCode === 201 && !a.headers['idempotent-replayed'])).toHaveLength(1);
    expect(await count(`select count(*)::int as n from payments.payments where dossier_code = '${code}'`)).toBe(1);
    const [id] = ids;
    const redirect = answers.find((a) => a.statusCode < 300)!.json().redirectUrl;
    await payAtGateway(redirect, 'success');
    expect((await payment(c.token, id)).status).toBe('paid');
  });

  it('a late notification for a payment already given up changes nothing', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900002');
    const { paymentId, redirectUrl } = (await start(c.token, code, 'dvcqg')).json();
    await payAtGateway(redirectUrl, 'failure');
    const failed = await payment(c.token, paymentId);
    expect(failed.status).toBe('failed');
    const [n] = await sentNotifications(p.base, failed.reference);
    expect((await replay(n!)).body.MaLoi).toBe('02');
    // The gateway (holding the shared secret) later says it was paid after all: too late, it stays failed.
    const s = p.payments.settings.dvcqg!;
    const head = {
      LoaiBanTin: 'CONFIRM',
      MaLoi: '00',
      MaDoiTac: s.partnerCode,
      MaThamChieu: failed.reference,
      SoTien: FEE,
      MaTienTe: 'VND',
      MaGiaoDich: '99',
      MaNganHang: 'NCB',
      ThoiGianGD: dvcTime(new Date()),
      ThongTinGiaoDich: 'x',
    };
    const late = await replay({
      method: 'POST',
      url: s.callbackUrl,
      payload: JSON.stringify({ ...head, MaXacThuc: maXacThuc(confirmFields(head), s.secret) }),
    });
    expect(late.body).toMatchObject({ MaLoi: '02', MaThamChieu: failed.reference });
    expect(late.body.MaXacThuc).toBe(
      maXacThuc([late.body.MaLoi!, late.body.MaDoiTac!, late.body.MaThamChieu!, late.body.ThoiGianGD!], s.secret),
    );
    expect(await payment(c.token, paymentId)).toMatchObject({ status: 'failed', receipt: null });
  });

  it('GET_BILL: the payment platform gives its own bill of a paid transaction as PDF', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900002');
    const { paymentId, redirectUrl } = (await start(c.token, code, 'dvcqg')).json();
    await payAtGateway(redirectUrl, 'success');
    const paid = await payment(c.token, paymentId);
    const bill = await new DvcqgGateway(p.payments.settings.dvcqg!).getBill(paid.reference, new Date(paid.createdAt));
    const text = pdfText(bill);
    expect(text).toContain(paid.reference);
    expect(text).toContain('100.000 đồng');
  });
});
