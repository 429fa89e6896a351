import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EvidenceJson, verifyEvidence } from '../apps/server/src/modules/gateway/testing/openssl-evidence';
import { hasHorizontalScroll, launchChromium, screenshot, seriousAxeViolations } from './support/browser';
import { type RunningServer, startServer } from './support/server';

/*
 * The data sharing platform's administrators in the browser, on the demo seed: Hà Nội's
 * administrator registers a system, the platform administrator grants it a right and revokes it,
 * and the message log hands out evidence that OpenSSL verifies. Desktop and a 390-px phone.
 */
describe('gateway (NGSP/LGSP) administration', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { SERVE_WEB: 'true' } }), launchChromium()]);
  }, 300_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    expect(pageErrors).toEqual([]);
  });

  async function loggedIn(username: string, password: string, path: string, phone = false): Promise<Page> {
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
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL(`**${path}`);
    return page;
  }

  async function check(page: Page, name: string) {
    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, name);
    expect(await seriousAxeViolations(page), `axe on ${name}`).toEqual([]);
  }

  it('Hà Nội’s administrator sees its systems and registers one; the form names a bad code', async () => {
    const page = await loggedIn('hn.admin', 'Demo@12345', '/admin/gateway/subsystems');
    await page.getByRole('heading', { name: 'Hệ thống thông tin kết nối', level: 1 }).waitFor();
    await page.getByTestId('gateway-subsystem-row').filter({ hasText: 'VN:GOV:H26:motcua' }).waitFor();
    await page.locator('#gw-code').fill('Cổng DVC');
    await page.locator('#gw-name').fill('Cổng dịch vụ công Hà Nội');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.locator('#gw-code-error').waitFor();
    await page.locator('#gw-code').fill('dvc');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.getByText('Đã đăng ký VN:GOV:H26:dvc.').waitFor();
    await page.getByTestId('gateway-subsystem-row').filter({ hasText: 'VN:GOV:H26:dvc' }).waitFor();
    await check(page, 'gateway-subsystems');
    // Reached from the admin menu, not by typing the address.
    await page.getByRole('link', { name: 'Nền tảng chia sẻ: dịch vụ' }).click();
    await page.getByRole('heading', { name: 'Danh mục dịch vụ chia sẻ dữ liệu', level: 1 }).waitFor();
    const row = page.getByTestId('gateway-service-row').filter({ hasText: 'directory.agency.v1' });
    await row.getByText('Quyết định 20/2020/QĐ-TTg', { exact: false }).waitFor();
    // Not the provider's administrator: the rights are not his to see.
    await row.getByRole('button', { name: 'Quyền truy cập' }).click();
    await page.getByText('Thành viên này do cơ quan khác quản trị.').waitFor();
  });

  it('the platform administrator grants the new system a right to the directory service and revokes it', async () => {
    const page = await loggedIn('admin', 'Admin@12345', '/admin/gateway/services');
    const row = page.getByTestId('gateway-service-row').filter({ hasText: 'directory.agency.v1' });
    await row.getByRole('button', { name: 'Quyền truy cập' }).click();
    const rights = page.getByTestId('gateway-rights');
    // The row of the seeded right (exact: the field's hint names the same system as its example).
    await rights.getByText('VN:GOV:H26:motcua', { exact: true }).waitFor();
    await rights.locator('#gw-client').fill('VN:GOV:H26:dvc');
    await rights.getByRole('button', { name: 'Cấp quyền' }).click();
    await rights.getByText('Đã cấp quyền cho VN:GOV:H26:dvc.').waitFor();
    const granted = rights.locator('tr, li, article').filter({ hasText: 'VN:GOV:H26:dvc' }).last();
    await granted.getByText('Đang hiệu lực').waitFor();
    await check(page, 'gateway-services-rights');
    await granted.getByRole('button', { name: 'Thu hồi' }).click();
    await expect.poll(() => granted.getByText('Đang hiệu lực').count()).toBe(0);
  });

  it('Hà Nội’s administrator publishes a service from a YAML description; a bad file is named; also on a phone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-publish-'));
    const good = join(dir, 'ho-tich.yaml');
    writeFileSync(
      good,
      [
        'openapi: 3.0.3',
        'info: { title: Tra cứu hộ tịch, version: "1" }',
        'paths:',
        '  /ho-tich/{so}:',
        '    get:',
        '      responses:',
        "        '200': { description: OK }",
      ].join('\n'),
    );
    const bad = join(dir, 'swagger.json');
    writeFileSync(bad, JSON.stringify({ swagger: '2.0', paths: {} }));

    const page = await loggedIn('hn.admin', 'Demo@12345', '/admin/gateway/services');
    await page.getByRole('link', { name: 'Công bố dịch vụ' }).click();
    await page.getByRole('heading', { name: 'Công bố dịch vụ chia sẻ dữ liệu', level: 1 }).waitFor();
    // Nothing filled: the summary names the fields, the file among them.
    await page.getByRole('button', { name: 'Công bố', exact: true }).click();
    await page.locator('#gp-openapi-error').waitFor();
    await page.locator('#gp-provider').selectOption('VN:GOV:H26:motcua');
    await page.locator('#gp-code').fill('civil.birth');
    await page.locator('#gp-name').fill('Tra cứu khai sinh');
    await page.locator('#gp-description').fill('Thông tin khai sinh đã đăng ký tại Hà Nội.');
    await page.getByLabel('Hệ thống riêng của đơn vị (địa chỉ gốc)').check();
    await page.locator('#gp-base-url').fill('https://hotich.hanoi.gov.vn/api');
    await page.locator('#gp-purpose-0-code').fill('dossier-processing');
    await page.locator('#gp-purpose-0-name').fill('Giải quyết thủ tục hành chính');
    await page.locator('#gp-purpose-0-basis').fill('Nghị định 45/2020/NĐ-CP, Điều 9');
    await page.getByRole('button', { name: 'Thêm mục đích' }).click();
    await page.locator('#gp-purpose-1-code').fill('document-check');
    await page.locator('#gp-purpose-1-name').fill('Đối chiếu giấy tờ');
    await page.locator('#gp-purpose-1-basis').fill('Nghị định 107/2021/NĐ-CP');
    await page.locator('#gp-openapi').setInputFiles(bad);
    await page.getByRole('button', { name: 'Công bố', exact: true }).click();
    await page.locator('#gp-openapi-error').getByText('OpenAPI 3.0 hoặc 3.1').waitFor();
    await check(page, 'gateway-publish-error');
    await page.locator('#gp-openapi').setInputFiles(good);
    await page.getByRole('button', { name: 'Công bố', exact: true }).click();
    await page.getByText('Đã công bố civil.birth.v1 của VN:GOV:H26:motcua.').waitFor();
    await check(page, 'gateway-publish');
    await page.getByRole('link', { name: 'Về danh mục dịch vụ' }).click();
    const row = page.getByTestId('gateway-service-row').filter({ hasText: 'civil.birth.v1' });
    await row.getByText('Nghị định 107/2021/NĐ-CP', { exact: false }).waitFor();

    const phone = await loggedIn('hn.admin', 'Demo@12345', '/admin/gateway/services/new', true);
    await phone.getByRole('heading', { name: 'Công bố dịch vụ chia sẻ dữ liệu', level: 1 }).waitFor();
    await phone.locator('#gp-provider').selectOption('VN:GOV:H26:motcua');
    await phone.locator('#gp-code').fill('civil.birth');
    await phone.locator('#gp-name').fill('Tra cứu khai sinh');
    await phone.locator('#gp-purpose-0-code').fill('dossier-processing');
    await phone.locator('#gp-purpose-0-name').fill('Giải quyết thủ tục hành chính');
    await phone.locator('#gp-purpose-0-basis').fill('Nghị định 45/2020/NĐ-CP, Điều 9');
    await phone.locator('#gp-openapi').setInputFiles(good);
    await phone.getByRole('button', { name: 'Công bố', exact: true }).click();
    // The same version twice: refused, not published again.
    await phone.getByText('Đơn vị đã công bố phiên bản dịch vụ này.').first().waitFor();
    await check(phone, 'gateway-publish-phone');
    expect(await hasHorizontalScroll(phone, 390)).toBe(false);
  });

  it('the message log shows both sides of the demo calls and hands out evidence OpenSSL verifies; also on a phone', async () => {
    const page = await loggedIn('hn.admin', 'Demo@12345', '/admin/gateway/messages');
    await page.getByRole('heading', { name: 'Nhật ký trao đổi dữ liệu', level: 1 }).waitFor();
    const rows = page.getByTestId('gateway-message-row');
    await expect.poll(() => rows.count()).toBe(4);
    await rows.first().getByText('Bên gọi').or(rows.first().getByText('Bên cung cấp')).waitFor();
    await rows
      .first()
      .getByText(/Đã gắn dấu thời gian/)
      .waitFor();
    await check(page, 'gateway-messages');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      rows.first().getByRole('button', { name: 'Tải bằng chứng' }).click(),
    ]);
    const ev = JSON.parse(readFileSync((await download.path())!, 'utf8')) as EvidenceJson;
    expect(ev.entries).toHaveLength(2);
    for (const c of verifyEvidence(ev)) {
      expect(c.signature.ok, c.signature.out).toBe(true);
      expect(c.timestamp.out).toContain('Verification: OK');
      expect(c.chainLinks && c.inManifest && c.hashMatches).toBe(true);
    }

    const phone = await loggedIn('hn.admin', 'Demo@12345', '/admin/gateway/messages', true);
    await expect.poll(() => phone.getByTestId('gateway-message-row').count()).toBe(4);
    await check(phone, 'gateway-messages-phone');
    expect(await hasHorizontalScroll(phone, 390)).toBe(false);
  });
});
