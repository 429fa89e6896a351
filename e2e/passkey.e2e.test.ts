import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { launchChromium, screenshot, virtualAuthenticator } from './support/browser';
import { type RunningServer, startServer } from './support/server';
import { freshTotp } from './support/totp';

// Chromium's virtual authenticator (DevTools protocol) stands in for a phone or security key.
describe('passkeys: add on the account page, log in without a password, remove', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await virtualAuthenticator(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('adds a passkey to the demo citizen', async () => {
    await page.goto('/login?next=%2Faccount');
    await page.locator('#username').fill('001099012345');
    await page.locator('#password').fill('Demo@12345');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL('**/account');

    await page.locator('#passkey-name').fill('Máy tính thử nghiệm');
    await page.getByRole('button', { name: 'Thêm khóa truy cập' }).click();
    await page.getByText('Đã thêm khóa truy cập “Máy tính thử nghiệm”.').waitFor();
    await eventually(() => page.getByRole('region', { name: 'Danh sách khóa truy cập' }).textContent()).toContain(
      'Máy tính thử nghiệm',
    );
    await screenshot(page, 'account-passkey-added');
  });

  it('logs out and logs in with the passkey alone', async () => {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Đăng nhập bằng khóa truy cập (passkey)' }).click();
    // Logged in: the citizen lands on his dossiers.
    await page.waitForURL('**/my/dossiers');
    await page.goto('/account');
    await eventually(() => page.getByTestId('profile').textContent()).toContain('001099012345');
  });

  it('removes the passkey', async () => {
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: /Xóa\s+Máy tính thử nghiệm/ }).click();
    await page.getByText('Bạn chưa có khóa truy cập nào.').waitFor();
  });

  it('uses a passkey as the second factor after the password', async () => {
    await page.getByRole('button', { name: 'Bật xác thực hai bước' }).click();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    await page.locator('#totp-otp').fill((await freshTotp(secret)).code);
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    await page.getByText('Đã bật xác thực hai bước').waitFor();
    await page.locator('#passkey-name').fill('Khóa thứ hai');
    await page.getByRole('button', { name: 'Thêm khóa truy cập' }).click();
    await page.getByText('Đã thêm khóa truy cập “Khóa thứ hai”.').waitFor();

    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL('**/login');
    await page.locator('#username').fill('001099012345');
    await page.locator('#password').fill('Demo@12345');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { name: 'Xác thực hai bước' }).waitFor();
    await page.getByRole('button', { name: 'Dùng khóa truy cập (passkey)' }).click();
    await page.waitForURL('**/my/dossiers');
    await page.goto('/account');
    await eventually(() => page.getByTestId('acr').textContent()).toContain('Mức 2');
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
