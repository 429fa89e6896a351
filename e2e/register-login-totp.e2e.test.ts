import { randomInt } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { hasHorizontalScroll, launchChromium, screenshot, seriousAxeViolations } from './support/browser';
import { type RunningServer, startServer } from './support/server';
import { freshTotp } from './support/totp';

/** A valid 12-digit personal ID: Hà Nội (001), born 1990 male → century/gender digit 0, year 90, 6 random digits. */
function personalId(): string {
  return `001090${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

describe('citizen journey: register, log in, enrol TOTP, log in with the code', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const citizen = {
    idNumber: personalId(),
    fullName: 'Nguyễn Văn Thử',
    email: `thu.${Date.now()}@example.vn`,
    phone: `09${String(randomInt(0, 100_000_000)).padStart(8, '0')}`,
    password: 'Thu@2026secure',
  };
  let totpSecret = '';
  let lastStep = -1;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    context = await browser.newContext({
      baseURL: server.url,
      locale: 'vi-VN',
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function expectAccessible(name: string) {
    await screenshot(page, name);
    expect(await seriousAxeViolations(page), `axe on ${name}`).toEqual([]);
  }

  it('home page is in Vietnamese and accessible', async () => {
    await page.goto('/');
    await eventually(() => page.locator('h1').textContent()).toBe('Nền tảng Chính phủ điện tử');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await expectAccessible('home');
    // Keyboard: the first Tab reaches the skip link, which moves focus to the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Chuyển đến nội dung chính');
    await page.keyboard.press('Enter');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('a new citizen registers', async () => {
    await page.getByRole('link', { name: 'Đăng ký', exact: true }).first().click();
    await page.waitForURL('**/register');
    await expectAccessible('register');

    // Nothing filled in: the client-side checks list every missing field and mark each one.
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await page.getByRole('alert').filter({ hasText: 'Có lỗi cần khắc phục' }).waitFor();
    expect(await page.locator('#idNumber').getAttribute('aria-invalid')).toBe('true');

    await page.locator('#idNumber').fill(citizen.idNumber);
    await page.locator('#fullName').fill(citizen.fullName);
    await page.locator('#dateOfBirth').fill('1990-05-01');
    // The ID number says male (digit 0): the server refuses "female" and the message sits by the field.
    await page.getByLabel('Nữ', { exact: true }).check();
    await page.locator('#email').fill(citizen.email);
    await page.locator('#phone').fill(citizen.phone);
    await page.locator('#password').fill(citizen.password);
    await page.locator('#passwordConfirm').fill(citizen.password);
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await page.locator('#idNumber-error').filter({ hasText: 'không khớp với giới tính' }).waitFor();
    expect(await page.locator('#idNumber').getAttribute('aria-describedby')).toContain('idNumber-error');
    await screenshot(page, 'register-errors');

    await page.getByLabel('Nam', { exact: true }).check();
    await page.getByRole('button', { name: 'Đăng ký' }).click();

    await page.getByRole('heading', { name: 'Đã nhận đăng ký' }).waitFor();
    await screenshot(page, 'register-done');
  });

  it('logs in with the password and sees the account', async () => {
    await page.getByRole('link', { name: 'Đăng nhập ngay' }).click();
    await page.waitForURL('**/login?username=*');
    expect(await page.locator('#username').inputValue()).toBe(citizen.idNumber);
    await expectAccessible('login');

    await page.locator('#password').fill(citizen.password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    // A citizen lands on his dossiers, then opens his account from the navigation.
    await page.waitForURL('**/my/dossiers');
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Tài khoản của tôi' })
      .click();
    await page.waitForURL('**/account');
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
    await eventually(() => page.getByTestId('profile').textContent()).toContain(citizen.fullName);
    await page.getByRole('heading', { name: 'Phiên đăng nhập' }).waitFor();
    await expectAccessible('account');
  });

  it('enrols TOTP with the shown secret', async () => {
    await page.getByRole('button', { name: 'Bật xác thực hai bước' }).click();
    const secretEl = page.getByTestId('totp-secret');
    await secretEl.waitFor();
    totpSecret = ((await secretEl.textContent()) ?? '').replace(/\s/g, '');
    expect(totpSecret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.getByTestId('totp-url').getAttribute('href')).toMatch(/^otpauth:\/\/totp\//);
    await screenshot(page, 'account-totp-enrol');

    const { code, step } = await freshTotp(totpSecret);
    lastStep = step;
    await page.locator('#totp-otp').fill(code);
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    await page.getByText('Đã bật xác thực hai bước').waitFor();
    await screenshot(page, 'account-totp-enabled');
  });

  it('logs out, then logs back in with password and authenticator code', async () => {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL('**/login');
    await page.getByText('Bạn đã đăng xuất.').waitFor();
    // The session is really gone on the server.
    expect((await page.request.get('/api/me')).status()).toBe(401);

    await page.locator('#username').fill(citizen.idNumber);
    await page.locator('#password').fill(citizen.password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { name: 'Xác thực hai bước' }).waitFor();
    await screenshot(page, 'login-mfa');
    expect(await seriousAxeViolations(page), 'axe on the MFA step').toEqual([]);

    // A wrong code is refused next to the field.
    await page.locator('#otp').fill('000000');
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByRole('alert').filter({ hasText: 'Mã xác thực không đúng' }).waitFor();
    expect(await page.locator('#otp').getAttribute('aria-describedby')).toContain('otp-error');

    // A code from a later time step than the one used to confirm (servers refuse replays).
    const { code } = await freshTotp(totpSecret, { after: lastStep });
    await page.locator('#otp').fill(code);
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.waitForURL('**/my/dossiers');
    await page.goto('/account');
    await eventually(() => page.getByTestId('acr').textContent()).toContain('Mức 2');
    await eventually(() => page.locator('#totp-title').textContent()).toBeTruthy();
    await page.getByText('Đang bật').waitFor();
    await screenshot(page, 'account-after-mfa-login');
  });

  it('agency directory searches without diacritics and shows a detail page', async () => {
    await page.getByRole('link', { name: 'Danh mục cơ quan' }).first().click();
    await page.waitForURL('**/directory');
    await page.getByRole('list', { name: 'Kết quả tìm kiếm' }).waitFor();
    await expectAccessible('directory');

    await page.locator('#q').fill('ha noi');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL('**/directory?q=ha+noi');
    const first = page.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('link').first();
    await eventually(() => first.textContent()).toMatch(/Hà Nội/);
    await first.click();
    await page.waitForURL(/\/directory\/[^/?]+$/);
    await page.getByRole('heading', { name: 'Liên hệ' }).waitFor();
    await expectAccessible('agency-detail');
  });

  it('switches to English and remembers it', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await eventually(() => page.getAttribute('html', 'lang')).toBe('en');
    await eventually(() => page.locator('h1').textContent()).toBe('e-Government platform');
    await page.reload();
    await eventually(() => page.locator('h1').textContent()).toBe('e-Government platform');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await eventually(() => page.getAttribute('html', 'lang')).toBe('vi');
  });

  it('fits a phone screen (375×812) without horizontal scrolling', async () => {
    const phone = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const p = await phone.newPage();
    for (const [path, name] of [
      ['/', 'phone-home'],
      ['/login', 'phone-login'],
      ['/register', 'phone-register'],
      ['/directory', 'phone-directory'],
    ] as const) {
      await p.goto(path);
      await p.locator('h1').first().waitFor();
      await p.evaluate(() => document.fonts.ready);
      await screenshot(p, name);
      expect(await hasHorizontalScroll(p, 375), `${path} scrolls sideways on a phone`).toBe(false);
    }
    // Signed in (the seeded demo citizen; the API call sets the session cookies for the context).
    const login = await p.request.post('/api/auth/login', {
      data: { username: '001099012345', password: 'Demo@12345' },
    });
    expect(login.status()).toBe(200);
    await p.goto('/account');
    await p.getByRole('heading', { name: 'Phiên đăng nhập' }).waitFor();
    await screenshot(p, 'phone-account');
    expect(await hasHorizontalScroll(p, 375), '/account scrolls sideways on a phone').toBe(false);
    await phone.close();
  });

  it('resets a forgotten password through the emailed link', async () => {
    await page.goto('/login');
    await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
    await page.waitForURL('**/forgot-password');
    await page.locator('#email').fill(citizen.email);
    await page.getByRole('button', { name: 'Gửi đường dẫn đặt lại' }).click();
    await page.getByText('chúng tôi đã gửi đường dẫn').waitFor();

    // The mail job runs in the background: poll the development outbox for the link.
    let link = '';
    const base = server.url.replace('localhost', '127.0.0.1');
    // The outbox is for the system administrator only (DEV_MAIL_OUTBOX=true in e2e/support/server.ts).
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Admin@12345' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    await eventually(async () => {
      const res = await fetch(`${base}/dev/mail.json`, { headers: { authorization: `Bearer ${accessToken}` } });
      const { items } = (await res.json()) as { items: { to: string; text: string }[] };
      link =
        items.find((m) => m.to === citizen.email)?.text.match(/https?:\/\/\S+\/reset-password\?token=[\w-]+/)?.[0] ??
        '';
      return link;
    }, 20_000).not.toBe('');
    await page.goto(new URL(link).pathname + new URL(link).search);
    const newPassword = 'Moi@2026secure';
    await page.locator('#password').fill(newPassword);
    await page.locator('#passwordConfirm').fill(newPassword);
    await page.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await page.getByText('Mật khẩu đã được thay đổi.').waitFor();
    await screenshot(page, 'reset-password-done');

    await page.getByRole('link', { name: 'Đăng nhập' }).last().click();
    await page.waitForURL('**/login');
    await page.locator('#username').fill(citizen.idNumber);
    await page.locator('#password').fill(newPassword);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    // The new password is accepted: the second step asks for the authenticator code.
    await page.getByRole('heading', { name: 'Xác thực hai bước' }).waitFor();
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
