import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProcedureContent } from '../apps/server/test/factories';
import { httpApi } from './support/api';
import { eventually } from './support/eventually';
import { expectAccessible, hasHorizontalScroll, launchChromium, screenshot, submitLogin } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const PROCEDURE = '1.999001';

describe('paying a fee: a citizen pays through the sandbox gateways (a failure, then a retry), the desk sees the money', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let citizen: Page;
  let code = '';
  let deskCode = '';
  let paymentId = '';

  const base = () => server.url.replace('localhost', '127.0.0.1');
  const { call: api, token, fileBirthDossier } = httpApi(base);
  const fileDossier = (t: string) => fileBirthDossier(t, PROCEDURE);

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const ctx = await browser.newContext({ baseURL: server.url, locale: 'vi-VN', viewport, acceptDownloads: true });
    contexts.push(ctx);
    const p = await ctx.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    return p;
  }

  async function login(p: Page, username: string, next: string, password = 'Demo@12345') {
    await submitLogin(p, username, password, next);
    await p.waitForURL((u) => !u.pathname.startsWith('/login'));
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const admin = await token('hn.admin', 'Demo@12345');
    const content = buildProcedureContent({
      name: 'Cấp bản sao trích lục (thử thanh toán)',
      fees: [
        { label: 'Lệ phí cấp bản sao', amount: 70_000 },
        { label: 'Phí thẩm định', amount: 30_000 },
      ],
      feeCollection: 'before',
    });
    expect((await api(admin, 'POST', '/api/procedures', { code: PROCEDURE, ...content })).status).toBe(201);
    expect((await api(admin, 'POST', `/api/procedures/${PROCEDURE}/publish`)).status).toBe(200);
    const c = await token('001099012345', 'Demo@12345');
    code = await fileDossier(c);
    deskCode = await fileDossier(c);
    citizen = await newPage();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('the dossier waits for its fee (status 6) and offers to pay it', async () => {
    await login(citizen, '001099012345', `/my/dossiers/${encodeURIComponent(code)}`);
    await eventually(() => citizen.getByTestId('dossier-status').textContent()).toBe(
      'Chờ thực hiện nghĩa vụ tài chính',
    );
    const fees = citizen.getByTestId('fees');
    await fees.getByRole('heading', { name: 'Phí, lệ phí' }).waitFor();
    expect(await fees.getByTestId('fee-total').textContent()).toBe('100.000\u00a0₫');
    expect(await fees.textContent()).toContain('Nộp trước khi hồ sơ được tiếp nhận.');
    await expectAccessible(citizen, 'payments-dossier-fee-due');
  });

  it('a failed payment at the gateway: the citizen is told and can pay again', async () => {
    await citizen.getByTestId('fees').getByRole('button', { name: 'Thanh toán 100.000 ₫' }).dblclick();
    await citizen.waitForURL('**/sandbox/dvcqg/pay/**');
    await citizen.getByRole('heading', { name: 'Xác nhận thanh toán' }).waitFor();
    expect(await citizen.getByTestId('sandbox-amount').textContent()).toBe('100.000\u00a0₫');
    await expectAccessible(citizen, 'payments-sandbox-page');
    await citizen.getByRole('button', { name: 'Thanh toán thất bại' }).click();
    await citizen.waitForURL('**/payments/pay_*');
    await eventually(() => citizen.getByTestId('payment-result').textContent()).toContain(
      'Thanh toán không thành công',
    );
    await expectAccessible(citizen, 'payments-result-failed');
    await citizen.getByRole('link', { name: 'Quay lại hồ sơ' }).click();
    await citizen.waitForURL(`**/my/dossiers/${code}`);
    await citizen.getByTestId('fees').getByText('Không thành công').waitFor();
  });

  it('paying again through the VNPAY-style gateway succeeds: receipt, and the dossier moves on', async () => {
    const fees = citizen.getByTestId('fees');
    await fees.getByLabel('Cổng thanh toán VNPAY').check();
    await fees.getByRole('button', { name: 'Thanh toán 100.000 ₫' }).click();
    await citizen.waitForURL('**/sandbox/vnpay/paymentv2/vpcpay.html?**');
    await citizen.getByRole('button', { name: 'Thanh toán thành công' }).click();
    await citizen.waitForURL('**/payments/pay_*');
    paymentId = new URL(citizen.url()).pathname.split('/').pop()!;
    await eventually(() => citizen.getByTestId('payment-result').textContent()).toContain('Thanh toán thành công');
    const receipt = citizen.getByRole('link', { name: 'Tải biên lai điện tử' });
    await receipt.waitFor();
    const res = await citizen.request.get(`/api/payments/${paymentId}/receipt.pdf`);
    expect(res.headers()['content-type']).toBe('application/pdf');
    // The demo agency has a seal certificate: the receipt is sealed (PAdES), checked by pdfsig in the integration tests.
    expect(res.headers()['x-receipt-sealed']).toBe('true');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expectAccessible(citizen, 'payments-result-paid');
    await citizen.getByRole('link', { name: 'Quay lại hồ sơ' }).click();
    // The dossier learns of the payment from a background job: no longer held by its fee.
    await eventually(() => citizen.getByTestId('dossier-status').textContent(), 20_000).toBe('Mới đăng ký');
    expect(await citizen.locator('.timeline').textContent()).toContain('Nộp phí, lệ phí');
    await citizen.getByTestId('fees').getByText('Đã thanh toán').first().waitFor();
    await expectAccessible(citizen, 'payments-dossier-paid');
  });

  it('the desk receives the paid dossier, takes cash for another, and sees the agency’s payments', async () => {
    const reception = await newPage();
    await login(reception, 'hn.motcua', `/staff/dossiers/${encodeURIComponent(code)}`);
    await reception.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await reception.getByRole('button', { name: 'Xác nhận: Tiếp nhận' }).click();
    await eventually(() => reception.getByTestId('dossier-status').textContent()).toBe('Đã tiếp nhận');

    await reception.goto(`/staff/dossiers/${encodeURIComponent(deskCode)}`);
    const panel = reception.getByTestId('staff-fees');
    await panel.getByRole('heading', { name: 'Thu tại bộ phận một cửa' }).waitFor();
    await expectAccessible(reception, 'payments-staff-desk');
    await panel.getByRole('button', { name: 'Ghi nhận đã thu và lập biên lai' }).dblclick();
    await panel.getByRole('link', { name: /^Biên lai BL\/\d{2}E số \d{7}$/ }).waitFor();
    expect(await panel.locator('tr[data-payment]').count()).toBe(1);

    await reception.goto('/staff/payments');
    await reception.getByRole('heading', { name: 'Thu phí, lệ phí' }).waitFor();
    await reception.locator(`tr[data-payment="${paymentId}"]`).waitFor();
    expect(await reception.getByRole('button', { name: 'Xuất CSV' }).isEnabled()).toBe(true);
    await expectAccessible(reception, 'payments-staff-list');
  });

  it('a leader reconciles today against both gateways and sees the paid-online share', async () => {
    const leader = await newPage();
    await login(leader, 'hn.lanhdao', '/staff/payments/reconciliation');
    await leader.getByRole('heading', { name: 'Đối soát giao dịch' }).waitFor();
    await leader.locator('#recon-date').fill(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10));
    await leader.getByRole('button', { name: 'Đối soát ngay' }).click();
    await leader.getByTestId('recon-dvcqg').waitFor();
    await leader.getByTestId('recon-vnpay').waitFor();
    await expectAccessible(leader, 'payments-reconciliation');
    await leader.goto('/staff/stats');
    await eventually(() => leader.getByTestId('paid-online-share').textContent()).toMatch(/%/);
  });

  it('VNPAY suspects fraud (07): the citizen is told the agency checks it; a leader decides it was paid', async () => {
    const reviewCode = await fileDossier(await token('001099012345', 'Demo@12345'));
    await citizen.goto(`/my/dossiers/${encodeURIComponent(reviewCode)}`);
    const fees = citizen.getByTestId('fees');
    await fees.getByLabel('Cổng thanh toán VNPAY').check();
    await fees.getByRole('button', { name: 'Thanh toán 100.000 ₫' }).click();
    await citizen.waitForURL('**/sandbox/vnpay/paymentv2/vpcpay.html?**');
    await citizen.getByRole('button', { name: 'Đã trừ tiền, nghi ngờ gian lận (mã 07)' }).click();
    await citizen.waitForURL('**/payments/pay_*');
    await eventually(() => citizen.getByTestId('payment-result').textContent()).toContain(
      'bạn không cần thanh toán lại',
    );
    await expectAccessible(citizen, 'payments-result-review');
    await citizen.getByRole('link', { name: 'Quay lại hồ sơ' }).click();
    await citizen.getByTestId('review-notice').waitFor();
    // No second payment while the agency checks this one.
    expect(await citizen.getByTestId('fees').getByRole('button', { name: 'Thanh toán 100.000 ₫' }).count()).toBe(0);

    const leader = await newPage();
    await login(leader, 'hn.lanhdao', '/staff/payments?status=review');
    await leader.getByRole('heading', { name: 'Thu phí, lệ phí' }).waitFor();
    await leader.locator('[data-payment-status="review"]').first().waitFor();
    await leader.goto(`/staff/dossiers/${encodeURIComponent(reviewCode)}`);
    const panel = leader.getByTestId('staff-fees');
    await panel.getByText('Chờ kiểm tra thủ công').waitFor();
    await panel.getByRole('button', { name: 'Xử lý giao dịch chờ kiểm tra' }).click();
    await panel.getByLabel('Căn cứ quyết định (kết quả đối chiếu)').fill('VNPAY xác nhận đã nhận tiền qua điện thoại.');
    await expectAccessible(leader, 'payments-review-decision');
    await panel.getByRole('button', { name: 'Đã nhận được 100.000 ₫: lập biên lai' }).dblclick();
    await panel.getByRole('link', { name: /^Biên lai BL\/\d{2}E số \d{7}$/ }).waitFor();
    expect(await panel.locator('[data-payment-status="review"]').count()).toBe(0);
  });

  it('a dossier the desk refuses before its fee was paid no longer asks for it (on a phone)', async () => {
    const refusedCode = await fileDossier(await token('001099012345', 'Demo@12345'));
    const desk = await token('hn.motcua', 'Demo@12345');
    const r = await api(desk, 'POST', `/api/dossiers/${encodeURIComponent(refusedCode)}/actions`, {
      action: 'refuse',
      note: 'Thành phần hồ sơ không đúng quy định.',
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const phone = await newPage({ width: 375, height: 812 });
    await login(phone, '001099012345', `/my/dossiers/${encodeURIComponent(refusedCode)}`);
    await eventually(() => phone.getByTestId('dossier-status').textContent()).toBe('Từ chối tiếp nhận');
    const fees = phone.getByTestId('fees');
    await fees.getByTestId('fee-closed').waitFor();
    expect(await fees.locator('[data-payment-status="closed"]').textContent()).toBe('Không còn phải nộp');
    expect(await phone.getByTestId('pay-prompt').count()).toBe(0);
    expect(await fees.getByRole('button').count()).toBe(0);
    expect(await hasHorizontalScroll(phone, 375)).toBe(false);
    await screenshot(phone, 'payments-refused-fee-closed-phone');
    await expectAccessible(phone, 'payments-refused-fee-closed');
  });

  it('fits a phone (375 px): dossier with fees, sandbox page, payment result', async () => {
    const phone = await newPage({ width: 375, height: 812 });
    expect(
      (
        await phone.request.post('/api/auth/login', { data: { username: '001099012345', password: 'Demo@12345' } })
      ).status(),
    ).toBe(200);
    for (const [path, name, ready] of [
      [`/my/dossiers/${encodeURIComponent(deskCode)}`, 'phone-payments-dossier', '[data-testid="fees"]'],
      [`/payments/${paymentId}`, 'phone-payments-result', '[data-testid="payment-result"]'],
    ] as const) {
      await phone.goto(path);
      await phone.locator(ready).first().waitFor();
      await screenshot(phone, name);
      expect(await hasHorizontalScroll(phone, 375), `${path} scrolls sideways on a phone`).toBe(false);
    }
    const other = await fileDossier(await token('001099012345', 'Demo@12345'));
    const started = await phone.request.post(`/api/dossiers/${encodeURIComponent(other)}/payments`, {
      data: {},
      headers: {
        'idempotency-key': crypto.randomUUID(),
        'x-csrf-token': (await phone.context().cookies()).find((c) => c.name === 'egov_csrf')!.value,
      },
    });
    await phone.goto(((await started.json()) as { redirectUrl: string }).redirectUrl);
    await phone.getByRole('button', { name: 'Thanh toán thành công' }).waitFor();
    await screenshot(phone, 'phone-payments-sandbox');
    expect(await hasHorizontalScroll(phone, 375)).toBe(false);
  });

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
