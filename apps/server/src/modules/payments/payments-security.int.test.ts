import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { FEE, feeProcedure, fileDossier, listeningPlatform, payAtGateway } from '../../../test/payments-kit.js';

type User = { token: string };

/** Every payments endpoint: not logged in (401), wrong role (403), wrong person or agency (404 / 403). */
describe.each(DB_KINDS)('payments access rules on %s', (kind) => {
  let p: TestPlatform & { base: string };
  let owner: User;
  let stranger: User;
  const staff: Record<string, User> = {};
  let code = '';
  let paidId = '';
  let pendingId = '';
  let timeoutRef: { paymentId: string } | null = null;
  const enc = encodeURIComponent;
  const status = async (method: 'GET' | 'POST' | 'PUT', url: string, who: User | null, body?: unknown) =>
    (await p.call(method, url, { token: who?.token, body, headers: { 'idempotency-key': crypto.randomUUID() } }))
      .statusCode;

  beforeAll(async () => {
    p = await listeningPlatform(kind);
    const admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    await feeProcedure(p, admin.token, '1.900007');
    owner = await p.citizen();
    stranger = await p.citizen();
    for (const [name, roles, agencyCode] of [
      ['reception', ['reception'], 'H26'],
      ['clerk', ['clerk'], 'H26'],
      ['leader', ['leader'], 'H26'],
      ['specialist', ['specialist'], 'H26'],
      ['otherReception', ['reception'], 'H41'],
      ['otherLeader', ['leader'], 'H41'],
    ] as const) {
      staff[name] = await p.staff({ roles: [...roles], agencyCode });
    }
    code = await fileDossier(p, owner.token, '1.900007');
    const first = (
      await p.call('POST', `/api/dossiers/${enc(code)}/payments`, {
        token: owner.token,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: {},
      })
    ).json();
    await payAtGateway(first.redirectUrl, 'failure');
    const second = (
      await p.call('POST', `/api/dossiers/${enc(code)}/payments`, {
        token: owner.token,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: {},
      })
    ).json();
    await payAtGateway(second.redirectUrl, 'success');
    paidId = second.paymentId;
    const other = await fileDossier(p, owner.token, '1.900007');
    pendingId = (
      await p.call('POST', `/api/dossiers/${enc(other)}/payments`, {
        token: owner.token,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: {},
      })
    ).json().paymentId;
    // Paid at the gateway, still pending here: a mismatch of H26 for the reconciliation.
    const third = await fileDossier(p, owner.token, '1.900007');
    timeoutRef = (
      await p.call('POST', `/api/dossiers/${enc(third)}/payments`, {
        token: owner.token,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: { gateway: 'vnpay' },
      })
    ).json();
    await payAtGateway((timeoutRef as unknown as { redirectUrl: string }).redirectUrl, 'timeout');
  });
  afterAll(async () => p?.close());

  it('GET /api/dossiers/{code}/fees: the applicant and staff of the agency only', async () => {
    const url = `/api/dossiers/${enc(code)}/fees`;
    expect(await status('GET', url, null)).toBe(401);
    expect(await status('GET', url, stranger)).toBe(404);
    expect(await status('GET', url, staff.otherReception!)).toBe(404);
    expect(await status('GET', url, owner)).toBe(200);
    expect(await status('GET', url, staff.clerk!)).toBe(200);
  });

  it('PUT /api/dossiers/{code}/fees: officers of the agency with a fee-setting role', async () => {
    const other = await fileDossier(p, owner.token, '1.900007');
    const url = `/api/dossiers/${enc(other)}/fees`;
    const body = { lines: [{ label: 'Lệ phí', amount: 5_000 }] };
    expect(await status('PUT', url, null, body)).toBe(401);
    expect(await status('PUT', url, owner, body)).toBe(403);
    expect(await status('PUT', url, staff.clerk!, body)).toBe(403);
    expect(await status('PUT', url, staff.otherReception!, body)).toBe(404);
    expect(await status('PUT', url, staff.specialist!, body)).toBe(200);
  });

  it('POST /api/dossiers/{code}/payments: the applicant only', async () => {
    const other = await fileDossier(p, owner.token, '1.900007');
    const url = `/api/dossiers/${enc(other)}/payments`;
    expect(await status('POST', url, null, {})).toBe(401);
    expect(await status('POST', url, staff.reception!, {})).toBe(403);
    expect(await status('POST', url, stranger, {})).toBe(404);
    expect(await status('POST', url, owner, { gateway: 'paypal' })).toBe(422);
    expect(await status('POST', url, owner, {})).toBe(201);
  });

  it('POST /api/dossiers/{code}/payments/desk: desk officers of the agency', async () => {
    const other = await fileDossier(p, owner.token, '1.900007');
    const url = `/api/dossiers/${enc(other)}/payments/desk`;
    const body = { method: 'cash', amount: FEE };
    expect(await status('POST', url, null, body)).toBe(401);
    expect(await status('POST', url, owner, body)).toBe(403);
    expect(await status('POST', url, staff.leader!, body)).toBe(403);
    expect(await status('POST', url, staff.otherReception!, body)).toBe(404);
    expect(await status('POST', url, staff.reception!, body)).toBe(201);
  });

  it('GET /api/payments: staff, scoped to their agency', async () => {
    expect(await status('GET', '/api/payments', null)).toBe(401);
    expect(await status('GET', '/api/payments', owner)).toBe(403);
    expect(await status('GET', '/api/payments?agency=H26', staff.otherLeader!)).toBe(403);
    const theirs = (await p.call('GET', '/api/payments', { token: staff.otherLeader!.token })).json();
    expect(theirs.total).toBe(0);
    const ours = (await p.call('GET', '/api/payments?status=paid', { token: staff.leader!.token })).json();
    expect(ours.items.map((x: { id: string }) => x.id)).toContain(paidId);
    expect(
      ours.items.every(
        (x: { status: string; redirectUrl: string | null }) => x.status === 'paid' && x.redirectUrl === null,
      ),
    ).toBe(true);
  });

  it.each([
    ['GET', '/api/payments/{id}'],
    ['POST', '/api/payments/{id}/query'],
    ['GET', '/api/payments/{id}/receipt.pdf'],
  ] as const)('%s %s: the payer and staff of the agency only', async (method, pattern) => {
    const url = (id: string) => pattern.replace('{id}', id);
    expect(await status(method, url(paidId), null)).toBe(401);
    expect(await status(method, url(paidId), stranger)).toBe(404);
    expect(await status(method, url(paidId), staff.otherLeader!)).toBe(404);
    expect(await status(method, url('pay_nonexistent'), owner)).toBe(404);
    expect(await status(method, url(paidId), owner)).toBe(200);
    expect(await status(method, url(paidId), staff.clerk!)).toBe(200);
  });

  it('a receipt exists only once paid; the gateway URL is shown only to the payer', async () => {
    expect((await p.call('GET', `/api/payments/${pendingId}/receipt.pdf`, { token: owner.token })).json().code).toBe(
      'RECEIPT_NOT_ISSUED',
    );
    expect((await p.call('GET', `/api/payments/${pendingId}`, { token: owner.token })).json().redirectUrl).toMatch(
      /^http/,
    );
    expect(
      (await p.call('GET', `/api/payments/${pendingId}`, { token: staff.reception!.token })).json().redirectUrl,
    ).toBeNull();
  });

  it('POST /api/payments/{id}/refund: leaders of the agency', async () => {
    const url = `/api/payments/${paidId}/refund`;
    const body = { reason: 'Thử quyền hoàn tiền' };
    expect(await status('POST', url, null, body)).toBe(401);
    expect(await status('POST', url, owner, body)).toBe(403);
    expect(await status('POST', url, staff.reception!, body)).toBe(403);
    expect(await status('POST', url, staff.otherLeader!, body)).toBe(404);
  });

  it('reconciliation: leaders and administrators; others are refused', async () => {
    const date = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    for (const [method, url, body] of [
      ['GET', `/api/payments/reconciliation?date=${date}`, undefined],
      ['POST', '/api/payments/reconciliation', { date }],
    ] as const) {
      expect(await status(method, url, null, body)).toBe(401);
      expect(await status(method, url, owner, body)).toBe(403);
      expect(await status(method, url, staff.reception!, body)).toBe(403);
    }
    expect(await status('POST', '/api/payments/reconciliation', staff.leader!, { date })).toBe(200);
    const ids = async (who: User) =>
      (
        (await p.call('GET', `/api/payments/reconciliation?date=${date}`, { token: who.token })).json().items as {
          mismatches: { paymentId: string }[];
        }[]
      ).flatMap((r) => r.mismatches.map((m) => m.paymentId));
    expect(await ids(staff.leader!)).toContain(timeoutRef!.paymentId);
    expect(await ids(staff.otherLeader!)).toEqual([]);
  });

  it('callbacks need no login but only a gateway’s signature opens them; unknown gateways do not exist', async () => {
    const forged = await p.call('POST', '/api/payments/callback/dvcqg', {
      token: owner.token,
      body: {
        LoaiBanTin: 'CONFIRM',
        MaLoi: '00',
        MaDoiTac: 'EGOV-SANDBOX',
        MaThamChieu: 'X',
        SoTien: 1,
        MaXacThuc: 'ab',
      },
    });
    expect(forged.json()).toMatchObject({ MaLoi: '97' });
    expect((await p.call('GET', '/api/payments/callback/paypal?x=1')).statusCode).toBe(422);
    const ret = await p.call('GET', '/api/payments/return/vnpay?vnp_TxnRef=UNKNOWN');
    expect(ret.statusCode).toBe(303);
    expect(ret.headers.location).toBe('/my/dossiers');
  });
});
