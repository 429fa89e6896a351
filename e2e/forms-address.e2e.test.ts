import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { expectAccessible, hasHorizontalScroll, launchChromium, screenshot, submitLogin } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const PROCEDURE = '3.000333'; // Cấp Phiếu lý lịch tư pháp: name in capitals, addresses from the 2025 units
const PHONE = { width: 390, height: 844 };

describe('an application form on a phone: progress, name in capitals, province → commune picker, format checks', () => {
  let server: RunningServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let citizen: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    ctx = await browser.newContext({ baseURL: server.url, locale: 'vi-VN', viewport: PHONE });
    citizen = await ctx.newPage();
    citizen.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => {
    await ctx?.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('shows where the applicant stands and prefills the name in capitals', async () => {
    await submitLogin(citizen, '001099012345', 'Demo@12345', `/procedures/${PROCEDURE}/apply`);
    await citizen.waitForURL(`**/procedures/${PROCEDURE}/apply`);
    const progress = citizen.getByTestId('form-progress');
    await progress.waitFor();
    expect(await progress.getByRole('heading').textContent()).toMatch(/^Tiến độ khai hồ sơ: [0-3]\/3 phần đã xong$/);
    const name = citizen.locator('#fd-fullName');
    expect(await name.inputValue()).toBe('NGUYỄN VĂN AN');
    await name.fill('');
    await name.pressSequentially('trần thị bình');
    expect(await name.inputValue()).toBe('TRẦN THỊ BÌNH');
    expect(await hasHorizontalScroll(citizen, PHONE.width)).toBe(false);
    await expectAccessible(citizen, 'forms-01-apply-phone');
  });

  it('picks the province, then one of its communes from the 2025 list', async () => {
    const commune = citizen.locator('#fd-permanentResidence-commune');
    expect(await commune.isDisabled()).toBe(true);
    const provinces = await citizen.locator('#fd-permanentResidence-province option').allTextContents();
    expect(provinces).toHaveLength(35); // "— Chọn —" and the 34 provinces
    expect(provinces).toContain('Tỉnh Nghệ An');
    await citizen.locator('#fd-permanentResidence-province').selectOption({ label: 'Thành phố Hà Nội' });
    await eventually(() => commune.isDisabled()).toBe(false);
    const names = await commune.locator('option').allTextContents();
    expect(names).toContain('Phường Ba Đình');
    expect(names).not.toContain('Phường Sài Gòn');
    await commune.selectOption({ label: 'Phường Ba Đình' });
    await citizen.locator('#fd-permanentResidence-street').fill('Số 12 phố Tràng Thi');
    // Another province empties the commune chosen.
    await citizen.locator('#fd-temporaryResidence-province').selectOption({ label: 'Tỉnh Nghệ An' });
    await eventually(() => citizen.locator('#fd-temporaryResidence-commune option').count()).toBeGreaterThan(100);
    await screenshot(citizen, 'forms-02-address-picked-phone');
  });

  it('format checks say what is wrong, naming the field, in Vietnamese', async () => {
    await citizen.locator('#fd-phone').fill('12345');
    await citizen.locator('#fd-dateOfBirth').fill('2099-01-01');
    await citizen.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
    const summary = citizen.getByRole('alert').filter({ hasText: 'Có lỗi cần khắc phục' });
    await summary.waitFor();
    const text = String(await summary.textContent());
    expect(text).toContain('Số điện thoại: Số điện thoại Việt Nam không hợp lệ, ví dụ 0912345678.');
    expect(text).toContain('Ngày, tháng, năm sinh: Ngày sinh không thể ở tương lai.');
    expect(text).toContain('Nơi tạm trú (nếu có) › Xã, phường, đặc khu');
    await citizen.locator('#fd-phone-error').filter({ hasText: 'Số điện thoại Việt Nam không hợp lệ' }).waitFor();
    await expectAccessible(citizen, 'forms-03-format-errors-phone');
    expect(pageErrors).toEqual([]);
  });
});
