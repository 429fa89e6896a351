import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { feeProcedure, fileDossier } from '../../../test/payments-kit.js';
import { checkSepayKey } from './use-cases/bank-push.js';
import { matchKey } from './use-cases/vietqr.js';
import type { PaymentsContext } from './payments.context.js';

/** SePay's own example payload (fixtures/sepay/README.md). */
const DOCS_SAMPLE = JSON.parse(
  readFileSync(new URL('./fixtures/sepay/webhook-docs-sample.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const KEY = 'sepay-test-key-0123456789abcdef';
const ACCOUNT = '113000099887';

describe.each(DB_KINDS)('bank push notifications (SePay webhook) on %s', (kind) => {
  let p: TestPlatform;
  let reception: Awaited<ReturnType<TestPlatform['staff']>>;
  let auditor: Awaited<ReturnType<TestPlatform['staff']>>;
  const enc = encodeURIComponent;
  const push = (body: Record<string, unknown>, authorization: string | null = `Apikey ${KEY}`) =>
    p.call('POST', '/api/payments/bank-notifications/sepay', {
      body,
      headers: authorization ? { authorization } : {},
    });
  /** A citizen's dossier with a VietQR payment waiting, and the push SePay would send for its transfer. */
  async function pendingTransfer() {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900031');
    const r = await p.call('POST', `/api/dossiers/${enc(code)}/payments/vietqr`, {
      token: c.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(r.statusCode, r.body).toBe(201);
    const pay = r.json();
    const bankRef = `FT${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const notice = {
      ...DOCS_SAMPLE,
      id: Math.floor(Math.random() * 1e9),
      gateway: 'VietinBank',
      transactionDate: '2026-12-07 09:15:30',
      accountNumber: ACCOUNT,
      // As a bank writes it on the statement: its own words around ours, without our dots and dashes.
      content: `MBVCB.8812345.${matchKey(pay.transfer.content)}.CT tu 0011000 NGUYEN VAN A`,
      transferAmount: pay.amount,
      referenceCode: bankRef,
    };
    return { c, code, pay, notice };
  }
  const events = async (action: string) =>
    (await p.call('GET', `/api/audit/events?action=${action}&pageSize=100`, { token: auditor.token })).json().items as {
      subjectId: string;
      after: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    p = await createTestPlatform(kind, { env: { BANK_PUSH_SEPAY_API_KEY: KEY } });
    const admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    auditor = await p.staff({ roles: ['admin'] });
    await feeProcedure(p, admin.token, '1.900031', { fees: [{ label: 'Phí công bố', amount: 100_000 }] });
    const acc = await p.call('PUT', '/api/payments/accounts/H26', {
      token: admin.token,
      body: { bankBin: '970415', accountNumber: ACCOUNT, accountName: 'UBND THANH PHO HA NOI' },
    });
    expect(acc.statusCode, acc.body).toBe(200);
    await p.seal('H26');
  });
  afterAll(async () => p?.close());

  it('answers only the aggregator that holds the key; off where no key is configured', async () => {
    const { pay, notice } = await pendingTransfer();
    for (const auth of [null, 'Apikey wrong-key-0123456789abcdef-x', `Bearer ${KEY}`]) {
      const r = await push(notice, auth);
      expect(r.statusCode).toBe(401);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().code).toBe('BANK_PUSH_UNAUTHENTICATED');
    }
    const c = await p.citizen();
    expect((await p.call('GET', `/api/payments/${pay.id}`, { token: c.token })).statusCode).toBe(404);
    const still = await p.call('GET', `/api/payments/${pay.id}`, { token: reception.token });
    expect(still.json().status).toBe('pending');
    const off = { settings: { bankPush: { sepayApiKey: null } } } as unknown as PaymentsContext;
    expect(() => checkSepayKey(off, `Apikey ${KEY}`)).toThrow(
      expect.objectContaining({ status: 404, code: 'BANK_PUSH_NOT_CONFIGURED' }),
    );
    // A body that is not SePay's: the field is named.
    const bad = await push({ ...notice, transferType: 'sideways' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'transferType' });
    // … but only to the aggregator: without the key, the same body is refused for the key.
    expect((await push({ ...notice, transferType: 'sideways' }, null)).json().code).toBe('BANK_PUSH_UNAUTHENTICATED');
  });

  it("takes SePay's own sample as received, not matched, and leaves it for the desk in the audit trail", async () => {
    const r = await push(DOCS_SAMPLE);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ success: true, matched: false, reason: 'NOT_MATCHED' });
    const seen = (await events('payment.transfer_push_unmatched')).find((e) => e.subjectId === 'MBVCB.3278907687');
    expect(seen?.after).toMatchObject({ reason: 'NOT_MATCHED', account: '0123499999', amount: 2277000 });
    expect((await push({ ...DOCS_SAMPLE, transferType: 'out' })).json()).toEqual({
      success: true,
      matched: false,
      reason: 'OUTGOING',
    });
  });

  it('a transfer pushed by the bank settles its payment once, however often it is pushed or also reported', async () => {
    const { c, code, pay, notice } = await pendingTransfer();
    // Twice at once (the aggregator's retry racing its first attempt): one settlement.
    const [a, b] = await Promise.all([push(notice), push(notice)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect([a.json().matched, b.json().matched]).toEqual([true, true]);
    expect([a.json().replayed, b.json().replayed].sort()).toEqual([false, true]);
    expect(a.json().paymentId).toBe(pay.id);
    const paid = (await p.call('GET', `/api/payments/${pay.id}`, { token: c.token })).json();
    expect(paid).toMatchObject({ status: 'paid', gatewayTxnId: notice.referenceCode, transfer: null });
    expect(paid.receipt.number).toMatch(/^\d{7}$/);
    // The bank's time (Vietnam wall clock) is the payment's.
    expect(new Date(paid.paidAt).toISOString()).toBe('2026-12-07T02:15:30.000Z');
    const again = await push(notice);
    expect(again.json()).toMatchObject({ matched: true, replayed: true, paymentId: pay.id });
    // The officer who reports the same statement line later finds it settled.
    const reported = await p.call('POST', '/api/payments/transfers', {
      token: reception.token,
      body: { content: notice.content, amount: pay.amount, bankTxnId: notice.referenceCode },
    });
    expect(reported.statusCode).toBe(200);
    expect(reported.json().receipt.number).toBe(paid.receipt.number);
    expect((await events('payment.transfer_pushed')).filter((e) => e.subjectId === pay.id)).toHaveLength(1);
    await p.deps.jobs.drain();
    const d = (await p.call('GET', `/api/dossiers/${enc(code)}`, { token: c.token })).json();
    expect(d.fee).toMatchObject({ due: false });
    expect(d.history.filter((h: { action: string }) => h.action === 'fee_paid')).toHaveLength(1);
  });

  it('money into another account, or of another amount, settles nothing and is left for the desk', async () => {
    const { c, pay, notice } = await pendingTransfer();
    const elsewhere = await push({ ...notice, accountNumber: '999999999', referenceCode: `${notice.referenceCode}A` });
    expect(elsewhere.json()).toEqual({ success: true, matched: false, reason: 'NOT_MATCHED' });
    const short = await push({
      ...notice,
      transferAmount: pay.amount - 10_000,
      referenceCode: `${notice.referenceCode}B`,
    });
    expect(short.json()).toEqual({ success: true, matched: false, reason: 'AMOUNT_MISMATCH' });
    const unmatched = await events('payment.transfer_push_unmatched');
    expect(unmatched.find((e) => e.subjectId === pay.id)?.after).toMatchObject({ reason: 'AMOUNT_MISMATCH' });
    expect((await p.call('GET', `/api/payments/${pay.id}`, { token: c.token })).json().status).toBe('pending');
    // The right transfer then settles it; one bank transaction never pays two dossiers.
    expect((await push(notice)).json()).toMatchObject({ matched: true, replayed: false });
    const other = await pendingTransfer();
    const reused = await push({ ...other.notice, referenceCode: notice.referenceCode });
    expect(reused.json()).toEqual({ success: true, matched: false, reason: 'BANK_TXN_USED' });
    expect((await p.call('GET', `/api/payments/${other.pay.id}`, { token: other.c.token })).json().status).toBe(
      'pending',
    );
  });
  describe('the unmatched pushes page', () => {
    type Push = { id: string; bankTxnId: string; status: string; amount: number; content: string } & Record<
      string,
      unknown
    >;
    const list = async (token: string, status = 'open') =>
      (await p.call('GET', `/api/payments/bank-pushes?status=${status}`, { token })).json().items as Push[];
    const keptOf = async (bankTxnId: string) =>
      (await list(reception.token, 'all')).find((x) => x.bankTxnId === bankTxnId);
    /** A transfer of the right amount whose content lost the reference (the payer typed his own words). */
    async function lostReference() {
      const t = await pendingTransfer();
      const notice = { ...t.notice, content: 'NGUYEN VAN A nop phi ho so' };
      expect((await push(notice)).json()).toEqual({ success: true, matched: false, reason: 'NOT_MATCHED' });
      const kept = (await list(reception.token)).find((x) => x.bankTxnId === notice.referenceCode)!;
      return { ...t, notice, kept };
    }

    it('keeps a push that settled nothing once, with its amount, content, time, account and reference', async () => {
      const { notice, kept } = await lostReference();
      expect((await push(notice)).json().matched).toBe(false);
      const rows = (await list(reception.token)).filter((x) => x.bankTxnId === notice.referenceCode);
      expect(rows).toHaveLength(1);
      expect(kept).toMatchObject({
        agencyCode: 'H26',
        bank: 'VietinBank',
        accountNumber: ACCOUNT,
        amount: notice.transferAmount,
        content: 'NGUYEN VAN A nop phi ho so',
        reason: 'NOT_MATCHED',
        status: 'open',
        transactionAt: '2026-12-07T02:15:30.000Z',
      });
      // Another amount for a named payment is kept for that payment's agency, with the payment it named.
      const { pay, notice: n2 } = await pendingTransfer();
      await push({ ...n2, transferAmount: pay.amount + 5_000 });
      expect((await keptOf(n2.referenceCode))!).toMatchObject({
        reason: 'AMOUNT_MISMATCH',
        candidatePaymentId: pay.id,
      });
      // Money into an account no agency here collects into: the administrator's list only.
      await push({ ...n2, accountNumber: '5555000111', referenceCode: `${n2.referenceCode}X` });
      expect(await keptOf(`${n2.referenceCode}X`)).toBeUndefined();
      const all = await list(auditor.token);
      expect(all.find((x) => x.bankTxnId === `${n2.referenceCode}X`)).toMatchObject({ agencyCode: null });
    });

    it('is for the payments officers of the receiving agency only', async () => {
      const { kept, pay } = await lostReference();
      const other = await p.staff({ roles: ['reception'], agencyCode: 'H41' });
      const specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
      const c = await p.citizen();
      expect((await list(other.token)).find((x) => x.id === kept.id)).toBeUndefined();
      for (const [method, url, body] of [
        ['GET', `/api/payments/bank-pushes/${kept.id}/candidates`, undefined],
        ['POST', `/api/payments/bank-pushes/${kept.id}/match`, { paymentId: pay.id }],
        ['POST', `/api/payments/bank-pushes/${kept.id}/dismiss`, { reason: 'Không phải của tôi' }],
      ] as const) {
        const r = await p.call(method, url, { token: other.token, body });
        expect(r.statusCode, `${method} ${url}`).toBe(404);
        expect(r.json().code).toBe('BANK_PUSH_NOT_FOUND');
        expect((await p.call(method, url, { token: specialist.token, body })).statusCode).toBe(403);
        expect((await p.call(method, url, { token: c.token, body })).statusCode).toBe(403);
        expect((await p.call(method, url, { body })).statusCode).toBe(401);
      }
      expect((await p.call('GET', '/api/payments/bank-pushes', { token: specialist.token })).statusCode).toBe(403);
      expect((await keptOf(kept.bankTxnId))!.status).toBe('open');
      expect((await p.call('GET', `/api/payments/${pay.id}`, { token: reception.token })).json().status).toBe(
        'pending',
      );
    });

    it('an officer matches it to the waiting payment by hand: settled once, however often or by whom', async () => {
      const { c, code, pay, kept } = await lostReference();
      const cands = await p.call('GET', `/api/payments/bank-pushes/${kept.id}/candidates`, { token: reception.token });
      expect(cands.statusCode, cands.body).toBe(200);
      expect(cands.json().items[0]).toMatchObject({ amount: pay.amount });
      expect(cands.json().items.map((x: { id: string }) => x.id)).toContain(pay.id);
      const leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
      const match = (token: string, paymentId = pay.id) =>
        p.call('POST', `/api/payments/bank-pushes/${kept.id}/match`, { token, body: { paymentId } });
      // Two officers at once: one settlement, one receipt.
      const [a, b] = await Promise.all([match(reception.token), match(leader.token)]);
      expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([200, 200]);
      expect([a.json().replayed, b.json().replayed].sort()).toEqual([false, true]);
      expect(a.json().push).toMatchObject({ status: 'matched', paymentId: pay.id });
      const paid = (await p.call('GET', `/api/payments/${pay.id}`, { token: c.token })).json();
      expect(paid).toMatchObject({ status: 'paid', gatewayTxnId: kept.bankTxnId });
      expect(paid.receipt.number).toMatch(/^\d{7}$/);
      expect((await events('payment.transfer_push_matched')).filter((e) => e.subjectId === pay.id)).toHaveLength(1);
      expect((await list(reception.token)).find((x) => x.id === kept.id)).toBeUndefined();
      // Matched to another payment: refused; the payment already paid cannot take a second push.
      const other = await pendingTransfer();
      const again = await match(reception.token, other.pay.id);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('BANK_PUSH_RESOLVED');
      const second = await lostReference();
      const onPaid = await p.call('POST', `/api/payments/bank-pushes/${second.kept.id}/match`, {
        token: reception.token,
        body: { paymentId: pay.id },
      });
      expect(onPaid.statusCode).toBe(409);
      expect(onPaid.json().code).toBe('PAYMENT_NOT_PENDING');
      // A payment of another agency is not a candidate.
      const foreign = await p.call('POST', `/api/payments/bank-pushes/${second.kept.id}/match`, {
        token: reception.token,
        body: { paymentId: 'pay_not_a_payment_here' },
      });
      expect(foreign.statusCode).toBe(422);
      expect(foreign.json().errors[0]).toMatchObject({ path: 'paymentId', code: 'PAYMENT_NOT_ELIGIBLE' });
      await p.deps.jobs.drain();
      const d = (await p.call('GET', `/api/dossiers/${enc(code)}`, { token: c.token })).json();
      expect(d.history.filter((h: { action: string }) => h.action === 'fee_paid')).toHaveLength(1);
    });

    it('an officer sets one aside with a reason; a statement line reported at the desk closes its push', async () => {
      const { kept, pay, notice } = await lostReference();
      const dismiss = (reason: string) =>
        p.call('POST', `/api/payments/bank-pushes/${kept.id}/dismiss`, { token: reception.token, body: { reason } });
      const empty = await dismiss('  ');
      expect(empty.statusCode).toBe(422);
      expect(empty.json().errors[0]).toMatchObject({ path: 'reason', code: 'REQUIRED' });
      const done = await dismiss('Chuyển nhầm, đã hoàn trả cho người nộp');
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({
        status: 'dismissed',
        dismissReason: 'Chuyển nhầm, đã hoàn trả cho người nộp',
      });
      expect((await dismiss('Lý do khác')).statusCode).toBe(409);
      const late = await p.call('POST', `/api/payments/bank-pushes/${kept.id}/match`, {
        token: reception.token,
        body: { paymentId: pay.id },
      });
      expect(late.json().code).toBe('BANK_PUSH_RESOLVED');
      expect(
        (await events('payment.transfer_push_dismissed')).find((e) => e.subjectId === kept.id)?.after,
      ).toMatchObject({ reason: 'Chuyển nhầm, đã hoàn trả cho người nộp' });
      expect((await list(reception.token, 'dismissed')).map((x) => x.id)).toContain(kept.id);
      expect(notice.referenceCode).toBe(kept.bankTxnId);
      // Another lost reference, settled by the desk's report of the statement line: the push is closed with it.
      const next = await lostReference();
      const reported = await p.call('POST', '/api/payments/transfers', {
        token: reception.token,
        body: {
          content: next.pay.transfer.content,
          amount: next.pay.amount,
          bankTxnId: next.kept.bankTxnId,
        },
      });
      expect(reported.statusCode, reported.body).toBe(201);
      expect((await list(reception.token, 'matched')).find((x) => x.id === next.kept.id)).toMatchObject({
        paymentId: next.pay.id,
      });
    });
  });
});
