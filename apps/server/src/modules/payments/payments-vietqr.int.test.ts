import jsQR from 'jsqr';
import { parse } from 'promptparse';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { feeProcedure, fileDossier } from '../../../test/payments-kit.js';
import { matchKey, transferContent } from './use-cases/vietqr.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

/** Decode a QR payload independently: draw it with `qrcode`, read the pixels back with `jsqr`, parse the EMVCo TLV with `promptparse`. */
function readQr(payload: string) {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const scale = 4;
  const quiet = 4;
  const w = (n + 2 * quiet) * scale;
  const rgba = new Uint8ClampedArray(w * w * 4).fill(255);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++)
      if (qr.modules.get(y, x))
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++) {
            const i = (((y + quiet) * scale + dy) * w + (x + quiet) * scale + dx) * 4;
            rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
          }
  const read = jsQR(rgba, w, w);
  expect(read?.data).toBe(payload);
  const emv = parse(read!.data, true); // strict: checks the CRC (tag 63)
  expect(emv, 'EMVCo payload with a valid CRC').toBeTruthy();
  return emv!;
}

describe.each(DB_KINDS)('fee table and VietQR bank transfers on %s', (kind) => {
  let p: TestPlatform;
  let admin: Staff;
  let reception: Staff;
  const enc = encodeURIComponent;
  const fees = async (token: string, code: string) =>
    (await p.call('GET', `/api/dossiers/${enc(code)}/fees`, { token })).json();
  const qr = (token: string, code: string, key = crypto.randomUUID()) =>
    p.call('POST', `/api/dossiers/${enc(code)}/payments/vietqr`, { token, headers: { 'idempotency-key': key } });
  const report = (token: string, body: Record<string, unknown>) =>
    p.call('POST', '/api/payments/transfers', { token, body });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    await feeProcedure(p, admin.token, '1.900031', {
      fees: [
        { label: 'Lệ phí đăng ký', amount: 50_000, onlineAmount: 0, note: 'Miễn khi nộp trực tuyến' },
        { label: 'Phí công bố', amount: 100_000 },
      ],
    });
    await p.seal('H26');
  });
  afterAll(async () => p?.close());

  it('charges an online dossier what the fee table sets for the online channel, and shows both', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900031');
    // The dossier says the same amount from its submission on, and the citizen's list prompts to pay.
    const d = (await p.call('GET', `/api/dossiers/${enc(code)}`, { token: c.token })).json();
    expect(d.fee).toMatchObject({ amount: 100_000, due: true });
    const mine = (await p.call('GET', '/api/dossiers', { token: c.token })).json();
    expect(mine.items, JSON.stringify(mine)).toBeDefined();
    expect(mine.items.find((i: { code: string }) => i.code === code).fee).toEqual({ amount: 100_000, due: true });
    const f = await fees(c.token, code);
    expect(f).toMatchObject({ amount: 100_000, status: 'due', transferAvailable: false });
    expect(f.lines).toEqual([
      { label: 'Lệ phí đăng ký', amount: 0 },
      { label: 'Phí công bố', amount: 100_000 },
    ]);
    expect(f.schedule).toEqual({
      online: true,
      total: 100_000,
      lines: [
        { label: 'Lệ phí đăng ký', amount: 50_000, onlineAmount: 0, note: 'Miễn khi nộp trực tuyến', applied: 0 },
        { label: 'Phí công bố', amount: 100_000, onlineAmount: null, note: null, applied: 100_000 },
      ],
    });
    // The desk officer sees the same table and amount.
    expect(await fees(reception.token, code)).toMatchObject({ amount: 100_000, schedule: { total: 100_000 } });
  });

  it('the collection account: set by the agency administrator, checked, 401/403/404 for others', async () => {
    const url = '/api/payments/accounts/H26';
    const body = { bankBin: '970415', accountNumber: '113000012345', accountName: 'UBND THANH PHO HA NOI' };
    expect((await p.call('PUT', url, { body })).statusCode).toBe(401);
    expect((await p.call('PUT', url, { token: reception.token, body })).statusCode).toBe(403);
    const other = await p.staff({ roles: ['agency_admin'], agencyCode: 'H41' });
    expect((await p.call('PUT', url, { token: other.token, body })).statusCode).toBe(404);
    const c = await p.citizen();
    expect((await p.call('GET', url, { token: c.token })).statusCode).toBe(403);
    const bad = await p.call('PUT', url, { token: admin.token, body: { ...body, bankBin: '123456' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'bankBin', code: 'UNKNOWN_BANK' });
    const ok = await p.call('PUT', url, { token: admin.token, body });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().account).toMatchObject({ bankName: 'VietinBank', accountNumber: '113000012345' });
    expect((await p.call('GET', url, { token: reception.token })).json().account.bankBin).toBe('970415');
  });

  it('the applicant pays by VietQR: the QR carries the account, amount and dossier code; a reported transfer settles it once', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900031');
    expect((await fees(c.token, code)).transferAvailable).toBe(true);
    expect((await qr(reception.token, code)).statusCode).toBe(403);
    expect((await p.call('POST', `/api/dossiers/${enc(code)}/payments/vietqr`, {})).statusCode).toBe(401);
    const stranger = await p.citizen();
    expect((await qr(stranger.token, code)).statusCode).toBe(404);

    const key = crypto.randomUUID();
    const first = await qr(c.token, code, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await qr(c.token, code, key);
    expect(again.json().id).toBe(first.json().id);
    expect((await qr(c.token, code)).json().id).toBe(first.json().id); // another key: still one QR
    const pay = first.json();
    expect(pay).toMatchObject({ gateway: 'vietqr', method: 'transfer', status: 'pending', amount: 100_000 });
    // As printed on the receipt, without the 000.00.00. prefix that would not fit in 25 characters.
    expect(pay.transfer.content).toMatch(
      new RegExp(`^${code.replace('000.00.00.', '').replace(/\./g, '\\.')} [0-9A-Z]{3}$`),
    );
    expect(pay.transfer.content.length).toBeLessThanOrEqual(25);

    // Decoded by other libraries than the one that built it.
    const emv = readQr(pay.transfer.payload);
    expect(emv.getTagValue('00')).toBe('01');
    expect(emv.getTagValue('01')).toBe('12'); // dynamic: with an amount
    expect(emv.getTagValue('38', '00')).toBe('A000000727'); // NAPAS
    const beneficiary = parse(emv.getTagValue('38', '01')!)!;
    expect(beneficiary.getTagValue('00')).toBe('970415');
    expect(beneficiary.getTagValue('01')).toBe('113000012345');
    expect(emv.getTagValue('38', '02')).toBe('QRIBFTTA');
    expect(emv.getTagValue('53')).toBe('704');
    expect(emv.getTagValue('54')).toBe('100000');
    expect(emv.getTagValue('58')).toBe('VN');
    expect(emv.getTagValue('62', '08')).toBe(pay.transfer.content);

    // Online gateways wait while the QR is open.
    const gw = await p.call('POST', `/api/dossiers/${enc(code)}/payments`, {
      token: c.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {},
    });
    expect(gw.json().code).toBe('TRANSFER_PENDING');

    // The bank shows the content with its own words, without the dots and dashes.
    const seen = `MBVCB.8812345.${matchKey(pay.transfer.content)}.CT tu 0011000 NGUYEN VAN A`;
    expect((await report(c.token, { content: seen, amount: 100_000, bankTxnId: 'FT26340000001' })).statusCode).toBe(
      403,
    );
    const elsewhere = await p.staff({ roles: ['reception'], agencyCode: 'H41' });
    const hidden = await report(elsewhere.token, { content: seen, amount: 100_000, bankTxnId: 'FT26340000001' });
    expect(hidden.json().errors[0]).toMatchObject({ path: 'content', code: 'TRANSFER_NOT_MATCHED' });
    const short = await report(reception.token, { content: seen, amount: 90_000, bankTxnId: 'FT26340000001' });
    expect(short.json().errors[0]).toMatchObject({ path: 'amount', code: 'AMOUNT_MISMATCH' });
    const nothing = await report(reception.token, { content: 'CHUYEN TIEN', amount: 100_000, bankTxnId: 'FT2' });
    expect(nothing.json().errors[0]).toMatchObject({ path: 'content', code: 'TRANSFER_NOT_MATCHED' });

    const ok = await report(reception.token, { content: seen, amount: 100_000, bankTxnId: 'FT26340000001' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ id: pay.id, status: 'paid', gatewayTxnId: 'FT26340000001', transfer: null });
    expect(ok.json().receipt.number).toMatch(/^\d{7}$/);
    const twice = await report(reception.token, { content: seen, amount: 100_000, bankTxnId: 'FT26340000001' });
    expect(twice.statusCode).toBe(200);
    expect(twice.headers['idempotent-replayed']).toBe('true');
    expect(twice.json().receipt.number).toBe(ok.json().receipt.number);
    expect(await fees(c.token, code)).toMatchObject({ status: 'paid', mayPay: false });
    await p.deps.jobs.drain();
    const d = (await p.call('GET', `/api/dossiers/${enc(code)}`, { token: c.token })).json();
    expect(d.fee).toMatchObject({ due: false });
    expect(d.history.some((h: { action: string }) => h.action === 'fee_paid')).toBe(true);
  });

  it('the payer cancels an unpaid QR to pay another way; a later transfer for it is not taken silently', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900031');
    const pay = (await qr(c.token, code)).json();
    const other = await p.citizen();
    expect((await p.call('POST', `/api/payments/${pay.id}/cancel`, { token: other.token })).statusCode).toBe(404);
    const x = await p.call('POST', `/api/payments/${pay.id}/cancel`, { token: c.token });
    expect(x.json()).toMatchObject({ status: 'failed', failureCode: 'CANCELLED', transfer: null });
    const next = (await qr(c.token, code)).json();
    expect(next.id).not.toBe(pay.id);
    expect(next.transfer.content).not.toBe(pay.transfer.content);
    const late = await report(reception.token, { content: pay.transfer.content, amount: 100_000, bankTxnId: 'FT9' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'PAYMENT_NOT_PENDING' });
  });

  it('transfer content fits the 25 characters of EMVCo field 62.08 and matches however the bank writes it', () => {
    expect(transferContent('H26.X004-261206-0001', 'K7M')).toBe('H26.X004-261206-0001 K7M');
    expect(transferContent('000.00.00.H26-261206-0001', 'K7M')).toBe('H26-261206-0001 K7M');
    const long = transferContent('000.00.12.H26.X004.P01-261206-0001', 'K7M');
    expect(long).toBe('H26X004P012612060001 K7M');
    expect(transferContent('H26.X004.P01.Q02.R03-261206-0001', 'K7M').length).toBe(25);
    expect(matchKey('h26.x004-261206-0001 k7m')).toBe('H26X0042612060001K7M');
    expect(matchKey('Đ H26')).toBe('DH26');
  });
});
