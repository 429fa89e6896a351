import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { hasHorizontalScroll, launchChromium, screenshot, seriousAxeViolations } from './support/browser';
import { type RunningServer, startServer } from './support/server';

/** The administrator issues and revokes certificates; a civil servant sees his own on a phone. */
describe('certificates (PKI) in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'vi-VN',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function check(p: Page, name: string) {
    await screenshot(p, name);
    expect(await seriousAxeViolations(p), `axe on ${name}`).toEqual([]);
  }

  async function login(p: Page, username: string, password: string, next: string) {
    await p.goto(`/login?next=${encodeURIComponent(next)}`);
    await p.locator('#username').fill(username);
    await p.locator('#password').fill(password);
    await p.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await p.waitForURL(`**${next}`);
  }

  it('shows the administrator our CAs with their certificate and CRL', async () => {
    await login(page, 'admin', 'Admin@12345', '/admin/pki');
    await page.getByRole('heading', { name: 'Tổ chức chứng thực', level: 1 }).waitFor();
    const list = page.getByRole('list', { name: 'Tổ chức chứng thực' });
    await eventually(() => list.textContent()).toContain(
      'Cơ quan chứng thực điện tử chuyên dùng Chính phủ (thử nghiệm)',
    );
    await expect.poll(() => list.textContent()).toContain('CA cấp chứng thư số chuyên dùng Chính phủ (thử nghiệm)');
    const crt = await page
      .getByRole('link', { name: /Tải chứng thư \(\.crt\) Cơ quan chứng thực/ })
      .getAttribute('href');
    const res = await page.request.get(crt!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pkix-cert');
    const crl = await page.request.get(
      (await page.getByRole('link', { name: /Tải danh sách thu hồi \(\.crl\) CA cấp/ }).getAttribute('href'))!,
    );
    expect(crl.headers()['content-type']).toBe('application/pkix-crl');
    await check(page, 'pki-cas');
  });

  it('issues a certificate to a civil servant of H26, then revokes an old one with a reason', async () => {
    await page.getByRole('link', { name: 'Cấp chứng thư số', exact: true }).click();
    await page.getByRole('heading', { name: 'Chứng thư số của cơ quan', level: 1 }).waitFor();
    const cards = page.getByTestId('agency-certificate');
    // The demo seed gave each H26 civil servant a certificate and H26 a seal.
    await eventually(() => cards.count()).toBeGreaterThanOrEqual(6);
    await check(page, 'pki-agency-certificates');

    await page.locator('#issue-user').selectOption({ label: 'Lê Thị Chuyên Viên (hn.chuyenvien, H26)' });
    await page.getByRole('button', { name: 'Cấp chứng thư', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã cấp chứng thư số: Lê Thị Chuyên Viên.' }).waitFor();
    const chuyenVien = cards.filter({ hasText: 'Lê Thị Chuyên Viên' });
    await eventually(() => chuyenVien.count()).toBe(2);

    // Revoke the older one (the list is newest first).
    const old = chuyenVien.nth(1);
    await old.getByRole('button', { name: 'Thu hồi Lê Thị Chuyên Viên' }).click();
    await page.getByRole('heading', { name: 'Thu hồi chứng thư số của Lê Thị Chuyên Viên', level: 3 }).waitFor();
    await old.getByLabel('Lý do thu hồi').selectOption('superseded');
    await check(page, 'pki-revoke-form');
    await old.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thu hồi chứng thư số của Lê Thị Chuyên Viên.' }).waitFor();
    await eventually(() => chuyenVien.filter({ hasText: 'Đã thu hồi' }).count()).toBe(1);
    await expect.poll(() => chuyenVien.filter({ hasText: 'Đã thu hồi' }).textContent()).toContain('Đã được thay thế');
  });

  it('refuses a bad CSR with the message next to the field', async () => {
    await page.locator('#issue-user').selectOption({ label: 'Hoàng Thị Văn Thư (hn.vanthu, H26)' });
    await page
      .locator('#issue-csr')
      .fill('-----BEGIN CERTIFICATE REQUEST-----\nbm90IGEgcmVxdWVzdA==\n-----END CERTIFICATE REQUEST-----');
    await page.getByRole('button', { name: 'Cấp chứng thư', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Không phải yêu cầu chứng thực PKCS#10 dạng PEM.' }).waitFor();
    await expect.poll(() => page.locator('#issue-csr').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'pki-issue-error');
  });

  it('shows the trust list with our root as the government anchor', async () => {
    await page.getByRole('link', { name: 'Danh sách tin cậy', exact: true }).click();
    await page.getByRole('heading', { name: 'Danh sách tin cậy', level: 1 }).waitFor();
    const anchor = page.getByTestId('trust-anchor').first();
    await eventually(() => anchor.textContent()).toContain('Chuyên dùng Chính phủ');
    await expect.poll(() => anchor.textContent()).toContain('CA của nền tảng');
    await check(page, 'pki-trust-list');
  });

  it('imports a public root from a DER file, then removes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egov-e2e-ca-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        join(dir, 'ca.key'),
        '-subj',
        '/C=VN/O=Thử nghiệm/CN=CA công cộng thử nghiệm',
        '-utf8',
        '-days',
        '365',
        '-outform',
        'DER',
        '-out',
        join(dir, 'ca.cer'),
      ],
      { stdio: 'pipe' },
    );
    await page.locator('#ta-file').setInputFiles(join(dir, 'ca.cer'));
    await page.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Đã thêm CA công cộng thử nghiệm vào danh sách tin cậy.' })
      .waitFor();
    const imported = page.getByTestId('trust-anchor').filter({ hasText: 'CA công cộng thử nghiệm' });
    await eventually(() => imported.textContent()).toContain('Công cộng');
    // The same file again: refused, and said so.
    await page.locator('#ta-file').setInputFiles(join(dir, 'ca.cer'));
    await page.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    await page.getByRole('alert').filter({ hasText: 'Chứng thư này đã có trong danh sách tin cậy.' }).waitFor();
    page.once('dialog', (d) => void d.accept());
    await imported.getByRole('button', { name: 'Gỡ CA công cộng thử nghiệm' }).click();
    await eventually(() => imported.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('a civil servant sees his certificates on a phone, the revoked one marked, and downloads the PEM', async () => {
    const phone = await browser.newContext({
      baseURL: server.url,
      locale: 'vi-VN',
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      acceptDownloads: true,
    });
    const p = await phone.newPage();
    try {
      await login(p, 'hn.chuyenvien', 'Demo@12345', '/my/certificates');
      await p.getByRole('heading', { name: 'Chứng thư số của tôi', level: 1 }).waitFor();
      const mine = p.getByTestId('my-certificate');
      await eventually(() => mine.count()).toBe(2);
      await expect.poll(() => mine.filter({ hasText: 'Đã thu hồi' }).count()).toBe(1);
      await expect.poll(() => mine.filter({ hasText: 'Còn hiệu lực' }).count()).toBe(1);
      expect(await p.getByText('Ký số từ xa (khóa lưu trên máy chủ)').count()).toBe(2);
      expect(await hasHorizontalScroll(p, 375), 'my certificates scroll sideways on a phone').toBe(false);
      await check(p, 'pki-my-certificates-phone');
      const [download] = await Promise.all([
        p.waitForEvent('download'),
        mine
          .filter({ hasText: 'Còn hiệu lực' })
          .getByRole('button', { name: /Tải về \(PEM\)/ })
          .click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^le-thi-chuyen-vien-[0-9a-f]{8}\.pem$/);
      const pem = readFileSync((await download.path())!, 'utf8');
      expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
      // The admin area is not his.
      await p.goto('/admin/pki');
      await p.getByRole('heading', { name: 'Không có quyền truy cập' }).waitFor();
    } finally {
      await phone.close();
    }
  });
});
