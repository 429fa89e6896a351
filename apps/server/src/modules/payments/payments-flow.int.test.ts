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
import { sealAudit } from '../audit/index.js';

describe.each(DB_KINDS)('online payment through the sandbox gateways on %s', (kind) => {
  let p: TestPlatform & { base: string };
  let reception: Awaited<ReturnType<TestPlatform['staff']>>;

  const start = (token: string, code: string, gateway?: string, key?: string) =>
    startPayment(p, token, code, gateway, key);
  const payment = (token: string, id: string) => paymentOf(p, token, id);
  const dossier = async (token: string, code: string) =>
    (await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}`, { token })).json();

  beforeAll(async () => {
    p = await listeningPlatform(kind);
    const admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    await feeProcedure(p, admin.token, '1.900001');
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
  });
  afterAll(async () => p?.close());

  it.each(['dvcqg', 'vnpay'])(
    '%s: the citizen pays; the callback is verified; the dossier leaves status 6 and can be received; receipt and e-mail',
    async (gateway) => {
      const c = await p.citizen();
      const code = await fileDossier(p, c.token, '1.900001');
      const before = await dossier(c.token, code);
      expect(before).toMatchObject({
        statusCode: 6,
        statusLabel: { vi: 'Chờ thực hiện nghĩa vụ tài chính' },
        fee: { collection: 'before', amount: FEE, due: true },
      });
      // The desk cannot receive it before the fee is paid, and is not offered to.
      expect((await dossier(reception.token, code)).allowedActions).not.toContain('receive');
      const early = await p.call('POST', `/api/dossiers/${encodeURIComponent(code)}/actions`, {
        token: reception.token,
        body: { action: 'receive' },
      });
      expect(early.json()).toMatchObject({ status: 409, code: 'FEE_NOT_PAID' });

      const started = await start(c.token, code, gateway);
      expect(started.statusCode, started.body).toBe(201);
      const { paymentId, redirectUrl } = started.json();
      expect(redirectUrl).toContain(`${p.base}/sandbox/${gateway}/`);
      expect(await payment(c.token, paymentId)).toMatchObject({ status: 'pending', amount: FEE, gateway, redirectUrl });

      const back = await payAtGateway(redirectUrl, 'success');
      expect(back.location).toContain(`${p.base}/api/payments/return/${gateway}?`);
      // The browser's return leads to our payment page; it changes nothing by itself.
      const ret = await fetch(back.location!, { redirect: 'manual' });
      expect(ret.headers.get('location')).toBe(`/payments/${paymentId}`);

      const paid = await payment(c.token, paymentId);
      expect(paid).toMatchObject({
        status: 'paid',
        redirectUrl: null,
        receipt: {
          templateCode: '01BLP0-001',
          serial: expect.stringMatching(/^BL\/\d{2}E$/),
          number: expect.stringMatching(/^\d{7}$/),
        },
      });
      const sent = await sentNotifications(p.base, (await payment(c.token, paymentId)).reference);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.answer).toContain(gateway === 'vnpay' ? '"RspCode":"00"' : '"MaLoi":"00"');

      // The dossier learns it by job: status back to 1, "fee paid" in its history, the citizen told.
      await p.deps.jobs.drain();
      const after = await dossier(c.token, code);
      expect(after).toMatchObject({ statusCode: 1, fee: { due: false } });
      expect(after.history.map((h: { action: string }) => h.action)).toContain('fee_paid');
      const received = await p.call('POST', `/api/dossiers/${encodeURIComponent(code)}/actions`, {
        token: reception.token,
        body: { action: 'receive' },
      });
      expect(received.json()).toMatchObject({ status: 'received', statusCode: 2 });
      const mails = await p.database.db.execute(
        `select subject, text from platform.dev_mail where "to" = '${c.email}' order by created_at`,
      );
      expect((mails as unknown as { rows: { subject: string }[] }).rows.map((m) => m.subject)).toContain(
        `Hồ sơ ${code}: Đã nộp phí, lệ phí`,
      );

      const pdf = await p.call('GET', `/api/payments/${paymentId}/receipt.pdf`, { token: c.token });
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const text = pdfText(pdf.rawPayload);
      for (const s of [
        'BIÊN LAI THU PHÍ, LỆ PHÍ',
        'Mẫu số: 01BLP0-001',
        paid.receipt.number,
        'Nguyễn Văn Thử',
        'Lệ phí cấp giấy',
        '70.000',
        '100.000',
        'Một trăm nghìn đồng',
        code,
      ])
        expect(text).toContain(s);
    },
  );

  it('a failed payment keeps the fee due; paying again succeeds with a new payment', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900001');
    const first = (await start(c.token, code)).json();
    const back = await payAtGateway(first.redirectUrl, 'failure');
    expect(back.location).toBeTruthy();
    expect(await payment(c.token, first.paymentId)).toMatchObject({
      status: 'failed',
      failureCode: expect.stringMatching(/^GATEWAY_/),
      receipt: null,
    });
    const fees = (await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}/fees`, { token: c.token })).json();
    expect(fees).toMatchObject({ status: 'due', mayPay: true });
    const second = await start(c.token, code);
    expect(second.statusCode).toBe(201);
    expect(second.json().paymentId).not.toBe(first.paymentId);
    await payAtGateway(second.json().redirectUrl, 'success');
    expect((await payment(c.token, second.json().paymentId)).status).toBe('paid');
    const again = await start(c.token, code);
    expect(again.json()).toMatchObject({ status: 409, code: 'FEE_ALREADY_PAID' });
  });

  it.each(['dvcqg', 'vnpay'])(
    '%s: a repeated, forged, wrong-amount or unknown notification changes nothing and is logged and audited',
    async (gateway) => {
      const c = await p.citizen();
      const code = await fileDossier(p, c.token, '1.900001');
      const { paymentId, redirectUrl } = (await start(c.token, code, gateway)).json();
      await payAtGateway(redirectUrl, 'success');
      const paid = await payment(c.token, paymentId);
      const n = (await sentNotifications(p.base, paid.reference))[0]!;
      const code0 = gateway === 'vnpay' ? 'RspCode' : 'MaLoi';

      const dup = await replay(n);
      expect(dup.body[code0]).toBe('02');
      const forged =
        gateway === 'vnpay'
          ? { ...n, payload: n.payload.replace(/vnp_Amount=\d+/, 'vnp_Amount=100') }
          : { ...n, payload: n.payload.replace(`"SoTien":${FEE}`, '"SoTien":100') };
      expect((await replay(forged)).body[code0]).toBe('97');
      const unknown =
        gateway === 'vnpay'
          ? { ...n, payload: n.payload.replace(/vnp_SecureHash=[0-9a-f]+/, 'vnp_SecureHash=00') }
          : { ...n, payload: n.payload.replace(/"MaXacThuc":"[0-9a-f]+"/, '"MaXacThuc":"00"') };
      expect((await replay(unknown)).body[code0]).toBe('97');

      const after = await payment(c.token, paymentId);
      expect(after).toMatchObject({ status: 'paid', paidAt: paid.paidAt, receipt: paid.receipt });
      const logged = await p.database.db.execute(
        `select outcome from payments.callbacks where reference = '${paid.reference}' order by received_at`,
      );
      expect((logged as unknown as { rows: { outcome: string }[] }).rows.map((r) => r.outcome)).toEqual([
        'applied',
        'duplicate',
        'bad_signature',
        'bad_signature',
      ]);
      await sealAudit(p.deps.db);
      const audit = await p.database.db.execute(
        `select action from audit.events where subject_id = '${paymentId}' order by seq`,
      );
      expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual([
        'payment.started',
        'payment.paid',
        'payment.notification_ignored',
        'payment.notification_refused',
        'payment.notification_refused',
      ]);
    },
  );

  it('a notification with another amount than ours is refused: the payment stays pending', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900001');
    const { paymentId, redirectUrl } = (await start(c.token, code, 'vnpay')).json();
    await payAtGateway(redirectUrl, 'wrong_amount');
    const [n] = await sentNotifications(p.base, (await payment(c.token, paymentId)).reference);
    expect(JSON.parse(n!.answer!)).toEqual({ RspCode: '04', Message: 'invalid amount' });
    expect((await payment(c.token, paymentId)).status).toBe('pending');
  });
});
