import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextStep, pickAddress } from './support/api';
import { eventually } from './support/eventually';
import { expectAccessible, hasHorizontalScroll, launchChromium, screenshot, submitLogin } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const PHONE = { width: 390, height: 844 };
const CRIMINAL_RECORD = '3.000333'; // Phiếu lý lịch tư pháp: date of birth and "Nơi thường trú"
const BIRTH = '1.001193'; // Đăng ký khai sinh: the declarant's "Nơi cư trú" (where he lives now)

/**
 * Issue 14 item 9, "never asked twice": a citizen on a phone gives his date of birth and addresses once, in
 * "Thông tin cá nhân", and two forms open with them filled in (he can still change them on the form).
 */
describe('personal details kept once in the account prefill the forms (citizen on a phone)', () => {
  let server: RunningServer;
  let browser: Browser;
  let citizen: Page;
  let ctx: BrowserContext;
  const pageErrors: string[] = [];
  const picked = async (id: string) => citizen.locator(`#${id} option:checked`).textContent();

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

  it('sets the date of birth and both addresses once, from the account page', async () => {
    await submitLogin(citizen, '001099012345', 'Demo@12345', '/account');
    await citizen.waitForURL('**/account');
    const summary = citizen.getByTestId('personal');
    await summary.waitFor();
    // The date of birth given at registration is kept; the addresses are not given yet.
    expect(await summary.textContent()).toContain('15/03/1999');
    expect(await summary.textContent()).toContain('Chưa khai');
    await citizen.getByRole('link', { name: 'Sửa thông tin cá nhân' }).click();
    await citizen.waitForURL('**/account/profile');
    await citizen.getByRole('heading', { name: 'Thông tin cá nhân', level: 1 }).waitFor();
    await expectAccessible(citizen, 'profile-01-empty-phone');

    await pickAddress(citizen, 'fd-permanentAddress', 'Số 12 phố Tràng Thi', {
      province: 'Thành phố Hà Nội',
      commune: 'Phường Hoàn Kiếm',
    });
    // He lives elsewhere now: the second block appears when he says so.
    expect(await citizen.locator('#fd-currentAddress-province').count()).toBe(0);
    await citizen.getByLabel('Nơi ở hiện tại giống nơi thường trú').uncheck();
    await pickAddress(citizen, 'fd-currentAddress', 'Số 5 phố Đội Cấn', {
      province: 'Thành phố Hà Nội',
      commune: 'Phường Ba Đình',
    });
    // A date the ID number denies is refused at the field.
    await citizen.locator('#dob').fill('1998-03-15');
    await citizen.getByRole('button', { name: 'Lưu thông tin' }).click();
    const errors = citizen.getByRole('alert').filter({ hasText: 'Có lỗi cần khắc phục' });
    await errors.waitFor();
    await expectAccessible(citizen, 'profile-02-dob-refused-phone');
    await citizen.locator('#dob').fill('1999-03-15');
    await citizen.getByRole('button', { name: 'Lưu thông tin' }).click();
    await citizen.getByText('Đã lưu thông tin cá nhân.').waitFor();
    expect(await hasHorizontalScroll(citizen, PHONE.width)).toBe(false);
    await expectAccessible(citizen, 'profile-03-saved-phone');

    await citizen.goto('/account');
    await eventually(async () => (await citizen.getByTestId('personal').textContent()) ?? '').toContain(
      'Số 12 phố Tràng Thi, Phường Hoàn Kiếm, Thành phố Hà Nội',
    );
    expect(await citizen.getByTestId('personal').textContent()).toContain('Số 5 phố Đội Cấn, Phường Ba Đình');
    await screenshot(citizen, 'profile-04-account-summary-phone');
  });

  it('the criminal-record form opens with his date of birth and permanent residence', async () => {
    await citizen.goto(`/procedures/${CRIMINAL_RECORD}/apply`);
    await citizen.locator('#step-heading', { hasText: 'Bước 1/7' }).waitFor();
    // The profile is complete: no tip to fill it.
    expect(await citizen.getByTestId('profile-tip').count()).toBe(0);
    await nextStep(citizen, 'Bước 2/7');
    expect(await citizen.locator('#fd-dateOfBirth').inputValue()).toBe('1999-03-15');
    await eventually(() => picked('fd-permanentResidence-commune')).toBe('Phường Hoàn Kiếm');
    expect(await picked('fd-permanentResidence-province')).toBe('Thành phố Hà Nội');
    expect(await citizen.locator('#fd-permanentResidence-street').inputValue()).toBe('Số 12 phố Tràng Thi');
    const block = citizen.locator('[data-address="formData.permanentResidence"]');
    expect(await block.locator('[data-prefilled="account"]').textContent()).toContain('Thông tin cá nhân');
    // Someone else's address on the same form (a temporary residence) is not filled in.
    expect(await citizen.locator('#fd-temporaryResidence-province').inputValue()).toBe('');
    await block.scrollIntoViewIfNeeded();
    await expectAccessible(citizen, 'profile-05-criminal-record-prefilled-phone');
    // He can still change it on the form: the note goes with the change.
    await citizen.locator('#fd-permanentResidence-street').fill('Số 14 phố Tràng Thi');
    expect(await block.locator('[data-prefilled="account"]').count()).toBe(0);
  });

  it('the birth registration opens with where he lives now as the declarant’s residence', async () => {
    await citizen.goto(`/procedures/${BIRTH}/apply`);
    await citizen.locator('#step-heading', { hasText: 'Bước 1/9' }).waitFor();
    await citizen.locator('#agencyCode').selectOption('H26.X001');
    await nextStep(citizen, 'Bước 2/9: Người yêu cầu đăng ký khai sinh');
    await eventually(() => picked('fd-declarant-residence-commune')).toBe('Phường Ba Đình');
    expect(await citizen.locator('#fd-declarant-residence-street').inputValue()).toBe('Số 5 phố Đội Cấn');
    expect(await citizen.locator('#fd-declarant-fullName').inputValue()).toBe('Nguyễn Văn An');
    const block = citizen.locator('[data-address="formData.declarant.residence"]');
    expect(await block.locator('[data-prefilled="account"]').count()).toBe(1);
    await block.scrollIntoViewIfNeeded();
    expect(await hasHorizontalScroll(citizen, PHONE.width)).toBe(false);
    await expectAccessible(citizen, 'profile-06-birth-prefilled-phone');
    expect(pageErrors).toEqual([]);
  });
});
