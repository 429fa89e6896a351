import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProcedureContent } from '../apps/server/test/factories';
import { httpApi } from './support/api';
import { expectAccessible, hasHorizontalScroll, launchChromium, screenshot, submitLogin } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const PROCEDURE = '1.999032';
const KEY = 'sepay-e2e-key-0123456789abcdef';
const DESKTOP = { width: 1366, height: 900 };

/**
 * Issue 14 item 8: transfers the bank pushed that matched nothing by themselves wait on a page for the agency's
 * payments officer, who matches one to the waiting payment by hand (confirmed, receipt issued) and sets another
 * aside with the reason; at a desktop.
 */
describe('unmatched bank transfers: the payments officer matches one by hand and sets one aside', () => {
  let server: RunningServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let desk: Page;
  const pageErrors: string[] = [];
  const base = () => server.url.replace('localhost', '127.0.0.1');
  const { call: api, token, fileBirthDossier } = httpApi(base);
  let waiting: { id: string; amount: number; code: string };
  const pushed = { matchable: `FT${Date.now()}1`, stray: `FT${Date.now()}2` };

  /** What SePay posts for a transfer into the account (its documented payload). */
  async function push(referenceCode: string, content: string, amount: number, accountNumber: string) {
    const r = await fetch(`${base()}/api/payments/bank-notifications/sepay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Apikey ${KEY}` },
      body: JSON.stringify({
        id: Math.floor(Math.random() * 1e9),
        gateway: 'VietinBank',
        transactionDate: '2026-12-07 09:15:30',
        accountNumber,
        subAccount: null,
        code: null,
        content,
        transferType: 'in',
        transferAmount: amount,
        accumulated: 0,
        referenceCode,
        description: content,
      }),
    });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { matched: boolean }).matched).toBe(false);
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { BANK_PUSH_SEPAY_API_KEY: KEY } }), launchChromium()]);
    const admin = await token('hn.admin');
    const procedure = buildProcedureContent({
      name: 'Đăng ký thử chuyển khoản chưa khớp',
      fees: [{ label: 'Phí công bố', amount: 100_000 }],
      feeCollection: 'before',
    });
    expect((await api(admin, 'POST', '/api/procedures', { code: PROCEDURE, ...procedure })).status).toBe(201);
    expect((await api(admin, 'POST', `/api/procedures/${PROCEDURE}/publish`)).status).toBe(200);
    // The citizen chose to pay by VietQR, then typed his own words as the transfer content.
    const citizen = await token('001099012345');
    const code = await fileBirthDossier(citizen, PROCEDURE);
    const qr = await api(citizen, 'POST', `/api/dossiers/${encodeURIComponent(code)}/payments/vietqr`, undefined, {
      'idempotency-key': crypto.randomUUID(),
    });
    expect(qr.status).toBe(201);
    const pay = qr.json as unknown as { id: string; amount: number };
    waiting = { id: pay.id, amount: pay.amount, code };
    const account = (await api(await token('hn.motcua'), 'GET', '/api/payments/accounts/H26')).json as unknown as {
      account: { accountNumber: string };
    };
    await push(pushed.matchable, 'NGUYEN VAN AN nop phi ho so khai sinh', pay.amount, account.account.accountNumber);
    await push(pushed.stray, 'CHUYEN NHAM TIEN HOC', 2_500_000, account.account.accountNumber);
    ctx = await browser.newContext({ baseURL: server.url, locale: 'vi-VN', viewport: DESKTOP });
    desk = await ctx.newPage();
    desk.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => {
    await ctx?.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('lists the transfers that matched nothing, with amount, content, time, account and reference', async () => {
    await submitLogin(desk, 'hn.motcua', 'Demo@12345', '/staff/payments');
    await desk.waitForURL('**/staff/payments');
    await desk.getByRole('link', { name: 'Chuyển khoản chưa khớp' }).click();
    await desk.waitForURL('**/staff/payments/bank-pushes');
    const row = desk.locator(`[data-push="${pushed.matchable}"]`);
    await row.waitFor();
    const text = String(await row.textContent());
    expect(text).toContain('100.000\u00a0₫');
    expect(text).toContain('NGUYEN VAN AN nop phi ho so khai sinh');
    expect(text).toContain('VietinBank');
    expect(text).toContain('09:15');
    expect(text).toContain('Nội dung không có mã tham chiếu của khoản nào');
    expect(await desk.locator(`[data-push="${pushed.stray}"]`).textContent()).toContain('2.500.000\u00a0₫');
    expect(await hasHorizontalScroll(desk, DESKTOP.width)).toBe(false);
    await expectAccessible(desk, 'bank-pushes-01-list-desktop');
  });

  it('matches one to the waiting payment, after a confirmation; the payment is paid with its receipt', async () => {
    await desk.locator(`[data-push="${pushed.matchable}"]`).getByRole('button', { name: /Xử lý/ }).click();
    const panel = desk.getByTestId('push-handle');
    await panel.waitFor();
    await panel.getByLabel(new RegExp(waiting.code.replace(/\./g, '\\.'))).check();
    await expectAccessible(desk, 'bank-pushes-02-candidates-desktop');
    await panel.getByRole('button', { name: 'Khớp khoản này' }).click();
    await panel.getByText(`Ghi nhận hồ sơ ${waiting.code} đã nộp`).waitFor();
    await screenshot(desk, 'bank-pushes-03-confirm-desktop');
    await panel.getByRole('button', { name: 'Xác nhận khớp và cấp biên lai' }).click();
    await desk.getByText(`Đã khớp: hồ sơ ${waiting.code} đã nộp 100.000`).waitFor();
    await desk.locator(`[data-push="${pushed.matchable}"]`).waitFor({ state: 'detached' });
    await expectAccessible(desk, 'bank-pushes-04-matched-desktop');
    const paid = (await api(await token('hn.motcua'), 'GET', `/api/payments/${waiting.id}`)).json as unknown as {
      status: string;
      gatewayTxnId: string;
      receipt: { number: string } | null;
    };
    expect(paid).toMatchObject({ status: 'paid', gatewayTxnId: pushed.matchable });
    expect(paid.receipt?.number).toMatch(/^\d{7}$/);
  });

  it('sets the stray one aside with the reason, which the list then shows', async () => {
    await desk.locator(`[data-push="${pushed.stray}"]`).getByRole('button', { name: /Xử lý/ }).click();
    const panel = desk.getByTestId('push-handle');
    // No waiting payment of that amount to match: it is set aside.
    await panel.getByRole('button', { name: 'Bỏ qua và ghi lý do' }).click();
    await desk.getByRole('alert').filter({ hasText: 'Có lỗi cần khắc phục' }).waitFor();
    await panel.getByLabel('Lý do bỏ qua').fill('Chuyển nhầm học phí, đã liên hệ người chuyển để hoàn trả');
    await panel.getByRole('button', { name: 'Bỏ qua và ghi lý do' }).click();
    await desk.getByText('Đã bỏ qua khoản chuyển khoản và ghi lý do.').waitFor();
    await desk.getByLabel('Hiển thị').selectOption('all');
    const matched = desk.locator(`[data-push="${pushed.matchable}"]`);
    await matched.waitFor();
    expect(await matched.textContent()).toContain('Đã khớp');
    expect(await desk.locator(`[data-push="${pushed.stray}"]`).textContent()).toContain(
      'Chuyển nhầm học phí, đã liên hệ người chuyển để hoàn trả',
    );
    await expectAccessible(desk, 'bank-pushes-05-all-desktop');
    expect(pageErrors).toEqual([]);
  });
});
