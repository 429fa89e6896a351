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
});
