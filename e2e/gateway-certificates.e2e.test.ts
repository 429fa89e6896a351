import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasHorizontalScroll, launchChromium, screenshot, seriousAxeViolations } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const SUBSYSTEM = 'VN:GOV:H26:motcua';
const PAGE = `/admin/gateway/subsystems/${encodeURIComponent(SUBSYSTEM)}`;

/*
 * TLS client certificates of a gateway subsystem in the browser, on the demo seed: Hà Nội's
 * administrator opens his system from the list, has the platform CA issue a certificate with a key
 * made on the server (saved once: OpenSSL checks key and certificate belong together), another from
 * his own CSR, and revokes one after confirming. Desktop and a 390-px phone, axe clean.
 */
describe('gateway subsystem certificates', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'gw-certs-'));

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { SERVE_WEB: 'true' } }), launchChromium()]);
  }, 300_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    expect(pageErrors).toEqual([]);
  });

  async function loggedIn(path: string, phone = false): Promise<Page> {
    const ctx = await browser.newContext({
      baseURL: server.url,
      locale: 'vi-VN',
      viewport: phone ? { width: 390, height: 844 } : { width: 1366, height: 900 },
      ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
      acceptDownloads: true,
    });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(path);
    await page.waitForURL('**/login?next=*');
    await page.locator('#username').fill('hn.admin');
    await page.locator('#password').fill('Demo@12345');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL(`**${path}`);
    return page;
  }

  async function check(page: Page, name: string) {
    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, name);
    expect(await seriousAxeViolations(page), `axe on ${name}`).toEqual([]);
  }

  /** Save a file from the panel of the certificate just issued. */
  async function save(page: Page, button: string, file: string) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('gateway-cert-issued').getByRole('button', { name: button }).click(),
    ]);
    const path = join(dir, file);
    await download.saveAs(path);
    return { path, suggested: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
  }

  it('issues a certificate with a key made on the server, saved once; OpenSSL finds key and certificate a pair', async () => {
    const page = await loggedIn('/admin/gateway/subsystems');
    await page.getByRole('link', { name: SUBSYSTEM }).click();
    await page.getByRole('heading', { name: 'Chứng thư TLS của hệ thống', level: 2 }).waitFor();
    await page.getByText(SUBSYSTEM, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Cấp chứng thư', exact: true }).click();
    const issued = page.getByTestId('gateway-cert-issued');
    await issued.getByText('Khóa bí mật chỉ được trả về một lần', { exact: false }).waitFor();
    await check(page, 'gateway-cert-issued');

    const key = await save(page, 'Tải khóa bí mật (.key)', 'client.key');
    expect(key.text).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(key.suggested).toMatch(/^H26-motcua-.+\.key$/);
    const cert = await save(page, 'Tải chứng thư (.pem)', 'client.pem');
    const chain = await save(page, 'Tải chuỗi CA (.pem)', 'chain.pem');
    expect(execFileSync('openssl', ['x509', '-noout', '-subject', '-in', cert.path], { encoding: 'utf8' })).toContain(
      SUBSYSTEM,
    );
    const fromCert = execFileSync('openssl', ['x509', '-noout', '-pubkey', '-in', cert.path], { encoding: 'utf8' });
    const fromKey = execFileSync('openssl', ['pkey', '-pubout', '-in', key.path], { encoding: 'utf8' });
    expect(fromKey).toBe(fromCert);
    const [issuing] = chain.text.split(/(?<=-----END CERTIFICATE-----)\n?/);
    writeFileSync(join(dir, 'issuing.pem'), issuing!);
    const verify = execFileSync(
      'openssl',
      ['verify', '-purpose', 'sslclient', '-CAfile', chain.path, '-untrusted', join(dir, 'issuing.pem'), cert.path],
      { encoding: 'utf8' },
    );
    expect(verify).toContain(': OK');

    // Closed: the key is gone from the page; the certificate is in the list.
    await page.getByRole('button', { name: 'Tôi đã lưu khóa, đóng' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Tải khóa bí mật (.key)' }).count()).toBe(0);
    await page.getByTestId('gateway-cert').first().getByText('Còn hiệu lực').waitFor();
  });

  it('issues one from the system’s own CSR (an empty request is named), then revokes one after confirming', async () => {
    execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', join(dir, 'own.key')]);
    execFileSync('openssl', [
      'req',
      '-new',
      '-key',
      join(dir, 'own.key'),
      '-subj',
      `/CN=${SUBSYSTEM}`,
      '-out',
      join(dir, 'own.csr'),
    ]);
    const page = await loggedIn(PAGE);
    await page.getByRole('heading', { name: 'Cấp chứng thư TLS mới', level: 2 }).waitFor();
    // The certificate of the first test is listed (the list has loaded) before counting.
    await page.getByTestId('gateway-cert').first().waitFor();
    const before = await page.getByTestId('gateway-cert').count();
    await page.getByLabel('Hệ thống tự giữ khóa: gửi yêu cầu chứng thực (CSR)').check();
    await page.getByRole('button', { name: 'Cấp chứng thư', exact: true }).click();
    await page.locator('#gw-csr-error').getByText('Vui lòng nhập thông tin này.').waitFor();
    await page.locator('#gw-csr-file').setInputFiles(join(dir, 'own.csr'));
    await expect.poll(() => page.locator('#gw-csr').inputValue()).toContain('BEGIN CERTIFICATE REQUEST');
    await page.getByRole('button', { name: 'Cấp chứng thư', exact: true }).click();
    const issued = page.getByTestId('gateway-cert-issued');
    await issued.getByText('Chứng thư được cấp cho khóa trong yêu cầu chứng thực', { exact: false }).waitFor();
    expect(await issued.getByRole('button', { name: 'Tải khóa bí mật (.key)' }).count()).toBe(0);
    const cert = await save(page, 'Tải chứng thư (.pem)', 'own.pem');
    const fromCert = execFileSync('openssl', ['x509', '-noout', '-pubkey', '-in', cert.path], { encoding: 'utf8' });
    const fromKey = execFileSync('openssl', ['pkey', '-pubout', '-in', join(dir, 'own.key')], { encoding: 'utf8' });
    expect(fromKey).toBe(fromCert);
    await page.getByRole('button', { name: 'Đóng', exact: true }).click();
    await expect.poll(() => page.getByTestId('gateway-cert').count()).toBe(before + 1);

    const card = page.getByTestId('gateway-cert').filter({ hasText: 'Còn hiệu lực' }).first();
    const serial = (await card.locator('h3 .mono').textContent())!.trim();
    await card.getByRole('button', { name: 'Thu hồi' }).click();
    await card.getByRole('heading', { name: `Thu hồi chứng thư số sê-ri ${serial}?` }).waitFor();
    await card.locator('select').selectOption('keyCompromise');
    await check(page, 'gateway-cert-revoke-confirm');
    // Cancel keeps it; confirming revokes it.
    await card.getByRole('button', { name: 'Hủy' }).click();
    await card.getByRole('button', { name: 'Thu hồi' }).click();
    await card.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
    await page.getByText(`Đã thu hồi chứng thư số sê-ri ${serial}.`).waitFor();
    const revoked = page.getByTestId('gateway-cert').filter({ hasText: serial });
    await revoked.getByText('Đã thu hồi', { exact: true }).waitFor();
    expect(await revoked.getByRole('button', { name: 'Thu hồi' }).count()).toBe(0);
    await check(page, 'gateway-cert-list');
  });

  it('on a 390-px phone: the list, the issued panel and the revoke confirmation fit, axe clean', async () => {
    const page = await loggedIn(PAGE, true);
    await page.getByTestId('gateway-cert').first().waitFor();
    expect(await hasHorizontalScroll(page, 390)).toBe(false);
    await check(page, 'gateway-cert-list-phone');
    await page.getByRole('button', { name: 'Cấp chứng thư', exact: true }).click();
    await page.getByTestId('gateway-cert-issued').waitFor();
    expect(await hasHorizontalScroll(page, 390)).toBe(false);
    await check(page, 'gateway-cert-issued-phone');
    await page.getByRole('button', { name: 'Tôi đã lưu khóa, đóng' }).click();
    const card = page.getByTestId('gateway-cert').filter({ hasText: 'Còn hiệu lực' }).first();
    await card.getByRole('button', { name: 'Thu hồi' }).click();
    await card.getByRole('button', { name: 'Xác nhận thu hồi' }).waitFor();
    expect(await hasHorizontalScroll(page, 390)).toBe(false);
    await check(page, 'gateway-cert-revoke-phone');
  });
});
