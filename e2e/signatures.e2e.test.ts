import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasHorizontalScroll,
  launchChromium,
  screenshot,
  seriousAxeViolations,
  virtualAuthenticator,
} from './support/browser';
import { eventually } from './support/eventually';
import { type RunningServer, startServer } from './support/server';
import { timeStep, totp } from './support/totp';

/**
 * A civil servant signs a PDF on the web (with a TOTP confirmation) and checks it; a tampered copy
 * fails; then signs again confirming with a passkey (Chromium's virtual authenticator).
 */
describe('signing and validation in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let secret = '';
  let usedStep = 0;
  const pageErrors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'egov-e2e-sign-'));

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    context = await browser.newContext({
      baseURL: server.url,
      locale: 'vi-VN',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const d = await PDFDocument.create();
    d.addPage([595, 842]).drawText('Quyet dinh ve viec phe duyet', { x: 72, y: 760 });
    writeFileSync(join(dir, 'quyet-dinh.pdf'), await d.save({ useObjectStreams: false }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function check(p: Page, name: string) {
    await screenshot(p, name);
    expect(await seriousAxeViolations(p), `axe on ${name}`).toEqual([]);
  }

  /** The leader logs in and turns on an authenticator (the session becomes level 2). */
  async function loginWithAuthenticator() {
    await page.goto('/login?next=%2Fsignatures%2Fsign');
    await page.locator('#username').fill('hn.lanhdao');
    await page.locator('#password').fill('Demo@12345');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL('**/signatures/sign');
    const csrf = (await context.cookies()).find((c) => c.name === 'egov_csrf')!.value;
    const enroll = await page.request.post('/api/auth/mfa/totp/enroll', { headers: { 'x-csrf-token': csrf } });
    secret = (await enroll.json()).secret;
    usedStep = timeStep();
    const confirm = await page.request.post('/api/auth/mfa/totp/confirm', {
      headers: { 'x-csrf-token': csrf },
      data: { otp: totp(secret) },
    });
    expect(confirm.status()).toBe(200);
    await page.reload();
  }

  it('signs a PDF with a remote certificate, confirmed by a fresh TOTP code, and downloads it', async () => {
    await loginWithAuthenticator();
    await page.getByRole('heading', { name: 'Ký số tài liệu', level: 1 }).waitFor();
    await check(page, 'sign-step-file');
    await page.locator('#sign-file').setInputFiles(join(dir, 'quyet-dinh.pdf'));
    await page.getByRole('heading', { name: '2. Chọn định dạng và chứng thư số' }).waitFor();
    expect(await page.getByLabel('PAdES — ký trong tệp PDF').isChecked()).toBe(true);
    await eventually(() => page.locator('#sign-certificate option').count()).toBeGreaterThan(0);
    await page.locator('#sign-reason').fill('Phê duyệt');
    await page.locator('#sign-location').fill('Hà Nội');
    await check(page, 'sign-step-options');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '3. Xác nhận ký' }).waitFor();
    // The code used to turn the authenticator on is spent: wait for the next 30-second step.
    await eventually(() => timeStep(), 35_000).toBeGreaterThan(usedStep);
    await page.locator('#sign-otp').fill(totp(secret));
    await check(page, 'sign-step-confirm');
    await page.getByRole('button', { name: 'Ký số', exact: true }).click();
    await page.getByText('Đã ký xong: quyet-dinh.signed.pdf').first().waitFor();
    await check(page, 'sign-done');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải tệp đã ký' }).click(),
    ]);
    const signed = readFileSync((await download.path())!);
    expect(signed.subarray(0, 5).toString()).toBe('%PDF-');
    expect(signed.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');
    writeFileSync(join(dir, 'signed.pdf'), signed);
  });

  it('the report of the signed file says valid, government CA, with a timestamp', async () => {
    await page.getByRole('link', { name: 'Kiểm tra chữ ký của tệp này' }).click();
    await page.getByRole('heading', { name: 'Kiểm tra chữ ký số', level: 1 }).waitFor();
    const report = page.getByTestId('validation-report');
    await eventually(() => report.locator('[data-indication]').first().getAttribute('data-indication')).toBe(
      'TOTAL_PASSED',
    );
    const sig = page.getByTestId('signature-report');
    await expect.poll(() => sig.textContent()).toContain('Hợp lệ');
    await expect.poll(() => sig.textContent()).toContain('Chuyên dùng Chính phủ');
    await expect.poll(() => sig.textContent()).toContain('PAdES B-T');
    await expect.poll(() => sig.textContent()).toContain('Chưa bị thu hồi');
    await check(page, 'validate-passed');
    const pdf = await page.request.get(
      (await page.getByRole('link', { name: 'Tải báo cáo (PDF)' }).getAttribute('href'))!,
    );
    expect(pdf.headers()['content-type']).toBe('application/pdf');
  });

  it('a tampered copy is reported TOTAL_FAILED (content changed after signing)', async () => {
    const tampered = readFileSync(join(dir, 'signed.pdf'));
    const at = tampered.indexOf('/MediaBox') + 11;
    tampered[at] = tampered[at] === 0x35 ? 0x36 : 0x35;
    writeFileSync(join(dir, 'sua-doi.pdf'), tampered);
    await page.goto('/signatures/validate');
    await page.locator('#validate-file').setInputFiles(join(dir, 'sua-doi.pdf'));
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    const report = page.getByTestId('validation-report');
    await eventually(() => report.locator('[data-indication]').first().getAttribute('data-indication')).toBe(
      'TOTAL_FAILED',
    );
    await expect.poll(() => report.textContent()).toContain('Nội dung đã bị thay đổi sau khi ký');
    await check(page, 'validate-tampered');
    expect(pageErrors).toEqual([]);
  });

  it('the report reads on a phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.locator('#validate-file').setInputFiles(join(dir, 'signed.pdf'));
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await eventually(() =>
      page.getByTestId('validation-report').locator('[data-indication]').first().getAttribute('data-indication'),
    ).toBe('TOTAL_PASSED');
    expect(await hasHorizontalScroll(page, 375), 'the report scrolls sideways on a phone').toBe(false);
    await check(page, 'validate-phone');
  });

  it('adds a passkey on the account page and signs a PDF confirming with it instead of a code', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    // Chromium's virtual authenticator (DevTools protocol) stands in for a security key or a phone.
    const { cdp, authenticatorId } = await virtualAuthenticator(page);
    await page.goto('/account');
    await page.locator('#passkey-name').fill('Khóa ký số');
    await page.getByRole('button', { name: 'Thêm khóa truy cập' }).click();
    await page.getByText('Đã thêm khóa truy cập “Khóa ký số”.').waitFor();

    await page.goto('/signatures/sign');
    await page.locator('#sign-file').setInputFiles(join(dir, 'quyet-dinh.pdf'));
    await page.getByRole('heading', { name: '2. Chọn định dạng và chứng thư số' }).waitFor();
    await eventually(() => page.locator('#sign-certificate option').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '3. Xác nhận ký' }).waitFor();
    // Both confirmations are offered: this leader has an authenticator app and a passkey.
    await page.locator('#sign-otp').waitFor();
    const withPasskey = page.getByRole('button', { name: 'Dùng khóa truy cập (passkey)' });
    await check(page, 'sign-step-confirm-passkey');
    const before = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials[0]!.signCount;
    const signed = page.waitForResponse(
      (r) => r.url().endsWith('/api/signatures/sign') && r.request().method() === 'POST',
    );
    await withPasskey.click();
    const response = await signed;
    expect(response.status()).toBe(201);
    expect(JSON.parse(response.request().postData() ?? '{}')).toMatchObject({ passkey: { type: 'public-key' } });
    await page.getByText('Đã ký xong: quyet-dinh.signed.pdf').first().waitFor();
    // The virtual authenticator really made one assertion for it.
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials.map((c) => c.signCount)).toEqual([before + 1]);

    await page.getByRole('link', { name: 'Kiểm tra chữ ký của tệp này' }).click();
    const report = page.getByTestId('validation-report');
    await eventually(() => report.locator('[data-indication]').first().getAttribute('data-indication')).toBe(
      'TOTAL_PASSED',
    );
    await expect.poll(() => page.getByTestId('signature-report').textContent()).toContain('PAdES B-T');
    expect(pageErrors).toEqual([]);
  });
});
