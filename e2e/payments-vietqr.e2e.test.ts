import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parse } from 'promptparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProcedureContent } from '../apps/server/test/factories';
import { httpApi } from './support/api';
import { eventually } from './support/eventually';
import { expectAccessible, hasHorizontalScroll, launchChromium, submitLogin } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const PROCEDURE = '1.999031';
const PHONE = { width: 390, height: 844 };

describe('paying by VietQR: the citizen is prompted, sees the fee table, transfers; the desk matches the transfer', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let citizen: Page;
  let code = '';
  let content = '';

  const base = () => server.url.replace('localhost', '127.0.0.1');
  const { call: api, token, fileBirthDossier } = httpApi(base);
  const fileDossier = (t: string) => fileBirthDossier(t, PROCEDURE);

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const ctx = await browser.newContext({ baseURL: server.url, locale: 'vi-VN', viewport });
    contexts.push(ctx);
    const p = await ctx.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    return p;
  }
  async function login(p: Page, username: string, next: string) {
    await submitLogin(p, username, 'Demo@12345', next);
    await p.waitForURL((u) => !u.pathname.startsWith('/login'));
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const admin = await token('hn.admin');
    const procedure = buildProcedureContent({
      name: 'Đăng ký thử lệ phí miễn khi nộp trực tuyến',
      fees: [
        { label: 'Lệ phí đăng ký', amount: 50_000, onlineAmount: 0, note: 'Miễn khi nộp trực tuyến' },
        { label: 'Phí công bố', amount: 100_000 },
      ],
      feeCollection: 'before',
    });
    expect((await api(admin, 'POST', '/api/procedures', { code: PROCEDURE, ...procedure })).status).toBe(201);
    expect((await api(admin, 'POST', `/api/procedures/${PROCEDURE}/publish`)).status).toBe(200);
    code = await fileDossier(await token('001099012345'));
    citizen = await newPage(PHONE);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('on a phone: the submission page and "my dossiers" prompt "Thanh toán ngay"', async () => {
    await login(citizen, '001099012345', `/dossiers/submitted/${encodeURIComponent(code)}`);
    const prompt = citizen.getByTestId('pay-prompt');
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('Số tiền phải nộp: 100.000\u00a0₫');
    await expectAccessible(citizen, 'vietqr-01-submitted-phone');
    await citizen.goto('/my/dossiers');
    const row = citizen.locator(`[data-dossier="${code}"]`);
    await row.getByText('Chưa nộp 100.000\u00a0₫').waitFor();
    expect(await hasHorizontalScroll(citizen, PHONE.width)).toBe(false);
    await expectAccessible(citizen, 'vietqr-02-my-dossiers-phone');
    await row.getByRole('link', { name: `Thanh toán ngay: ${code}` }).click();
    await citizen.waitForURL(`**/my/dossiers/${code}#fees`);
  });

  it('the dossier page: prompt first, the fee table shows the online rate that is charged', async () => {
    await citizen.goto(`/my/dossiers/${encodeURIComponent(code)}`);
    const prompt = citizen.getByTestId('pay-prompt');
    await prompt.waitFor();
    // The prompt comes before the withdraw button.
    const order = await citizen.evaluate(() => {
      const p = document.querySelector('[data-testid="pay-prompt"]');
      const w = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Rút hồ sơ'));
      return p && w ? p.compareDocumentPosition(w) & Node.DOCUMENT_POSITION_FOLLOWING : -1;
    });
    expect(order).toBe(4); // DOCUMENT_POSITION_FOLLOWING: the withdraw button comes after the prompt
    const table = citizen.getByTestId('fee-schedule');
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows[0]).toContain('Lệ phí đăng ký');
    expect(rows[0]).toContain('50.000\u00a0₫');
    expect(rows[0]).toContain('Miễn');
    expect(await table.getByTestId('fee-total').textContent()).toBe('100.000\u00a0₫');
    await prompt.getByRole('link', { name: 'Thanh toán ngay' }).click();
    await expectAccessible(citizen, 'vietqr-03-dossier-fees-phone');
  });

  it('the citizen chooses VietQR: the code holds the agency account, the amount and the dossier code', async () => {
    const fees = citizen.getByTestId('fees');
    await fees.getByLabel('Chuyển khoản ngân hàng (VietQR)').check();
    await fees.getByRole('button', { name: 'Tạo mã VietQR 100.000 ₫' }).dblclick();
    const box = citizen.getByTestId('vietqr');
    await box.waitFor();
    const payload = String(await box.getAttribute('data-payload'));
    const emv = parse(payload, true)!;
    expect(emv.getTagValue('54')).toBe('100000');
    expect(emv.getTagValue('38', '02')).toBe('QRIBFTTA');
    content = String(await box.getByTestId('transfer-content').textContent());
    expect(emv.getTagValue('62', '08')).toBe(content);
    expect(content.startsWith(code.replace('000.00.00.', ''))).toBe(true);
    expect(await box.getByRole('img', { name: /Mã VietQR chuyển 100\.000/ }).count()).toBe(1);
    expect(await hasHorizontalScroll(citizen, PHONE.width)).toBe(false);
    await expectAccessible(citizen, 'vietqr-04-qr-phone');
    // A double click made one payment.
    const t = await token('001099012345');
    const f = (await api(t, 'GET', `/api/dossiers/${encodeURIComponent(code)}/fees`)).json as { payments: unknown[] };
    expect(f.payments).toHaveLength(1);
  });

  it('the desk officer records the transfer from the bank statement; the citizen gets the receipt', async () => {
    const desk = await newPage();
    await login(desk, 'hn.motcua', '/staff/payments');
    const form = desk.getByTestId('transfer-report');
    await form.waitFor();
    await form
      .getByLabel('Nội dung giao dịch trên sao kê')
      .fill(`MBVCB.123456.${content.replace(/[.-]/g, '')}.CT tu 0011 NGUYEN VAN AN`);
    await form.getByLabel('Số tiền (đồng)').fill('90.000');
    await form.getByLabel('Mã giao dịch của ngân hàng').fill('FT26341123456');
    await form.getByRole('button', { name: 'Đối chiếu và ghi nhận' }).click();
    await form.getByText('Số tiền phải đúng bằng số tiền phải nộp.').first().waitFor();
    await expectAccessible(desk, 'vietqr-05-desk-amount-error');
    await form.getByLabel('Số tiền (đồng)').fill('100.000');
    await form.getByRole('button', { name: 'Đối chiếu và ghi nhận' }).click();
    await form.getByText(`Đã ghi nhận khoản chuyển khoản cho hồ sơ ${code}`).waitFor();
    await expectAccessible(desk, 'vietqr-06-desk-recorded');

    await desk.goto(`/staff/dossiers/${encodeURIComponent(code)}`);
    const panel = desk.getByTestId('staff-fees');
    await panel.getByTestId('fee-schedule').waitFor();
    await panel.getByText('Đã thanh toán').first().waitFor();
    await expectAccessible(desk, 'vietqr-07-desk-dossier-fees');

    await citizen.reload();
    const fees = citizen.getByTestId('fees');
    await eventually(() => fees.getByText(/Biên lai .* số \d{7}/).count()).toBe(1);
    expect(await citizen.getByTestId('pay-prompt').count()).toBe(0);
    await expectAccessible(citizen, 'vietqr-08-paid-phone');
    expect(pageErrors).toEqual([]);
  });
});
