import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import {
  FEE,
  feeProcedure,
  fileDossier,
  listeningPlatform,
  payAtGateway,
  paymentOf,
  sentNotifications,
  startPayment,
} from '../../../test/payments-kit.js';

/**
 * VNPAY transaction statuses that are neither "paid" nor "failed": 04 (reversed after the customer
 * was debited) and 07 (suspected fraud) put the payment in review for a leader to decide; 05/06 are
 * a refund under way, 09 a refund the bank refused. Through the sandbox gateway over real HTTP.
 */
describe.each(DB_KINDS)('VNPAY statuses that need a person, on %s', (kind) => {
  let p: TestPlatform & { base: string };
  let leader: Awaited<ReturnType<TestPlatform['staff']>>;

  const start = (token: string, code: string) => startPayment(p, token, code, 'vnpay');
  const payment = (token: string, id: string) => paymentOf(p, token, id);
  const decide = (token: string | undefined, id: string, decision: 'paid' | 'failed') =>
    p.call('POST', `/api/payments/${id}/review`, {
      token,
      body: { decision, note: 'Đã đối chiếu với VNPAY qua điện thoại.' },
    });
  const audits = async (id: string, action: string) =>
    Number(
      (
        (await p.database.db.execute(
          `select count(*)::int as n from audit.events where subject_id = '${id}' and action = '${action}'`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    p = await listeningPlatform(kind);
    const admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    await feeProcedure(p, admin.token, '1.900006');
    leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
  });
  afterAll(async () => p?.close());

  it('07 suspected fraud: the IPN puts the payment in review; the payer cannot pay twice; a leader confirms it paid', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900006');
    const { paymentId, redirectUrl } = (await start(c.token, code)).json();
    const back = await payAtGateway(redirectUrl, 'suspected_fraud');
    expect(back.location).toContain('vnp_ResponseCode=07');
    const review = await payment(c.token, paymentId);
    expect(review).toMatchObject({ status: 'review', failureCode: 'GATEWAY_07', receipt: null });
    // The IPN was taken (RspCode 00), not refused.
    const [ipn] = await sentNotifications(p.base, review.reference);
    expect(ipn!.payload).toContain('vnp_TransactionStatus=07');
    expect(ipn!.answer).toContain('"RspCode":"00"');

    // The payer may have been debited: no second attempt, and the page says why.
    const again = await start(c.token, code);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'PAYMENT_IN_REVIEW', params: { paymentId } });
    const fees = (await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}/fees`, { token: c.token })).json();
    expect(fees).toMatchObject({ mayPay: false, status: 'due' });

    // The agency's officers find it in the list of payments in review.
    const listed = await p.call('GET', '/api/payments?status=review', { token: leader.token });
    expect(listed.json().items.map((x: { id: string }) => x.id)).toContain(paymentId);

    // Who may decide: a leader of the agency, nobody else.
    expect((await decide(undefined, paymentId, 'paid')).statusCode).toBe(401);
    const reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    expect((await decide(reception.token, paymentId, 'paid')).json()).toMatchObject({
      status: 403,
      code: 'FORBIDDEN_ROLE',
    });
    const otherLeader = await p.staff({ roles: ['leader'], agencyCode: 'H29' });
    expect((await decide(otherLeader.token, paymentId, 'paid')).json()).toMatchObject({
      status: 404,
      code: 'PAYMENT_NOT_FOUND',
    });
    expect((await decide(c.token, paymentId, 'paid')).statusCode).toBe(403);
    const noNote = await p.call('POST', `/api/payments/${paymentId}/review`, {
      token: leader.token,
      body: { decision: 'paid' },
    });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(noNote.json().errors)).toContain('note');

    // The leader checked with VNPAY: the money arrived. A double click decides once.
    const [first, second] = await Promise.all([
      decide(leader.token, paymentId, 'paid'),
      decide(leader.token, paymentId, 'paid'),
    ]);
    expect(first.statusCode, first.body).toBe(200);
    expect(second.statusCode, second.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'paid', receipt: { number: expect.any(String) } });
    expect(await audits(paymentId, 'payment.review_decided')).toBe(1);
    expect(await audits(paymentId, 'payment.paid')).toBe(1);
    await p.deps.jobs.drain(); // the dossier hears of it through a job
    expect((await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}`, { token: c.token })).json()).toMatchObject(
      { statusCode: 1, fee: { due: false } },
    );
    // Decided: no further decision.
    expect((await decide(leader.token, paymentId, 'failed')).json()).toMatchObject({
      status: 409,
      code: 'PAYMENT_NOT_IN_REVIEW',
    });
  });

  it('04 reversed after the debit, no IPN: the QUERY finds 04 and leaves it in review; a leader says not paid', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900006');
    const { paymentId, redirectUrl } = (await start(c.token, code)).json();
    const back = await payAtGateway(redirectUrl, 'reversed');
    expect(back.location).toBeNull();
    expect(back.page).toContain('Giao dịch bị đảo');
    expect((await payment(c.token, paymentId)).status).toBe('pending');

    p.clock.advance(61_000);
    await p.deps.jobs.drain();
    expect(await payment(c.token, paymentId)).toMatchObject({ status: 'review', failureCode: 'GATEWAY_04' });
    // Review is never given up by time: long past the deadline, the QUERY job leaves it to a person.
    p.clock.advance(3 * 3600_000);
    await p.deps.jobs.drain();
    const checked = await p.call('POST', `/api/payments/${paymentId}/query`, { token: c.token });
    expect(checked.json()).toMatchObject({ status: 'review', failureCode: 'GATEWAY_04' });

    const decided = await decide(leader.token, paymentId, 'failed');
    expect(decided.json()).toMatchObject({
      status: 'failed',
      failureCode: 'REVIEW_REJECTED:GATEWAY_04',
      receipt: null,
    });
    expect((await decide(leader.token, paymentId, 'failed')).statusCode).toBe(200);
    // The fee is due again: the applicant pays anew.
    expect((await start(c.token, code)).statusCode).toBe(201);
  });

  it('a refund VNPAY accepts is under way (05); one the bank refuses (09) changes nothing', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900006');
    const first = (await start(c.token, code)).json();
    await payAtGateway(first.redirectUrl, 'refund_refused');
    expect((await payment(c.token, first.paymentId)).status).toBe('paid');
    const refused = await p.call('POST', `/api/payments/${first.paymentId}/refund`, {
      token: leader.token,
      body: { reason: 'Hồ sơ bị từ chối, hoàn lệ phí.' },
    });
    expect(refused.json()).toMatchObject({ status: 409, code: 'REFUND_REFUSED', params: { gatewayCode: '09' } });
    expect(await payment(c.token, first.paymentId)).toMatchObject({ status: 'paid', refundedAt: null });

    const c2 = await p.citizen();
    const code2 = await fileDossier(p, c2.token, '1.900006');
    const second = (await start(c2.token, code2)).json();
    await payAtGateway(second.redirectUrl, 'success');
    const refunded = await p.call('POST', `/api/payments/${second.paymentId}/refund`, {
      token: leader.token,
      body: { reason: 'Hồ sơ bị từ chối, hoàn lệ phí.' },
    });
    expect(refunded.json()).toMatchObject({ status: 'refunded', amount: FEE });
    const events = (await p.database.db.execute(
      `select after from audit.events where subject_id = '${second.paymentId}' and action = 'payment.refunded'`,
    )) as unknown as { rows: { after: { gatewayState: string } }[] };
    expect(events.rows[0]!.after.gatewayState).toBe('refunding');
  });
});
