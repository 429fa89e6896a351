import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPdf } from '../../../test/factories.js';
import { DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { FEE, feeProcedure, fileDossier, listeningPlatform, payAtGateway } from '../../../test/payments-kit.js';

describe.each(DB_KINDS)('fees set by officers, desk payments, receipts, refunds on %s', (kind) => {
  let p: TestPlatform & { base: string };
  let reception: Awaited<ReturnType<TestPlatform['staff']>>;
  let leader: Awaited<ReturnType<TestPlatform['staff']>>;
  let specialist: Awaited<ReturnType<TestPlatform['staff']>>;

  const enc = encodeURIComponent;
  const fees = async (token: string, code: string) =>
    (await p.call('GET', `/api/dossiers/${enc(code)}/fees`, { token })).json();
  const dossier = async (token: string, code: string) =>
    (await p.call('GET', `/api/dossiers/${enc(code)}`, { token })).json();
  const act = (token: string, code: string, body: Record<string, unknown>) =>
    p.call('POST', `/api/dossiers/${enc(code)}/actions`, { token, body });
  const desk = (token: string, code: string, body: Record<string, unknown>, key = crypto.randomUUID()) =>
    p.call('POST', `/api/dossiers/${enc(code)}/payments/desk`, { token, headers: { 'idempotency-key': key }, body });

  beforeAll(async () => {
    p = await listeningPlatform(kind);
    const admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    await feeProcedure(p, admin.token, '1.900003');
    await feeProcedure(p, admin.token, '1.900004', {
      name: 'Thủ tục miễn phí để thử',
      fees: [],
      feeCollection: 'free',
    });
    await feeProcedure(p, admin.token, '1.900005', { name: 'Thủ tục thu phí sau để thử', feeCollection: 'after' });
    await p.seal('H26');
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
  });
  afterAll(async () => p?.close());

  it('an officer sets the fee of a free dossier (due before the result), the citizen is told, pays at the desk in cash, receipt follows', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900004');
    expect(await fees(c.token, code)).toMatchObject({ status: 'none', amount: 0, collection: 'free', mayPay: false });
    const bad = await p.call('PUT', `/api/dossiers/${enc(code)}/fees`, {
      token: reception.token,
      body: { lines: [{ label: '', amount: -5 }] },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['lines.0.label', 'lines.0.amount']),
    );
    const set = await p.call('PUT', `/api/dossiers/${enc(code)}/fees`, {
      token: reception.token,
      body: {
        lines: [
          { label: 'Phí sao y bản chính', amount: 20_000 },
          { label: 'Lệ phí cấp bản sao', amount: 8_000 },
        ],
        note: 'Hai bản sao',
      },
    });
    expect(set.json()).toMatchObject({
      status: 'due',
      amount: 28_000,
      collection: 'after',
      version: 1,
      setByName: expect.any(String),
    });
    await p.deps.jobs.drain();
    // Collected after: nothing holds the dossier yet.
    expect(await dossier(c.token, code)).toMatchObject({
      statusCode: 1,
      fee: { amount: 28_000, collection: 'after', due: true },
    });
    const h = (await dossier(c.token, code)).history.at(-1);
    expect(h).toMatchObject({ action: 'fee_set', note: 'Số tiền phải nộp: 28.000 đồng. Hai bản sao' });
    const mails = await p.database.db.execute(`select subject from platform.dev_mail where "to" = '${c.email}'`);
    expect((mails as unknown as { rows: { subject: string }[] }).rows.map((m) => m.subject)).toContain(
      `Hồ sơ ${code}: Yêu cầu thực hiện nghĩa vụ tài chính`,
    );

    expect((await desk(reception.token, code, { method: 'cash', amount: 20_000 })).json().errors[0]).toMatchObject({
      path: 'amount',
      code: 'AMOUNT_MISMATCH',
    });
    expect((await desk(reception.token, code, { method: 'transfer', amount: 28_000 })).json().errors[0]).toMatchObject({
      path: 'transferRef',
      code: 'REQUIRED',
    });
    const key = crypto.randomUUID();
    const paid = await desk(
      reception.token,
      code,
      { method: 'cash', amount: 28_000, payerName: 'Nguyễn Văn Thử' },
      key,
    );
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({
      status: 'paid',
      method: 'cash',
      gateway: 'desk',
      amount: 28_000,
      receipt: { number: expect.any(String) },
    });
    // A double click on "record payment" records it once.
    const again = await desk(
      reception.token,
      code,
      { method: 'cash', amount: 28_000, payerName: 'Nguyễn Văn Thử' },
      key,
    );
    expect(again.json().id).toBe(paid.json().id);
    expect((await desk(reception.token, code, { method: 'cash', amount: 28_000 })).json().code).toBe(
      'FEE_ALREADY_PAID',
    );
    expect(
      (await p.call('PUT', `/api/dossiers/${enc(code)}/fees`, { token: reception.token, body: { lines: [] } })).json()
        .code,
    ).toBe('FEE_ALREADY_PAID');
    // The citizen gets the receipt too.
    expect(
      (await p.call('GET', `/api/payments/${paid.json().id}/receipt.pdf`, { token: c.token })).headers['content-type'],
    ).toBe('application/pdf');
  });

  it('receipt numbers run per agency and year without gaps, even for concurrent desk payments', async () => {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push(await fileDossier(p, (await p.citizen()).token, '1.900003'));
    const rows = await Promise.all(
      codes.map((code) =>
        desk(reception.token, code, { method: 'transfer', amount: FEE, transferRef: `FT26${code.slice(-4)}` }),
      ),
    );
    expect(rows.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const all = await p.database.db.execute(
      `select number from payments.receipts where agency_code = 'H26' order by number`,
    );
    const numbers = (all as unknown as { rows: { number: number }[] }).rows.map((r) => r.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('with "after" collection the result is not returned until paid; paying returns a full-online result at once', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900005');
    expect((await dossier(c.token, code)).statusCode).toBe(1);
    expect((await act(reception.token, code, { action: 'receive' })).json().statusCode).toBe(2);
    await act(reception.token, code, { action: 'assign', assigneeId: specialist.id });
    await act(specialist.token, code, { action: 'submit_for_approval' });
    await act(leader.token, code, { action: 'approve' });
    // A real PDF: the result is sealed with the agency's seal when issued.
    const pdf = await blankPdf();
    const resultFileId = await p.upload(leader.token, pdf, 'kq.pdf', 'application/pdf');
    const issued = await act(leader.token, code, { action: 'issue_result', resultFileId });
    // Full online, but the fee is unpaid: the result waits, status 6.
    expect(issued.json()).toMatchObject({ status: 'result_issued', statusCode: 6, fee: { due: true } });
    expect((await act(reception.token, code, { action: 'return_result' })).json().code).toBe('FEE_NOT_PAID');
    const { redirectUrl } = (
      await p.call('POST', `/api/dossiers/${enc(code)}/payments`, {
        token: c.token,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: { gateway: 'vnpay' },
      })
    ).json();
    await payAtGateway(redirectUrl, 'success');
    await p.deps.jobs.drain();
    expect(await dossier(c.token, code)).toMatchObject({ status: 'returned', statusCode: 10 });
  });

  it('a dossier stopped before its fee was paid no longer owes it: no prompt, no payment, "closed" everywhere', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900005');
    await act(reception.token, code, { action: 'receive' });
    expect(await fees(c.token, code)).toMatchObject({ status: 'due', mayPay: true });
    expect((await dossier(c.token, code)).fee).toMatchObject({ due: true });
    const stop = { action: 'stop_processing', note: 'Người nộp không bổ sung giấy tờ trong thời hạn quy định.' };
    expect((await act(leader.token, code, stop)).json()).toMatchObject({ statusCode: 8, fee: { due: false } });
    expect(await fees(c.token, code)).toMatchObject({ status: 'closed', mayPay: false });
    expect(await fees(reception.token, code)).toMatchObject({ status: 'closed', maySet: false, mayRecordDesk: false });
    const mine = (await p.call('GET', '/api/dossiers?mine=true', { token: c.token })).json();
    expect(mine.items.find((d: { code: string }) => d.code === code).fee).toMatchObject({ due: false });
    const pay = await p.call('POST', `/api/dossiers/${enc(code)}/payments`, {
      token: c.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { gateway: 'vnpay' },
    });
    expect(pay.statusCode).toBe(409);
  });

  it('a leader refunds: an online payment through the gateway, a cash one as handed back; the fee is due again', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900003');
    const { paymentId, redirectUrl } = (
      await p.call('POST', `/api/dossiers/${enc(code)}/payments`, {
        token: c.token,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: { gateway: 'dvcqg' },
      })
    ).json();
    await payAtGateway(redirectUrl, 'success');
    await p.deps.jobs.drain();
    expect(
      (
        await p.call('POST', `/api/payments/${paymentId}/refund`, {
          token: reception.token,
          body: { reason: 'Hồ sơ bị từ chối' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await p.call('POST', `/api/payments/${paymentId}/refund`, { token: leader.token, body: { reason: 'x' } }))
        .statusCode,
    ).toBe(422);
    const refunded = await p.call('POST', `/api/payments/${paymentId}/refund`, {
      token: leader.token,
      body: { reason: 'Nộp nhầm thủ tục' },
    });
    expect(refunded.json()).toMatchObject({
      status: 'refunded',
      refundReason: 'Nộp nhầm thủ tục',
      receipt: { number: expect.any(String) },
    });
    expect(
      (
        await p.call('POST', `/api/payments/${paymentId}/refund`, {
          token: leader.token,
          body: { reason: 'Nộp nhầm thủ tục' },
        })
      ).json().code,
    ).toBe('PAYMENT_NOT_REFUNDABLE');
    await p.deps.jobs.drain();
    expect(await dossier(c.token, code)).toMatchObject({ statusCode: 6, fee: { due: true } });
    expect((await dossier(c.token, code)).history.at(-1)).toMatchObject({ action: 'fee_refunded' });
    const paidAgain = await desk(reception.token, code, { method: 'cash', amount: FEE });
    expect(paidAgain.json().status).toBe('paid');
    const back = await p.call('POST', `/api/payments/${paidAgain.json().id}/refund`, {
      token: leader.token,
      body: { reason: 'Trả lại tiền mặt' },
    });
    expect(back.json()).toMatchObject({ status: 'refunded', method: 'cash' });
    const audit = await p.database.db.execute(
      `select count(*)::int as n from audit.events where action = 'payment.refunded' and subject_id in ('${paymentId}', '${paidAgain.json().id}')`,
    );
    expect((audit as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(2);
  });

  it('statistics: the share of dossiers with fees that were paid online (Decision 766)', async () => {
    const from = new Date(Date.now() - 24 * 3600_000).toISOString();
    const to = new Date(p.clock.now().getTime() + 24 * 3600_000).toISOString();
    const stats = (
      await p.call('GET', `/api/stats/dossiers?from=${from}&to=${to}&agency=H26`, { token: leader.token })
    ).json();
    const paidOnline = await p.database.db.execute(
      `select count(*)::int as n from dossiers.dossiers where fee_paid_online and fee_paid_at is not null`,
    );
    const withFees = await p.database.db.execute(
      `select count(*)::int as n from dossiers.dossiers where fee_amount > 0 and fee_collection <> 'free'`,
    );
    const n = (r: unknown) => (r as { rows: { n: number }[] }).rows[0]!.n;
    expect(n(withFees)).toBeGreaterThanOrEqual(8);
    expect(stats.totals).toMatchObject({ withFees: n(withFees), paidOnline: n(paidOnline) });
    expect(stats.totals.paidOnlineShare).toBeCloseTo(n(paidOnline) / n(withFees), 6);
    expect(stats.totals.paidOnline).toBeGreaterThanOrEqual(1);
    expect(stats.totals.paidOnline).toBeLessThan(stats.totals.withFees);
  });
});
